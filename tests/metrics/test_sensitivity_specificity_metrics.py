"""Tests for `kerasish/metrics/sensitivity_specificity_metrics.py` (values
observed from Keras 3.15.1 on the same data)."""

import numpy as np
import pytest

from kerasish import metrics
from tests.metrics.stateless_checks import check_jit_stateless
from tests.metrics.test_confusion_metrics import PB, PM, WB, WM, YB, YM

CLASSES = {
    "sas": (metrics.SensitivityAtSpecificity, 0.6),
    "spas": (metrics.SpecificityAtSensitivity, 0.6),
    "par": (metrics.PrecisionAtRecall, 0.7),
    "rap": (metrics.RecallAtPrecision, 0.7),
}
# Keras results for num_thresholds = 200 (and 7, equal here) and 1.
WANT = {
    "sas": (0.43396222591400146, 0.0),
    "spas": (0.4642857015132904, 0.0),
    "par": (0.779411792755127, 0.0),
    "rap": (1.0, 0.0),
}


@pytest.mark.parametrize("key", sorted(CLASSES))
@pytest.mark.parametrize("num_thresholds", [200, 1])
def test_matches_keras(key, num_thresholds):
    cls, value = CLASSES[key]
    metric = cls(value, num_thresholds=num_thresholds)
    metric.update_state(YB, PB, sample_weight=WB)
    want = WANT[key][1] if num_thresholds == 1 else WANT[key][0]
    np.testing.assert_allclose(metric.result(), want, rtol=1e-6)
    metric.reset_state()
    assert float(metric.result()) == 0.0


def test_class_id():
    metric = metrics.PrecisionAtRecall(0.5, class_id=1)
    metric.update_state(YM, PM, sample_weight=WM)
    np.testing.assert_allclose(metric.result(), 1.0)


@pytest.mark.parametrize("key", ["sas", "rap"])
def test_jit_stateless_face(key):
    cls, value = CLASSES[key]
    batches = [(YB[:4], PB[:4], WB[:4]), (YB[4:], PB[4:], WB[4:])]
    check_jit_stateless(lambda: cls(value, num_thresholds=50), batches)


def test_config_direction_and_variables():
    m = metrics.SpecificityAtSensitivity(0.4, num_thresholds=9, class_id=2, name="s")
    assert m.get_config() == {
        "name": "s",
        "dtype": "float32",
        "class_id": 2,
        "num_thresholds": 9,
        "sensitivity": 0.4,
    }
    assert m._direction == "up"
    assert [v.name for v in m.variables] == [
        "true_positives",
        "false_positives",
        "true_negatives",
        "false_negatives",
    ]
    assert m.thresholds[:2] == [0.0, 0.125] and m.thresholds[-1] == 1.0
    restored = metrics.deserialize(metrics.serialize(m))
    assert restored.sensitivity == 0.4 and restored.num_thresholds == 9


@pytest.mark.parametrize("key", sorted(CLASSES))
def test_invalid_value(key):
    cls, _ = CLASSES[key]
    with pytest.raises(ValueError, match="must be in the range"):
        cls(1.5)
    with pytest.raises(ValueError, match="num_thresholds"):
        cls(0.5, num_thresholds=0)
