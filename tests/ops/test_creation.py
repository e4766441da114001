"""Tests for array-creation ops."""

import jax.numpy as jnp
import numpy as np

from kerasish import ops


def test_default_dtypes_match_keras():
    assert ops.zeros((2, 3)).dtype == "float32"
    assert ops.ones(2).shape == (2,)
    assert ops.full(2, 1).dtype == "float32"
    assert ops.full_like(jnp.ones(2, "int32"), 1.5).dtype == "int32"
    assert ops.zeros_like(jnp.ones(2, "int32")).dtype == "int32"
    assert ops.eye(2).dtype == "float32"
    assert ops.arange(3).dtype == "int32"
    assert ops.arange(3.0).dtype == "float32"
    assert ops.arange(0, 3, 0.5).dtype == "float32"
    assert ops.linspace(0, 1, 3).dtype == "float32"


def test_values():
    np.testing.assert_allclose(ops.arange(1, 7, 2), [1, 3, 5])
    np.testing.assert_allclose(ops.linspace(0, 1, 5), [0, 0.25, 0.5, 0.75, 1])
    np.testing.assert_allclose(ops.eye(2, 3, k=1), np.eye(2, 3, k=1))
    np.testing.assert_allclose(ops.full((2,), 7, dtype="int32"), [7, 7])
    np.testing.assert_allclose(ops.tri(3), np.tri(3))
    assert ops.ones((2,), dtype="int32").dtype == "int32"
