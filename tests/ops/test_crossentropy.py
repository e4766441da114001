"""Tests for crossentropy ops (values observed from Keras 3.15.1)."""

import jax.numpy as jnp
import numpy as np
import pytest

from kerasish import ops

X = np.array([[1.0, 2.0, 3.0], [0.5, -1.0, 4.0]], "float32")
ONE_HOT = np.array([[0, 0, 1.0], [0, 1, 0]], "float32")


def test_categorical_crossentropy_matches_keras():
    expected = [0.40760600566864014, 5.036269664764404]
    np.testing.assert_allclose(
        ops.categorical_crossentropy(ONE_HOT, ops.softmax(X)), expected, rtol=1e-5
    )
    np.testing.assert_allclose(
        ops.categorical_crossentropy(ONE_HOT, X, from_logits=True), expected, rtol=1e-5
    )


def test_sparse_categorical_crossentropy_matches_keras():
    expected = [0.40760594606399536, 5.036269664764404]
    np.testing.assert_allclose(
        ops.sparse_categorical_crossentropy(jnp.array([2, 1]), X, from_logits=True),
        expected,
        rtol=1e-5,
    )
    np.testing.assert_allclose(
        ops.sparse_categorical_crossentropy(jnp.array([[2], [1]]), ops.softmax(X)),
        expected,
        rtol=1e-5,
    )


def test_binary_crossentropy_matches_keras():
    target = np.array([[0, 1, 1.0], [1, 0, 0]], "float32")
    expected = [
        [1.3132617473602295, 0.12692807614803314, 0.04858734458684921],
        [0.47407692670822144, 0.31326165795326233, 4.018148422241211],
    ]
    np.testing.assert_allclose(
        ops.binary_crossentropy(target, ops.sigmoid(X)), expected, rtol=1e-5
    )
    np.testing.assert_allclose(
        ops.binary_crossentropy(target, X, from_logits=True), expected, rtol=1e-5
    )


def test_probabilities_are_clipped_to_epsilon():
    out = ops.binary_crossentropy(jnp.array([1.0]), jnp.array([0.0]))
    np.testing.assert_allclose(out, [-np.log(1e-7)], rtol=1e-4)


def test_shape_mismatch_raises():
    with pytest.raises(ValueError, match="same shape"):
        ops.categorical_crossentropy(jnp.ones((2, 3)), jnp.ones((2, 4)))
