"""Tests for `kerasish/metrics/correlation_metrics.py` (values observed from
Keras 3.15.1 on the same data)."""

import numpy as np

from kerasish import metrics
from tests.metrics.stateless_checks import check_jit_stateless

YR = np.array(
    [[0.0, 1.0, 0.5], [1.0, 1.0, 0.2], [0.3, 0.9, 1.7], [2.0, -1.0, 0.4]], "float32"
)
PR = np.array(
    [[0.1, 0.9, 0.5], [1.0, 0.9, 0.2], [0.5, 0.4, 1.2], [1.5, -0.2, 0.9]], "float32"
)
WR = np.array([1.0, 0.5, 2.0, 1.5], "float32")


def test_functions_match_keras():
    np.testing.assert_allclose(
        metrics.pearson_correlation(YR, PR),
        [
            0.9999999403953552,
            0.9933992624282837,
            0.8492320775985718,
            0.9787185192108154,
        ],
        rtol=1e-6,
    )
    np.testing.assert_allclose(
        metrics.pearson_correlation(YR, PR, axis=0),
        [0.9834733009338379, 0.9131714701652527, 0.8159608840942383],
        rtol=1e-6,
    )
    # Keras centres `y_true` on the mean of `y_pred` in the covariance: copied.
    np.testing.assert_allclose(
        metrics.concordance_correlation(YR, PR),
        [0.975609302520752, 0.987653911113739, 0.6582277417182922, 0.8163266181945801],
        rtol=1e-6,
    )
    np.testing.assert_allclose(
        metrics.concordance_correlation(YR, PR, axis=0),
        [0.9139166474342346, 0.7560320496559143, 0.7448978424072266],
        rtol=1e-6,
    )


def test_classes_match_keras():
    pearson = metrics.PearsonCorrelation()
    pearson.update_state(YR, PR, sample_weight=WR)
    np.testing.assert_allclose(pearson.result(), 0.9326483011245728, rtol=1e-6)
    concordance = metrics.ConcordanceCorrelation()
    concordance.update_state(YR, PR, sample_weight=WR)
    np.testing.assert_allclose(concordance.result(), 0.8020763397216797, rtol=1e-6)


def test_jit_stateless_face():
    batches = [(YR[:2], PR[:2], WR[:2]), (YR[2:], PR[2:], WR[2:])]
    check_jit_stateless(metrics.PearsonCorrelation, batches)
    check_jit_stateless(metrics.ConcordanceCorrelation, batches)


def test_config_and_direction():
    m = metrics.PearsonCorrelation(axis=0)
    assert m.get_config() == {
        "name": "pearson_correlation",
        "dtype": "float32",
        "axis": 0,
    }
    assert m._direction == "up"
    assert metrics.ConcordanceCorrelation()._direction == "up"
    restored = metrics.deserialize(metrics.serialize(m))
    assert isinstance(restored, metrics.PearsonCorrelation) and restored.axis == 0
