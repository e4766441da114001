"""Crossentropy loss classes against real Keras values."""

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

CASES = [c for c in LOSS_CASES if "Crossentropy" in c[1]]
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


def test_config_round_trip():
    loss = losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.1)
    config = loss.get_config()
    assert config == {
        "name": "categorical_crossentropy",
        "reduction": "sum_over_batch_size",
        "from_logits": True,
        "label_smoothing": 0.1,
        "axis": -1,
    }
    restored = losses.CategoricalCrossentropy.from_config(config)
    assert restored.from_logits and restored.label_smoothing == 0.1
    sparse = losses.SparseCategoricalCrossentropy(ignore_class=0).get_config()
    assert sparse["ignore_class"] == 0 and "axis" not in sparse  # As in Keras.


def test_sparse_jit_with_int_labels():
    labels, logits = INPUTS["sparse_logits"]
    loss = losses.SparseCategoricalCrossentropy(from_logits=True)
    value = jax.jit(loss)(labels, logits)
    np.testing.assert_allclose(value, EXPECTED["scce_logits/default"], rtol=1e-5)


def test_sparse_shape_mismatch_raises():
    with pytest.raises(ValueError, match="same shape up until the last"):
        losses.sparse_categorical_crossentropy(np.zeros((3,)), np.ones((4, 2)))


def test_ignore_class_masks_the_reduction():
    # Observed with keras==3.15.1: ignored entries leave the average too.
    labels, probs = INPUTS["sparse"]
    loss = losses.SparseCategoricalCrossentropy(ignore_class=1)
    np.testing.assert_allclose(loss(labels, probs), 0.4118165, rtol=1e-5)
    weighted = loss(labels, probs, sample_weight=INPUTS["sw"])
    np.testing.assert_allclose(weighted, 0.4381573, rtol=1e-5)
    total = losses.SparseCategoricalCrossentropy(ignore_class=1, reduction="sum")
    np.testing.assert_allclose(total(labels, probs), 1.2354494, rtol=1e-5)
    np.testing.assert_allclose(jax.jit(loss)(labels, probs), 0.4118165, rtol=1e-5)


def test_bce_rank1_targets_against_column_predictions():
    labels, probs = INPUTS["bin"]
    value = losses.BinaryCrossentropy()(labels[:, 0], probs[:, :1])
    np.testing.assert_allclose(value, 0.6276559, rtol=1e-5)
