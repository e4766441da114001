"""Tests for `kerasish/metrics/confusion_metrics.py` (values observed from Keras
3.15.1 on the same data)."""

import numpy as np
import pytest

from kerasish import metrics
from tests.metrics.stateless_checks import check_jit_stateless

YB = np.array([0, 1, 1, 0, 1, 0, 1, 1], "float32")
PB = np.array([0.1, 0.8, 0.35, 0.6, 0.5, 0.0, 1.0, 0.7], "float32")
WB = np.array([1.0, 0.5, 2.0, 1.5, 1.0, 0.3, 1.0, 0.8], "float32")
YM = np.array(
    [[1, 0, 1], [0, 1, 1], [1, 1, 0], [0, 0, 1], [1, 0, 0], [0, 1, 0]], "float32"
)
PM = np.array(
    [
        [0.9, 0.2, 0.6],
        [0.3, 0.8, 0.4],
        [0.55, 0.1, 0.7],
        [0.05, 0.45, 0.95],
        [0.4, 0.35, 0.1],
        [0.2, 0.6, 0.3],
    ],
    "float32",
)
WM = np.array([0.5, 1.5, 1.0, 2.0, 0.7, 1.2], "float32")

CASES = [
    ("tp", metrics.TruePositives, {}, "binary", True, 2.299999952316284),
    ("fp_list", metrics.FalsePositives, {"thresholds": [0.0, 0.5, 1.0]}, "binary",
     False, [2.0, 1.0, 0.0]),
    ("tn_list", metrics.TrueNegatives, {"thresholds": [0.0, 0.5, 1.0]}, "binary",
     True, [0.2999999523162842, 1.2999999523162842, 2.799999952316284]),
    ("fn_list", metrics.FalseNegatives, {"thresholds": [0.3, 0.6]}, "binary", True,
     [0.0, 3.0]),
    ("tp_multi", metrics.TruePositives, {"thresholds": [0.25, 0.5]}, "multi", True,
     [8.899999618530273, 6.699999809265137]),
    ("precision", metrics.Precision, {}, "binary", True, 0.6052631735801697),
    ("precision_thr", metrics.Precision, {"thresholds": [0.0, 0.5, 1.0]}, "binary",
     True, [0.6794871687889099, 0.6052631735801697, 0.0]),
    ("precision_top_k", metrics.Precision, {"top_k": 2}, "multi", True,
     0.6449275612831116),
    ("precision_top_k_class", metrics.Precision, {"top_k": 1, "class_id": 2},
     "multi", False, 0.5),
    ("recall", metrics.Recall, {}, "binary", True, 0.43396222591400146),
    ("recall_class_thr", metrics.Recall, {"thresholds": [0.3, 0.5], "class_id": 0},
     "multi", True, [1.0, 0.6818181872367859]),
    ("recall_top_k", metrics.Recall, {"top_k": 2}, "multi", True, 0.8989899158477783),
]  # fmt: skip


def _data(kind, weighted):
    y, p, w = (YB, PB, WB) if kind == "binary" else (YM, PM, WM)
    return y, p, (w if weighted else None)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c[0])
def test_matches_keras(case):
    _, cls, kwargs, kind, weighted, want = case
    metric = cls(**kwargs)
    y, p, w = _data(kind, weighted)
    metric.update_state(y, p, sample_weight=w)
    got = np.asarray(metric.result())
    assert got.shape == np.shape(want)
    np.testing.assert_allclose(got, want, rtol=1e-6)
    metric.reset_state()
    np.testing.assert_allclose(metric.result(), np.zeros(np.shape(want)))


# One case per update path: bucketed, tiled, top-k with class id, per-class.
JIT_CASES = [
    c
    for c in CASES
    if c[0] in ("fp_list", "precision", "precision_top_k_class", "recall_class_thr")
]


@pytest.mark.parametrize("case", JIT_CASES, ids=lambda c: c[0])
def test_jit_stateless_face(case):
    _, cls, kwargs, kind, weighted, _ = case
    y, p, w = _data(kind, weighted)
    half = len(y) // 2
    batches = [(y[:half], p[:half], None if w is None else w[:half]),
               (y[half:], p[half:], None if w is None else w[half:])]  # fmt: skip
    check_jit_stateless(lambda: cls(**kwargs), batches)


def test_precision_recall_keras_docstring():
    m = metrics.Precision()
    m.update_state([0, 1, 1, 1], [1, 0, 1, 1])
    np.testing.assert_allclose(m.result(), 2 / 3, rtol=1e-6)
    m = metrics.Recall()
    m.update_state([0, 1, 1, 1], [1, 0, 1, 1], sample_weight=[0, 0, 1, 0])
    np.testing.assert_allclose(m.result(), 1.0)


def test_names_variables_direction_config():
    m = metrics.Precision(thresholds=[0.2, 0.4], top_k=3, class_id=1, name="p")
    assert [v.name for v in m.variables] == ["true_positives", "false_positives"]
    assert [v.name for v in metrics.Recall().variables] == [
        "true_positives",
        "false_negatives",
    ]
    assert m._direction == "up"
    assert not hasattr(metrics.TruePositives(), "_direction")
    assert m.get_config() == {
        "name": "p",
        "dtype": "float32",
        "thresholds": [0.2, 0.4],
        "top_k": 3,
        "class_id": 1,
    }
    tp = metrics.TruePositives(thresholds=0.3, name="tp")
    assert tp.get_config() == {"name": "tp", "dtype": "float32", "thresholds": 0.3}
    assert [v.name for v in tp.variables] == ["accumulator"]
    restored = metrics.deserialize(metrics.serialize(m))
    assert isinstance(restored, metrics.Precision) and restored.top_k == 3
    assert isinstance(metrics.get("true_positives"), metrics.TruePositives)


def test_invalid_thresholds_and_class_id():
    with pytest.raises(ValueError, match="Threshold values must be in"):
        metrics.Precision(thresholds=[0.5, 1.2])
    with pytest.raises(ValueError, match="class_id"):
        metrics.Recall(class_id=0).update_state(YB, PB)
