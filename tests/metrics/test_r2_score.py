"""Tests for `kerasish/metrics/r2_score.py` (values observed from Keras 3.15.1 on
the same data)."""

import numpy as np
import pytest

from kerasish import metrics
from tests.metrics.stateless_checks import check_jit_stateless
from tests.metrics.test_correlation_metrics import PR, WR, YR


@pytest.mark.parametrize(
    "kwargs, weighted, want",
    [
        ({}, True, 0.687778651714325),
        ({"class_aggregation": None}, True,
         [0.8598553538322449, 0.6286505460739136, 0.5748299360275269]),
        ({"class_aggregation": "variance_weighted_average"}, False, 0.7430503368377686),
        ({"num_regressors": 2}, True, 0.6183961629867554),
    ],
)  # fmt: skip
def test_matches_keras(kwargs, weighted, want):
    m = metrics.R2Score(**kwargs)
    m.update_state(YR, PR, sample_weight=WR if weighted else None)
    np.testing.assert_allclose(m.result(), want, rtol=1e-6)


def test_adjusted_falls_back_with_too_few_samples():
    m = metrics.R2Score(num_regressors=11)
    m.update_state(YR, PR)
    with pytest.warns(UserWarning, match="Falling back"):
        np.testing.assert_allclose(m.result(), 0.7326604723930359, rtol=1e-6)


def test_column_and_rank_1_prediction():
    m = metrics.R2Score()
    m.update_state(YR[:, :1], PR[:, 0])
    np.testing.assert_allclose(m.result(), 0.873284101486206, rtol=1e-6)


def test_keras_docstring_example_and_reset():
    m = metrics.R2Score()
    m.update_state(
        np.array([[1], [4], [3]], "float32"), np.array([[2], [4], [4]], "float32")
    )
    np.testing.assert_allclose(m.result(), 0.57142854, rtol=1e-6)
    m.reset_state()
    assert np.isnan(m.result())  # 0 / 0, as in Keras


@pytest.mark.parametrize("kwargs", [{}, {"num_regressors": 1}])
def test_jit_stateless_face(kwargs):
    batches = [(YR[:2], PR[:2], WR[:2]), (YR[2:], PR[2:], WR[2:])]
    check_jit_stateless(lambda: metrics.R2Score(**kwargs), batches, build=True)


def test_config_variables_direction():
    m = metrics.R2Score(class_aggregation=None, num_regressors=1)
    assert m.get_config() == {
        "name": "r2_score",
        "dtype": "float32",
        "class_aggregation": None,
        "num_regressors": 1,
    }
    assert m._direction == "up"
    m.update_state(YR, PR)
    assert [v.name for v in m.variables] == [
        "num_samples",
        "squared_sum",
        "sum",
        "residual",
        "count",
    ]
    with pytest.raises(ValueError, match="class_aggregation"):
        metrics.R2Score(class_aggregation="mean")
    with pytest.raises(ValueError, match="num_regressors"):
        metrics.R2Score(num_regressors=-1)
