import numpy as np
import pytest

from kerasish import callbacks
from tests.callbacks.fit_problem import (
    LOSS,
    VAL_LOSS,
    WEIGHTS_EPOCH_2,
    WEIGHTS_EPOCH_3,
    WEIGHTS_EPOCH_5,
    run,
    weights_close,
)

# Every expected value below was observed from Keras 3.15.1 on the same fit.


def test_defaults():
    cb = callbacks.EarlyStopping()
    assert (cb.monitor, cb.min_delta, cb.patience, cb.verbose, cb.mode) == (
        "val_loss",
        0,
        0,
        0,
        "auto",
    )
    assert cb.baseline is None and cb.restore_best_weights is False
    assert cb.start_from_epoch == 0


def test_restore_best_weights():
    cb = callbacks.EarlyStopping(patience=2, verbose=1, restore_best_weights=True)
    model, history, out = run([cb], epochs=10)
    assert history.epoch == [0, 1, 2, 3, 4]
    np.testing.assert_allclose(history.history["loss"], LOSS, rtol=1e-6)
    np.testing.assert_allclose(history.history["val_loss"], VAL_LOSS, rtol=1e-6)
    assert out == (
        "Epoch 5: early stopping\n"
        "Restoring model weights from the end of the best epoch: 3.\n"
    )
    assert cb.stopped_epoch == 4 and cb.best_epoch == 2
    assert weights_close(model, WEIGHTS_EPOCH_3)


def test_without_restore_keeps_last_weights():
    model, history, out = run([callbacks.EarlyStopping(patience=2, verbose=1)], 10)
    assert history.epoch == [0, 1, 2, 3, 4]
    assert out == "Epoch 5: early stopping\n"
    assert weights_close(model, WEIGHTS_EPOCH_5)


def test_monitor_loss_patience_zero_without_validation():
    model, history, out = run([callbacks.EarlyStopping(monitor="loss")], 10, val=False)
    assert history.epoch == [0, 1] and out == ""
    assert weights_close(model, WEIGHTS_EPOCH_2)


def test_baseline_never_beaten_stops_after_patience():
    cb = callbacks.EarlyStopping(
        baseline=0.1, patience=3, restore_best_weights=True, verbose=1
    )
    model, history, out = run([cb], epochs=10)
    assert history.epoch == [0, 1, 2, 3]
    assert out == (
        "Epoch 4: early stopping\n"
        "Restoring model weights from the end of the best epoch: 3.\n"
    )
    assert weights_close(model, WEIGHTS_EPOCH_3)


def test_start_from_epoch():
    cb = callbacks.EarlyStopping(start_from_epoch=3, patience=1, verbose=1)
    _, history, out = run([cb], epochs=10)
    assert history.epoch == [0, 1, 2, 3, 4]
    assert out == "Epoch 5: early stopping\n"


def test_min_delta():
    cb = callbacks.EarlyStopping(min_delta=0.01, patience=1, verbose=1)
    _, history, out = run([cb], epochs=10)
    assert history.epoch == [0, 1, 2] and out == "Epoch 3: early stopping\n"


def test_mode_max():
    cb = callbacks.EarlyStopping(mode="max", verbose=1)
    _, history, out = run([cb], epochs=10)
    assert history.epoch == [0, 1] and out == "Epoch 2: early stopping\n"


def test_auto_mode_from_compiled_metric():
    cb = callbacks.EarlyStopping(monitor="val_mae", verbose=1)
    _, history, out = run([cb], epochs=10, metrics=["mae"])
    np.testing.assert_allclose(
        history.history["val_mae"],
        [0.3215065896511078, 0.32083219289779663, 0.32319194078445435],
        rtol=1e-6,
    )
    assert history.epoch == [0, 1, 2] and out == "Epoch 3: early stopping\n"


def test_unknown_metric_in_auto_mode_raises():
    with pytest.raises(ValueError) as info:
        run([callbacks.EarlyStopping(monitor="val_foo")], epochs=2)
    assert str(info.value) == (
        "EarlyStopping callback received monitor=val_foo, but Keras isn't able "
        "to automatically determine whether that metric should be maximized or "
        "minimized. Pass `mode='max'` in order to monitor based on the highest "
        "metric value, or pass `mode='min'` in order to use the lowest value."
    )


def test_missing_monitor_warns_and_keeps_training():
    cb = callbacks.EarlyStopping(mode="min")
    with pytest.warns(UserWarning) as record:
        _, history, _ = run([cb], epochs=2, val=False)
    messages = [str(w.message) for w in record if "Early" in str(w.message)]
    assert (
        messages
        == [
            "Early stopping conditioned on metric `val_loss` which is not "
            "available. Available metrics are: loss"
        ]
        * 2
    )
    assert history.epoch == [0, 1]
