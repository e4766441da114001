"""Tests for `kerasish/metrics/iou_metrics.py` (values observed from Keras 3.15.1
on the same data)."""

import warnings

import numpy as np
import pytest

from kerasish import metrics
from tests.metrics.stateless_checks import check_jit_stateless
from tests.metrics.test_confusion_metrics import PB, PM, YB

LT = np.array([0, 1, 2, 2, 1, 0, 3])
LP = np.array([0, 2, 2, 1, 1, 1, 0])
WI = np.array([1, 2, 1, 1, 3, 1, 1], "int32")
WF = np.array([0.5, 1.5, 1, 1, 2.5, 1, 1], "float32")
ONE_HOT = np.eye(3, dtype="float32")[[0, 2, 1, 2, 0, 1]]


@pytest.mark.parametrize(
    "make, data, want",
    [
        (
            lambda: metrics.IoU(4, target_class_ids=[0, 2]),
            (LT, LP, WI),
            0.2916666865348816,
        ),
        (lambda: metrics.MeanIoU(num_classes=4), (LT, LP, None), 0.2291666865348816),
        (lambda: metrics.MeanIoU(4, ignore_class=1), (LT, LP, WI), 0.2083333432674408),
        (
            lambda: metrics.MeanIoU(4, dtype="float32"),
            (LT, LP, WF),
            0.22559523582458496,
        ),
        (lambda: metrics.BinaryIoU(threshold=0.5), (YB, PB, None), 0.5833333730697632),
        (
            lambda: metrics.BinaryIoU([1], threshold=0.35),
            (YB, PB, None),
            0.8333331942558289,
        ),
        (lambda: metrics.OneHotIoU(3, [0, 2]), (ONE_HOT, PM, None), 0.6666666865348816),
        (lambda: metrics.OneHotMeanIoU(3), (ONE_HOT, PM, None), 0.5555555820465088),
        (
            lambda: metrics.OneHotMeanIoU(3, sparse_y_pred=True),
            (ONE_HOT, np.array([0, 2, 2, 2, 1, 1]), None),
            0.5,
        ),
    ],
)
def test_matches_keras(make, data, want):
    metric = make()
    y_true, y_pred, sample_weight = data
    metric.update_state(y_true, y_pred, sample_weight=sample_weight)
    np.testing.assert_allclose(metric.result(), want, rtol=1e-6)
    metric.reset_state()
    assert float(metric.result()) == 0.0


def test_out_of_range_labels_are_dropped():
    m = metrics.MeanIoU(num_classes=2)
    m.update_state([0, 1, 5, -1], [0, 1, 1, 0])
    np.testing.assert_array_equal(m.total_cm.numpy(), [[1, 0], [0, 1]])


def test_float_weights_with_int_dtype_warn_and_truncate():
    m = metrics.MeanIoU(num_classes=4)
    with pytest.warns(UserWarning, match="weight as `float`"):
        m.update_state(LT, LP, sample_weight=WF)
    # 0.5 truncates to 0 and 2.5 to 2, as in Keras' integer confusion matrix.
    assert m.total_cm.numpy()[0, 0] == 0 and m.total_cm.numpy()[1, 1] == 2


def test_jit_stateless_face():
    batches = [(LT[:4], LP[:4], WI[:4]), (LT[4:], LP[4:], WI[4:])]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # integer weights: no warning
        check_jit_stateless(lambda: metrics.IoU(4, [0, 2], ignore_class=3), batches)
    check_jit_stateless(
        lambda: metrics.OneHotMeanIoU(3),
        [(ONE_HOT[:3], PM[:3], None), (ONE_HOT[3:], PM[3:], None)],
    )


def test_config_dtype_direction():
    m = metrics.MeanIoU(num_classes=3, name="miou")
    assert m.dtype == "int32" and m.variables[0].dtype == "int32"
    assert m.variables[0].name == "total_confusion_matrix"
    assert m._direction == "up"
    assert m.get_config() == {
        "num_classes": 3,
        "name": "miou",
        "dtype": "int32",
        "ignore_class": None,
        "sparse_y_true": True,
        "sparse_y_pred": True,
        "axis": -1,
    }
    assert metrics.BinaryIoU(name="b").get_config() == {
        "target_class_ids": [0, 1],
        "threshold": 0.5,
        "name": "b",
        "dtype": "int32",
    }
    iou = metrics.IoU(3, [1], name="i")
    restored = metrics.deserialize(metrics.serialize(iou))
    assert restored.target_class_ids == [1] and restored.num_classes == 3
    with pytest.raises(ValueError, match="out of range"):
        metrics.IoU(num_classes=2, target_class_ids=[2])
