"""Crossentropy, hinge, KL and Poisson metrics against real Keras values."""

import numpy as np
import pytest

from kerasish import metrics
from tests.metrics.reference_cases import (
    EXPECTED,
    METRIC_CASES,
    make_batches,
    run_updates,
)

CLASSES = {
    "BinaryCrossentropy",
    "CategoricalCrossentropy",
    "SparseCategoricalCrossentropy",
    "Hinge",
    "SquaredHinge",
    "CategoricalHinge",
    "KLDivergence",
    "Poisson",
}
CASES = [c for c in METRIC_CASES if c[1] in CLASSES]
BATCHES = make_batches()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c[0])
@pytest.mark.parametrize("weighted", [False, True], ids=["plain", "weighted"])
def test_two_updates_match_keras(case, weighted):
    case_id, cls_name, kwargs, key = case
    metric = getattr(metrics, cls_name)(**kwargs)
    results = run_updates(metric, BATCHES[key], weighted)
    expected = EXPECTED[f"{case_id}/{'weighted' if weighted else 'plain'}"]
    np.testing.assert_allclose(results, expected, rtol=1e-5, atol=1e-6)
