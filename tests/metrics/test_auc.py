"""Tests for `kerasish/metrics/auc.py` (values observed from Keras 3.15.1 on the
same data)."""

import numpy as np
import pytest

from kerasish import metrics
from tests.metrics.stateless_checks import check_jit_stateless
from tests.metrics.test_confusion_metrics import PB, PM, WB, WM, YB, YM

CURVE_CASES = {
    ("ROC", "interpolation"): 0.6967654824256897,
    ("ROC", "minoring"): 0.6967654824256897,
    ("ROC", "majoring"): 0.6967654824256897,
    ("PR", "interpolation"): 0.8353051543235779,
    ("PR", "minoring"): 0.6189175844192505,
    ("PR", "majoring"): 0.857796847820282,
    ("PRGAIN", "interpolation"): 0.30194804072380066,
    ("PRGAIN", "minoring"): 0.13961035013198853,
    ("PRGAIN", "majoring"): 0.4642857313156128,
}


@pytest.mark.parametrize("curve, method", sorted(CURVE_CASES))
def test_curves_and_summations(curve, method):
    m = metrics.AUC(num_thresholds=20, curve=curve, summation_method=method)
    m.update_state(YB, PB, sample_weight=WB)
    np.testing.assert_allclose(m.result(), CURVE_CASES[curve, method], rtol=1e-6)


@pytest.mark.parametrize(
    "kwargs, data, want",
    [
        ({}, "binary", 0.6967654824256897),
        ({"thresholds": [0.3, 0.5, 0.75]}, "binary", 0.6563342213630676),
        ({"thresholds": [0.25, 0.5, 0.75]}, "binary", 0.6563342213630676),
        ({"num_thresholds": 10, "multi_label": True}, "multi", 0.8524386286735535),
        (
            {"num_thresholds": 10, "multi_label": True, "num_labels": 3,
             "label_weights": [0.2, 1.0, 0.5]},
            "multi",
            0.7903075218200684,
        ),
        (
            {"num_thresholds": 10, "curve": "PR", "multi_label": True,
             "label_weights": [0.2, 1.0, 0.5]},
            "multi",
            0.8827857375144958,
        ),
        ({"num_thresholds": 10, "label_weights": [0.2, 1.0, 0.5]}, "multi",
         0.7442938685417175),
    ],
)  # fmt: skip
def test_matches_keras(kwargs, data, want):
    m = metrics.AUC(**kwargs)
    y, p, w = (YB, PB, WB) if data == "binary" else (YM, PM, WM)
    m.update_state(y, p, sample_weight=w)
    np.testing.assert_allclose(m.result(), want, rtol=1e-6)
    m.reset_state()
    assert float(m.result()) == 0.0


def test_from_logits():
    m = metrics.AUC(num_thresholds=15, from_logits=True)
    m.update_state(YB, (PB - 0.5) * 6, sample_weight=WB)
    np.testing.assert_allclose(m.result(), 0.6967654824256897, rtol=1e-6)


def test_keras_docstring_example():
    m = metrics.AUC(num_thresholds=3)
    m.update_state([0, 0, 1, 1], [0, 0.5, 0.3, 0.9])
    np.testing.assert_allclose(m.result(), 0.75)


def test_multi_label_builds_lazily():
    m = metrics.AUC(multi_label=True)
    assert m.variables == []
    m.update_state(YM, PM)
    assert [v.shape for v in m.variables] == [(200, 3)] * 4
    with pytest.raises(ValueError, match="rank 2"):
        metrics.AUC(multi_label=True).update_state(YB, PB)


@pytest.mark.parametrize(
    "kwargs, data, build",
    [
        ({"num_thresholds": 20}, "binary", False),
        ({"thresholds": [0.3, 0.5, 0.75], "curve": "PR"}, "binary", False),
        ({"num_thresholds": 10, "multi_label": True}, "multi", True),
    ],
)
def test_jit_stateless_face(kwargs, data, build):
    y, p, w = (YB, PB, WB) if data == "binary" else (YM, PM, WM)
    half = len(y) // 2
    batches = [(y[:half], p[:half], w[:half]), (y[half:], p[half:], w[half:])]
    check_jit_stateless(lambda: metrics.AUC(**kwargs), batches, build=build)


def test_config_and_thresholds():
    m = metrics.AUC(thresholds=[0.5, 0.25], name="auc_x")
    assert m.get_config() == {
        "name": "auc_x",
        "dtype": "float32",
        "num_thresholds": 4,
        "curve": "ROC",
        "summation_method": "interpolation",
        "multi_label": False,
        "num_labels": None,
        "label_weights": None,
        "from_logits": False,
        "thresholds": [0.25, 0.5],
    }
    restored = metrics.deserialize(metrics.serialize(m))
    assert restored.thresholds == m.thresholds
    default = metrics.AUC()
    assert len(default.thresholds) == 200
    np.testing.assert_allclose(
        default.thresholds[:3], [-1e-07, 0.005025125628140704, 0.010050251256281407]
    )
    assert default._direction == "up"
    assert [v.name for v in default.variables] == [
        "true_positives",
        "false_positives",
        "true_negatives",
        "false_negatives",
    ]


def test_invalid_arguments():
    with pytest.raises(ValueError, match="num_thresholds"):
        metrics.AUC(num_thresholds=1)
    with pytest.raises(ValueError, match="curve"):
        metrics.AUC(curve="XY")
    with pytest.raises(ValueError, match="summation method"):
        metrics.AUC(summation_method="trapezoid")
    with pytest.raises(ValueError, match="num_labels"):
        metrics.AUC(num_labels=3)
