"""Tests for `kerasish/losses/generalized_crossentropy.py` (Keras 3.15.1 values)."""

import jax
import numpy as np
import pytest

from kerasish import losses

LABELS = np.array([0, 2, 1, 2])
PROBS = np.array(
    [[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.2, 0.5, 0.3], [0.25, 0.25, 0.5]], "float32"
)
SW = np.array([0.5, 1.5, 1.0, 2.0], "float32")


def test_function():
    got = losses.categorical_generalized_cross_entropy(LABELS, PROBS, q=0.5)
    want = [
        0.32667994499206543,
        0.4508066177368164,
        0.5857864618301392,
        0.5857864618301392,
    ]
    np.testing.assert_allclose(got, want, 1e-6)


def test_class_weighted():
    loss = losses.CategoricalGeneralizedCrossEntropy(q=0.3)
    np.testing.assert_allclose(
        loss(LABELS, PROBS, sample_weight=SW), 0.6892544031143188, 1e-6
    )
    jitted = jax.jit(lambda t, p, w: loss(t, p, sample_weight=w))
    np.testing.assert_allclose(jitted(LABELS, PROBS, SW), 0.6892544031143188, 1e-6)


def test_q_limits_to_mae_like():
    # q -> 1 gives 1 - p, the absolute error on the true class.
    got = losses.categorical_generalized_cross_entropy(LABELS, PROBS, q=1.0)
    np.testing.assert_allclose(got, [0.3, 0.4, 0.5, 0.5], 1e-6)


@pytest.mark.parametrize("q", [0.0, 1.0, -0.5])
def test_invalid_q(q):
    with pytest.raises(ValueError, match="q"):
        losses.CategoricalGeneralizedCrossEntropy(q=q)


def test_config_and_get():
    loss = losses.CategoricalGeneralizedCrossEntropy()
    assert loss.get_config() == {
        "name": "categorical_generalized_cross_entropy",
        "reduction": "sum_over_batch_size",
        "q": 0.5,
    }
    assert isinstance(
        losses.get("CategoricalGeneralizedCrossEntropy"),
        losses.CategoricalGeneralizedCrossEntropy,
    )
    restored = losses.deserialize(losses.serialize(loss))
    assert restored.q == 0.5
