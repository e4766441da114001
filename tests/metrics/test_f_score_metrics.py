"""Tests for `kerasish/metrics/f_score_metrics.py` (values observed from Keras
3.15.1 on the same data)."""

import numpy as np
import pytest

from kerasish import metrics
from tests.metrics.stateless_checks import check_jit_stateless
from tests.metrics.test_confusion_metrics import PM, WM, YM

F1 = {
    None: [0.7058822512626648, 0.8437499403953552, 0.5714284777641296],
    "micro": 0.7023809552192688,
    "macro": 0.7070202231407166,
    "weighted": 0.703083872795105,
}
FBETA = {  # beta=0.5, threshold=0.4, unweighted
    None: [0.9090907573699951, 0.666666567325592, 0.666666567325592],
    "micro": 0.7317072153091431,
    "macro": 0.7474746108055115,
    "weighted": 0.7474746704101562,
}


@pytest.mark.parametrize("average", [None, "micro", "macro", "weighted"])
def test_matches_keras(average):
    f1 = metrics.F1Score(average=average)
    f1.update_state(YM, PM, sample_weight=WM)
    np.testing.assert_allclose(f1.result(), F1[average], rtol=1e-6)
    fbeta = metrics.FBetaScore(average=average, beta=0.5, threshold=0.4)
    fbeta.update_state(YM, PM)
    np.testing.assert_allclose(fbeta.result(), FBETA[average], rtol=1e-6)
    fbeta.reset_state()
    np.testing.assert_allclose(fbeta.result(), np.zeros(np.shape(FBETA[average])))


def test_keras_docstring_example():
    metric = metrics.F1Score(threshold=0.5)
    y_true = np.array([[1, 1, 1], [1, 0, 0], [1, 1, 0]], np.int32)
    y_pred = np.array([[0.2, 0.6, 0.7], [0.2, 0.6, 0.6], [0.6, 0.8, 0.0]], "float32")
    metric.update_state(y_true, y_pred)
    np.testing.assert_allclose(metric.result(), [0.5, 0.8, 0.6666667], rtol=1e-6)


def test_lazy_variables_and_shape_check():
    m = metrics.FBetaScore(average="micro")
    assert m.variables == []
    m.update_state(YM, PM)
    assert [(v.name, v.shape) for v in m.variables] == [
        ("true_positives", ()),
        ("false_positives", ()),
        ("false_negatives", ()),
        ("intermediate_weights", ()),
    ]
    with pytest.raises(ValueError, match="2D inputs"):
        metrics.F1Score().update_state(YM[:, 0], PM[:, 0])


@pytest.mark.parametrize("average", [None, "weighted"])
def test_jit_stateless_face(average):
    batches = [(YM[:3], PM[:3], WM[:3]), (YM[3:], PM[3:], WM[3:])]
    check_jit_stateless(lambda: metrics.F1Score(average=average), batches, build=True)


def test_config_and_validation():
    assert metrics.F1Score().get_config() == {
        "name": "f1_score",
        "dtype": "float32",
        "average": None,
        "threshold": None,
    }
    fbeta = metrics.FBetaScore(average="macro", beta=2.0, threshold=0.3)
    assert fbeta._direction == "up"
    restored = metrics.deserialize(metrics.serialize(fbeta))
    assert (restored.beta, restored.average, restored.threshold) == (2.0, "macro", 0.3)
    with pytest.raises(ValueError, match="average"):
        metrics.FBetaScore(average="samples")
    with pytest.raises(ValueError, match="beta"):
        metrics.FBetaScore(beta=2)
    with pytest.raises(ValueError, match="threshold"):
        metrics.F1Score(threshold=1.5)
