import jax.numpy as jnp

from kerasish import callbacks


class BatchUser(callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.seen = []

    def on_train_batch_end(self, batch, logs=None):
        self.seen.append((batch, logs))


def test_adds_history_and_progbar_once():
    history = callbacks.History()
    cbs = callbacks.CallbackList([history], add_history=True, add_progbar=True)
    assert cbs.callbacks[0] is history
    assert sum(isinstance(c, callbacks.History) for c in cbs.callbacks) == 1
    assert isinstance(cbs.callbacks[-1], callbacks.ProgbarLogger)


def test_batch_hooks_detected_only_when_overridden():
    assert not callbacks.CallbackList([callbacks.Callback()]).needs_batch_hooks("train")
    assert callbacks.CallbackList([BatchUser()]).needs_batch_hooks("train")
    assert not callbacks.CallbackList([BatchUser()]).needs_batch_hooks("test")
    nan = callbacks.CallbackList([callbacks.TerminateOnNaN()])
    assert not nan.needs_batch_hooks("train")


def test_batch_logs_are_sorted_python_floats_for_user_callbacks():
    user = BatchUser()
    cbs = callbacks.CallbackList([user])
    cbs.on_train_batch_end(3, {"loss": jnp.float32(0.5), "acc": jnp.float32(1.0)})
    batch, logs = user.seen[0]
    assert batch == 3
    assert list(logs) == ["acc", "loss"]
    assert all(type(v) is float for v in logs.values())


def test_progbar_defers_the_last_step_only_beside_history():
    alone = callbacks.CallbackList([], add_history=True, add_progbar=True)
    assert alone.only_loggers() and alone._progbar.defer_last_step
    other = callbacks.CallbackList(
        [callbacks.Callback()], add_history=True, add_progbar=True
    )
    assert not other.only_loggers() and not other._progbar.defer_last_step
