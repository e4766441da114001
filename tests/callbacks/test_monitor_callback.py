import numpy as np
import pytest

from kerasish import callbacks, metrics
from kerasish.callbacks.monitor_callback import MonitorCallback
from tests.callbacks.fit_problem import make_model


def resolved(monitor, mode="auto", model=None, min_delta=0):
    cb = MonitorCallback(monitor=monitor, mode=mode, min_delta=min_delta)
    cb.set_model(model if model is not None else make_model())
    cb._set_monitor_op()
    return cb


def built_model(metric_list):
    model = make_model(metrics=metric_list)
    model.evaluate(np.zeros((2, 2), "float32"), np.zeros((2, 1)), verbose=0)
    return model


def test_not_exported_like_keras():
    assert not hasattr(callbacks, "MonitorCallback")


def test_loss_resolves_to_min():
    for name in ("loss", "val_loss"):
        cb = resolved(name)
        assert cb._is_improvement(0.5, 0.6) and not cb._is_improvement(0.6, 0.5)


def test_metric_direction_resolves_mode():
    model = built_model(["mae", metrics.BinaryAccuracy()])
    up = resolved("val_binary_accuracy", model=model)
    assert up._is_improvement(0.7, 0.6) and not up._is_improvement(0.5, 0.6)
    down = resolved("mae", model=model)
    assert down._is_improvement(0.5, 0.6) and not down._is_improvement(0.7, 0.6)


def test_explicit_modes_and_none_reference():
    assert resolved("anything", mode="max")._is_improvement(2.0, 1.0)
    assert resolved("anything", mode="min")._is_improvement(1.0, 2.0)
    assert resolved("anything", mode="min")._is_improvement(5.0, None)


def test_min_delta_sign_follows_mode():
    low = resolved("loss", min_delta=0.1)
    assert low.min_delta == -0.1
    assert not low._is_improvement(0.55, 0.6) and low._is_improvement(0.45, 0.6)
    high = resolved("x", mode="max", min_delta=-0.1)
    assert high.min_delta == 0.1
    assert not high._is_improvement(0.65, 0.6) and high._is_improvement(0.75, 0.6)


def test_compares_in_float32_like_keras():
    # Keras' `ops.less` casts both sides to float32 first.
    assert not resolved("loss")._is_improvement(0.1, 0.1 + 1e-12)


def test_unknown_mode_warns_and_falls_back_to_auto():
    with pytest.warns(UserWarning, match="MonitorCallback mode 'best' is unknown"):
        cb = MonitorCallback(mode="best")
    assert cb.mode == "auto"


def test_undeterminable_direction_raises():
    with pytest.raises(ValueError, match="monitor=val_auc, but Keras isn't able"):
        resolved("val_auc")
