"""Tests for `ops.core`: conversion, control flow, slicing."""

import jax
import jax.numpy as jnp
import numpy as np

from kerasish import ops
from kerasish.core.variables import Variable


def test_conversion_and_queries():
    assert ops.convert_to_tensor(1.0).dtype == "float32"
    assert ops.convert_to_tensor(1).dtype == "int32"
    assert ops.convert_to_tensor(np.ones(2)).dtype == "float32"
    assert ops.convert_to_tensor([1, 2], dtype="float16").dtype == "float16"
    v = Variable(np.ones((2, 3), "float32"))
    assert isinstance(ops.convert_to_numpy(v), np.ndarray)
    assert ops.is_tensor(jnp.ones(1)) and not ops.is_tensor(np.ones(1))
    assert ops.shape(jnp.ones((2, 3))) == (2, 3)
    assert ops.dtype(jnp.ones(2, "int32")) == "int32"
    assert ops.cast(jnp.array([1.7]), "int32").tolist() == [1]


def test_control_flow():
    assert ops.cond(jnp.array(True), lambda: 1, lambda: 2) == 1
    carry, ys = ops.scan(lambda c, x: (c + x, c * x), 0.0, jnp.arange(3.0))
    assert float(carry) == 3.0 and ys.tolist() == [0.0, 0.0, 2.0]
    assert ops.fori_loop(0, 4, lambda i, v: v + i, 0) == 6
    assert ops.while_loop(lambda a, b: a < 5, lambda a, b: (a + 1, b * 2), (0, 1)) == (
        5,
        32,
    )
    assert (
        ops.while_loop(lambda a: a < 5, lambda a: a + 1, 0, maximum_iterations=3) == 3
    )
    out = ops.vectorized_map(lambda row: row.sum(), jnp.ones((3, 2)))
    assert out.tolist() == [2.0, 2.0, 2.0]
    grad = jax.grad(lambda x: ops.stop_gradient(x) * x)(2.0)
    assert float(grad) == 2.0


def test_slicing_and_scatter():
    x = jnp.arange(12).reshape(3, 4)
    assert ops.slice(x, (1, 1), (2, -1)).tolist() == [[5, 6, 7], [9, 10, 11]]
    updated = ops.slice_update(jnp.zeros((2, 3)), (1, 1), jnp.ones((1, 2)))
    assert updated.tolist() == [[0, 0, 0], [0, 1, 1]]
    assert ops.scatter(
        jnp.array([[0], [2], [0]]), jnp.array([1.0, 2.0, 3.0]), (3,)
    ).tolist() == [4.0, 0.0, 2.0]
    out = ops.scatter_update(jnp.zeros(3), jnp.array([[1]]), jnp.array([5.0]))
    assert out.tolist() == [0.0, 5.0, 0.0]
    assert len(ops.unstack(x, axis=1)) == 4
