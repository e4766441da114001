"""Batch hooks in fit: Keras' `steps_per_execution` indices, mid-epoch sync."""

import numpy as np
import pytest

import kerasish as keras


class Recorder(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.calls = []

    def on_train_batch_begin(self, batch, logs=None):
        self.calls.append(("b", batch))

    def on_train_batch_end(self, batch, logs=None):
        self.calls.append(("e", batch))

    def on_test_batch_begin(self, batch, logs=None):
        self.calls.append(("tb", batch))

    def on_test_batch_end(self, batch, logs=None):
        self.calls.append(("te", batch))


def _pairs(*indices):
    out = []
    for kind, first, last in indices:
        out += [(kind[0], first), (kind[1], last)]
    return out


# Observed from Keras 3.15.1 (JAX): 5 (10 samples) or 6 (11 samples) batches
# of 2, validation on 3 batches. Hooks bracket each execution and the end
# index is first + steps_per_execution - 1, even past the last batch.
TRAIN, TEST = ("b", "e"), ("tb", "te")
KERAS_CALLS = {
    (10, 1): _pairs(
        *[(TRAIN, i, i) for i in range(5)], *[(TEST, i, i) for i in range(3)]
    ),
    (10, 2): _pairs(
        (TRAIN, 0, 1), (TRAIN, 2, 3), (TRAIN, 4, 5), (TEST, 0, 1), (TEST, 2, 3)
    ),
    (10, 3): _pairs((TRAIN, 0, 2), (TRAIN, 3, 5), (TEST, 0, 2)),
    (10, 7): _pairs((TRAIN, 0, 6), (TEST, 0, 6)),
    (11, 1): _pairs(
        *[(TRAIN, i, i) for i in range(6)], *[(TEST, i, i) for i in range(3)]
    ),
    (11, 2): _pairs(
        (TRAIN, 0, 1), (TRAIN, 2, 3), (TRAIN, 4, 5), (TEST, 0, 1), (TEST, 2, 3)
    ),
    (11, 3): _pairs((TRAIN, 0, 2), (TRAIN, 3, 5), (TEST, 0, 2)),
    (11, 7): _pairs((TRAIN, 0, 6), (TEST, 0, 6)),
}


def _model(spe):
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(
        optimizer=keras.optimizers.SGD(0.1), loss="mse", steps_per_execution=spe
    )
    model.set_weights([np.full((2, 1), 0.5, "float32"), np.zeros(1, "float32")])
    return model


@pytest.mark.parametrize("n, spe", sorted(KERAS_CALLS))
def test_batch_hook_indices_follow_steps_per_execution(n, spe):
    x = np.arange(2 * n, dtype="float32").reshape(n, 2) / n
    y = x.sum(axis=1, keepdims=True)
    recorder = Recorder()
    _model(spe).fit(
        x,
        y,
        batch_size=2,
        epochs=1,
        verbose=0,
        validation_data=(x[:5], y[:5]),
        callbacks=[recorder],
    )
    assert recorder.calls == KERAS_CALLS[(n, spe)]


def test_same_training_whatever_the_hooks():
    x = np.arange(22, dtype="float32").reshape(11, 2) / 11
    y = x.sum(axis=1, keepdims=True)
    fused, hooked = _model(1), _model(3)
    fused.fit(x, y, batch_size=2, epochs=2, shuffle=False, verbose=0)
    hooked.fit(
        x, y, batch_size=2, epochs=2, shuffle=False, verbose=0, callbacks=[Recorder()]
    )
    for a, b in zip(fused.get_weights(), hooked.get_weights(), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-6)


class WeightSpy(keras.callbacks.Callback):
    """Reads the model mid-epoch, as a checkpoint would."""

    def __init__(self):
        super().__init__()
        self.kernels, self.iterations = [], []

    def on_train_batch_end(self, batch, logs=None):
        self.kernels.append(self.model.get_weights()[0].copy())
        self.iterations.append(int(self.model.optimizer.iterations.numpy()))
        if batch == 3:
            self.model.stop_training = True


def test_model_read_mid_epoch_is_synced_and_stop_training_ends_epoch():
    x = np.arange(16, dtype="float32").reshape(8, 2) / 8
    y = x.sum(axis=1, keepdims=True)
    model, spy = _model(2), WeightSpy()
    history = model.fit(
        x, y, batch_size=2, epochs=3, shuffle=False, verbose=0, callbacks=[spy]
    )
    # Synced after each execution of 2 steps; stopped after batches 2-3.
    assert spy.iterations == [2, 4] and history.epoch == [0]
    assert not np.allclose(spy.kernels[0], spy.kernels[1])
    np.testing.assert_array_equal(spy.kernels[-1], model.get_weights()[0])
    reference = _model(1)
    reference.fit(x, y, batch_size=2, epochs=1, shuffle=False, verbose=0)
    np.testing.assert_allclose(spy.kernels[-1], reference.get_weights()[0], rtol=1e-6)


class _Bar:
    def __init__(self, verbose, in_fit=False):
        self.verbose, self._called_in_fit = verbose, in_fit


class _Callbacks:
    def __init__(self, progbar):
        self._progbar = progbar


def test_progress_bar_calls_last_about_its_refresh_interval():
    from kerasish.trainers.loops import PROGBAR_INTERVAL, fused_steps

    shown = _Callbacks(_Bar(1))
    assert fused_steps(_Callbacks(None), 100, "train") == 100
    assert fused_steps(_Callbacks(_Bar(2)), 100, "train") == 100
    assert fused_steps(_Callbacks(_Bar(1, in_fit=True)), 100, "test") == 100
    assert fused_steps(shown, 100, "train") == 5  # untimed: 20 calls
    # 100 steps of 10 ms: 1 s, in 20 calls of 0.05 s.
    assert fused_steps(shown, 100, "train", PROGBAR_INTERVAL / 5) == 5
    assert fused_steps(shown, 100, "train", 1e-6) == 100  # fast: one call
    # Slow steps: 2 per call, so the looped runner serves every epoch.
    assert fused_steps(shown, 100, "train", 10.0) == 2
    assert fused_steps(shown, 1, "train", 10.0) == 1


def test_progress_bar_fit_times_its_steps_and_learns_the_same():
    from contextlib import redirect_stdout
    from io import StringIO

    def fit(verbose):
        keras.utils.set_random_seed(1)
        np.random.seed(1)
        model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
        model.compile(optimizer="sgd", loss="mse")
        x = np.arange(200, dtype="float32").reshape(100, 2) / 100
        with redirect_stdout(StringIO()):
            model.fit(x, x[:, :1], batch_size=4, epochs=3, verbose=verbose)
        return model

    shown, silent = fit(1), fit(0)
    assert shown._runtime.step_seconds["train"] > 0
    assert "train" not in silent._runtime.step_seconds
    for a, b in zip(shown.get_weights(), silent.get_weights(), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-6)


def test_timed_steps_are_retimed_only_when_an_epoch_takes_several_calls():
    from contextlib import redirect_stdout
    from io import StringIO

    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    x = np.ones((40, 2), dtype="float32")

    def fit_with(step_seconds):
        model._runtime.step_seconds["train"] = step_seconds
        with redirect_stdout(StringIO()):
            model.fit(x, x[:, :1], batch_size=4, epochs=2, verbose=1)
        return model._runtime.step_seconds["train"]

    with redirect_stdout(StringIO()):
        model.fit(x, x[:, :1], batch_size=4, epochs=1, verbose=1)  # compiles
    # One call per epoch, already timed: not waited on again.
    assert fit_with(1e-9) == 1e-9
    # Several calls per epoch (0.05 s steps, 10 steps): timed again.
    assert fit_with(0.05) != 0.05
