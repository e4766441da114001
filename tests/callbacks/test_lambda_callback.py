from kerasish import callbacks
from tests.callbacks.fit_problem import run


def test_hooks_order_and_logs_match_keras():
    events = []
    cb = callbacks.LambdaCallback(
        on_epoch_begin=lambda e, logs: events.append(("eb", e)),
        on_epoch_end=lambda e, logs: events.append(("ee", e, sorted(logs))),
        on_train_begin=lambda logs: events.append("tb"),
        on_train_end=lambda logs: events.append(("te", sorted(logs))),
        on_train_batch_begin=lambda b, logs: events.append(("bb", b)),
        on_train_batch_end=lambda b, logs: events.append(("be", b, sorted(logs))),
        on_test_end=lambda logs: events.append(("tst", sorted(logs))),
        foo=3,
    )
    run([cb], epochs=2)
    # The exact event sequence Keras 3.15.1 records on this fit.
    epoch = [
        ("bb", 0),
        ("be", 0, ["loss"]),
        ("bb", 1),
        ("be", 1, ["loss"]),
        ("tst", ["loss"]),
    ]
    assert events == [
        "tb",
        ("eb", 0),
        *epoch,
        ("ee", 0, ["loss", "val_loss"]),
        ("eb", 1),
        *epoch,
        ("ee", 1, ["loss", "val_loss"]),
        ("te", ["loss", "val_loss"]),
    ]
    assert cb.foo == 3


def test_unset_hooks_are_no_ops():
    ends = []
    cb = callbacks.LambdaCallback(on_epoch_end=lambda e, logs: ends.append(e))
    assert cb.on_train_begin.__func__ is callbacks.Callback.on_train_begin
    _, history, _ = run([cb], epochs=3)
    assert ends == [0, 1, 2] and history.epoch == [0, 1, 2]
