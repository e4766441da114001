"""Tests for `kerasish/metrics/metrics_utils.py`."""

import jax
import numpy as np
import pytest

from kerasish.core import scope as scope_lib
from kerasish.core.variables import Variable
from kerasish.metrics import metrics_utils as mu

Y = np.array([0, 1, 1, 0, 1, 0, 1, 1], "float32")
P = np.array([0.1, 0.8, 0.35, 0.6, 0.5, 0.0, 1.0, 0.7], "float32")
W = np.array([1.0, 0.5, 2.0, 1.5, 1.0, 0.3, 1.0, 0.8], "float32")


def _counts(thresholds, evenly, **kwargs):
    variables = {
        k: Variable(np.zeros(len(thresholds), "float32")) for k in "tp fp tn fn".split()
    }
    mu.update_confusion_matrix_variables(
        variables, Y, P, thresholds, thresholds_distributed_evenly=evenly, **kwargs
    )
    return {k: np.asarray(v.value) for k, v in variables.items()}


def test_parse_and_validate_thresholds():
    assert mu.parse_init_thresholds(None) == [0.5]
    assert mu.parse_init_thresholds(0.3) == [0.3]
    assert mu.parse_init_thresholds(None, default_threshold=mu.NEG_INF) == [-1e10]
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        mu.parse_init_thresholds([0.2, 1.5])


def test_is_evenly_distributed():
    assert mu.is_evenly_distributed_thresholds([0.0, 0.5, 1.0])
    assert not mu.is_evenly_distributed_thresholds([0.0, 1.0])
    assert not mu.is_evenly_distributed_thresholds([0.0, 0.4, 1.0])


def test_bucketed_path_equals_tiled_path():
    # Thresholds [0, .5, 1]: predictions of exactly 0.5 and 1.0 are not above.
    fast = _counts([0.0, 0.5, 1.0], True, sample_weight=W)
    slow = _counts([0.0, 0.5, 1.0], False, sample_weight=W)
    for key in fast:
        np.testing.assert_allclose(fast[key], slow[key], rtol=1e-6, err_msg=key)
    np.testing.assert_allclose(fast["tp"], [5.3, 2.3, 0.0], rtol=1e-6)
    # TN values observed from Keras' TrueNegatives(thresholds=[0, 0.5, 1]).
    np.testing.assert_allclose(fast["tn"], [0.3, 1.3, 2.8], rtol=1e-6)


def test_weighted_counts_unweighted():
    counts = _counts([0.3, 0.6], False)
    np.testing.assert_allclose(counts["tp"], [5, 3])
    np.testing.assert_allclose(counts["fn"], [0, 2])
    np.testing.assert_allclose(counts["fp"], [1, 0])
    np.testing.assert_allclose(counts["tn"], [2, 3])


def test_invalid_keys_and_label_weights():
    with pytest.raises(ValueError, match="Invalid keys"):
        mu.update_confusion_matrix_variables(
            {"xx": Variable(np.zeros(1, "float32"))}, Y, P, 0.5
        )
    with pytest.raises(ValueError, match="label_weights"):
        mu.update_confusion_matrix_variables(
            {"tp": Variable(np.zeros(1, "float32"))},
            Y,
            P,
            0.5,
            multi_label=True,
            label_weights=[1.0],
        )


def test_filter_top_k():
    x = np.array([[0.1, 0.7, 0.3], [0.9, 0.2, 0.4]], "float32")
    got = np.asarray(mu.filter_top_k(x, 1))
    np.testing.assert_allclose(got, [[-1e10, 0.7, -1e10], [0.9, -1e10, -1e10]])


def test_confusion_matrix_keras_example():
    got = mu.confusion_matrix([1, 2, 4], [2, 2, 4], num_classes=5)
    want = np.zeros((5, 5), "int32")
    want[1, 2] = want[2, 2] = want[4, 4] = 1
    np.testing.assert_array_equal(got, want)
    weighted = mu.confusion_matrix(
        [0, 1, 1], [0, 1, 0], 2, weights=[2.0, 0.5, 1.0], dtype="float32"
    )
    np.testing.assert_allclose(weighted, [[2.0, 0.0], [1.0, 0.5]])


def test_update_is_jittable():
    tp = Variable(np.zeros(3, "float32"))

    def counts(y, p, w):
        with scope_lib.enter(scope_lib.Scope(values={id(tp): tp.value})) as scope:
            mu.update_confusion_matrix_variables(
                {"tp": tp},
                y,
                p,
                [0.0, 0.5, 1.0],
                sample_weight=w,
                thresholds_distributed_evenly=True,
            )
        return scope.updates[id(tp)]

    np.testing.assert_allclose(jax.jit(counts)(Y, P, W), [5.3, 2.3, 0.0], rtol=1e-6)
