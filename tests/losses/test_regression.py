"""Regression, hinge and distribution loss classes against real Keras values."""

import jax
import numpy as np
import pytest

from kerasish import losses
from tests.losses.reference_cases import (
    EXPECTED,
    LOSS_CASES,
    VARIANTS,
    make_inputs,
    sample_weight_for,
)

CASES = [c for c in LOSS_CASES if "Crossentropy" not in c[1]]
INPUTS = make_inputs()
# Reductions and weight shapes are exercised in full on a few losses; every
# other loss is checked unweighted, weighted and unreduced.
FULL = {"mse", "huber_delta", "bce_logits", "cce_logits_smooth", "scce_col"}
MATRIX = [
    (case, variant)
    for case in CASES
    for variant in VARIANTS
    if case[0] in FULL or variant[0] in ("default", "sw", "none")
]


@pytest.mark.parametrize(
    "case, variant", MATRIX, ids=[f"{c[0]}-{v[0]}" for c, v in MATRIX]
)
def test_matches_keras(case, variant):
    case_id, cls_name, kwargs, key = case
    variant_id, reduction, weight_kind = variant
    y_true, y_pred = INPUTS[key]
    loss = getattr(losses, cls_name)(reduction=reduction, **kwargs)
    value = loss(y_true, y_pred, sample_weight=sample_weight_for(weight_kind, INPUTS))
    expected = EXPECTED[f"{case_id}/{variant_id}"]
    np.testing.assert_allclose(np.ravel(value), expected, rtol=1e-5, atol=1e-6)


def test_default_names_and_config():
    assert losses.MeanSquaredError().name == "mean_squared_error"
    assert losses.Huber().name == "huber_loss"
    assert losses.LogCosh().name == "log_cosh"
    assert losses.KLDivergence().name == "kl_divergence"
    config = losses.Huber(delta=2.0, name="h").get_config()
    assert config == {"name": "h", "reduction": "sum_over_batch_size"}
    restored = losses.MeanAbsoluteError.from_config(
        losses.MeanAbsoluteError(reduction="sum").get_config()
    )
    assert restored.reduction == "sum"


def test_jit_matches_eager():
    y_true, y_pred = INPUTS["reg"]
    loss = losses.Huber(delta=0.5)
    eager = loss(y_true, y_pred, sample_weight=INPUTS["sw"])
    jitted = jax.jit(loss)(y_true, y_pred, INPUTS["sw"])
    np.testing.assert_allclose(jitted, eager, rtol=1e-6)


def test_hinge_keeps_non_binary_labels():
    # Labels already in {-1, 1} are not converted.
    value = losses.hinge(np.array([[-1.0, 1.0]]), np.array([[0.5, 0.5]]))
    np.testing.assert_allclose(value, [(1.5 + 0.5) / 2])


def test_cosine_similarity_axis():
    y_true, y_pred = INPUTS["reg"]
    value = losses.CosineSimilarity(axis=0)(y_true, y_pred)
    np.testing.assert_allclose(value, -0.2109283, rtol=1e-5)  # Keras 3.15.1
