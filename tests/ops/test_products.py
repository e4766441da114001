"""Tests for tensor products."""

import jax.numpy as jnp
import numpy as np

from kerasish import ops

A = np.arange(6, dtype="float32").reshape(2, 3)
B = np.arange(12, dtype="float32").reshape(3, 4)


def test_products_match_numpy():
    np.testing.assert_allclose(ops.matmul(A, B), A @ B)
    np.testing.assert_allclose(ops.dot(A, B), A @ B)
    np.testing.assert_allclose(ops.tensordot(A, B, axes=1), A @ B)
    np.testing.assert_allclose(
        ops.tensordot(A, A, axes=[[0, 1], [0, 1]]), (A * A).sum()
    )
    np.testing.assert_allclose(ops.einsum("ij,jk->ik", A, B), A @ B)
    np.testing.assert_allclose(
        ops.outer(jnp.array([1, 2]), jnp.array([3, 4])), [[3, 4], [6, 8]]
    )
    np.testing.assert_allclose(ops.trace(jnp.eye(3)), 3.0)


def test_mixed_dtypes_promote():
    assert ops.matmul(jnp.ones((2, 2), "int32"), jnp.ones((2, 2))).dtype == "float32"
    assert (
        ops.einsum("i,i->", jnp.ones(2, "int32"), jnp.ones(2, "float16")).dtype
        == "float16"
    )
    assert ops.dot(jnp.ones(2, "int32"), jnp.ones(2, "int32")).dtype == "int32"
