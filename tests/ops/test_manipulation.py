"""Tests for shape, joining, indexing and padding ops."""

import jax.numpy as jnp
import numpy as np
import pytest

from kerasish import ops

X = np.arange(6, dtype="float32").reshape(2, 3)


def test_shapes():
    assert ops.reshape(X, (3, -1)).shape == (3, 2)
    assert ops.reshape(X, [None, 2]).shape == (3, 2)
    assert ops.transpose(X).shape == (3, 2)
    assert ops.expand_dims(X, (0, 3)).shape == (1, 2, 3, 1)
    assert ops.squeeze(jnp.ones((1, 2, 1)), axis=0).shape == (2, 1)
    assert ops.broadcast_to(jnp.ones(3), [2, 3]).shape == (2, 3)
    assert ops.moveaxis(jnp.ones((1, 2, 3)), 0, -1).shape == (2, 3, 1)
    assert ops.swapaxes(X, 0, 1).shape == (3, 2)


def test_join_and_split():
    assert ops.concatenate([X, jnp.ones((1, 3), "int32")]).dtype == "float32"
    assert ops.stack([X, X], axis=1).shape == (2, 2, 3)
    parts = ops.split(jnp.arange(6), 3)
    assert isinstance(parts, list) and [p.tolist() for p in parts] == [
        [0, 1],
        [2, 3],
        [4, 5],
    ]
    np.testing.assert_allclose(ops.tile(jnp.array([1, 2]), 2), [1, 2, 1, 2])
    np.testing.assert_allclose(ops.repeat(jnp.array([1, 2]), 2), [1, 1, 2, 2])


def test_indexing():
    np.testing.assert_allclose(ops.take(X, jnp.array([2, 0]), axis=1), X[:, [2, 0]])
    np.testing.assert_allclose(ops.take(X, -1), 5.0)
    idx = jnp.array([[0], [2]])
    np.testing.assert_allclose(ops.take_along_axis(X, idx, axis=1), [[0.0], [5.0]])
    np.testing.assert_allclose(ops.flip(X, axis=1), X[:, ::-1])
    np.testing.assert_allclose(ops.roll(jnp.array([1, 2, 3]), 1), [3, 1, 2])


def test_pad_triangles_diag():
    np.testing.assert_allclose(ops.pad(jnp.ones(2), [[1, 2]]), [0, 1, 1, 0, 0])
    np.testing.assert_allclose(
        ops.pad(jnp.ones(1), [[1, 1]], constant_values=5), [5, 1, 5]
    )
    np.testing.assert_allclose(
        ops.pad(jnp.array([1, 2]), [[1, 1]], mode="reflect"), [2, 1, 2, 1]
    )
    with pytest.raises(ValueError, match="constant_values"):
        ops.pad(jnp.ones(2), [[1, 1]], mode="edge", constant_values=1)
    np.testing.assert_allclose(ops.triu(jnp.ones((2, 2))), [[1, 1], [0, 1]])
    np.testing.assert_allclose(ops.tril(jnp.ones((2, 2))), [[1, 0], [1, 1]])
    np.testing.assert_allclose(ops.diag(jnp.array([1, 2])), [[1, 0], [0, 2]])
