"""Tests for element-wise ops."""

import jax.numpy as jnp
import numpy as np
import pytest

from kerasish import ops

X = np.array([-2.5, -1.0, 0.0, 0.5, 3.0], "float32")


@pytest.mark.parametrize(
    "name",
    ["abs", "negative", "sign", "square", "floor", "ceil", "trunc", "tanh", "cos"],
)
def test_unary_matches_numpy(name):
    np.testing.assert_allclose(getattr(ops, name)(X), getattr(np, name)(X), rtol=1e-6)


@pytest.mark.parametrize("name", ["sqrt", "log", "log1p", "exp", "reciprocal"])
def test_float_unary_on_positive_inputs(name):
    x = np.array([0.5, 1.0, 4.0], "float32")
    np.testing.assert_allclose(getattr(ops, name)(x), getattr(np, name)(x), rtol=1e-6)


@pytest.mark.parametrize(
    "name", ["add", "subtract", "multiply", "divide", "maximum", "minimum", "power"]
)
def test_binary_matches_numpy(name):
    a, b = np.array([1.0, 2.0, 3.0], "float32"), np.array([2.0, 0.5, 3.0], "float32")
    np.testing.assert_allclose(getattr(ops, name)(a, b), getattr(np, name)(a, b))


def test_comparisons_and_logic():
    a, b = jnp.array([1, 2, 3]), jnp.array([3.0, 2.0, 1.0])
    assert ops.less(a, b).tolist() == [True, False, False]
    assert ops.greater_equal(a, b).tolist() == [False, True, True]
    assert ops.not_equal(a, 2).tolist() == [True, False, True]
    assert ops.logical_and(a > 1, b > 1).tolist() == [False, True, False]
    assert ops.logical_not(a > 1).tolist() == [True, False, False]
    assert ops.isnan(jnp.array([np.nan, 1.0])).tolist() == [True, False]


def test_round_clip_where_divide_no_nan():
    np.testing.assert_allclose(
        ops.round(jnp.array([0.5, 1.5, 2.26]), 1), [0.5, 1.5, 2.3]
    )
    np.testing.assert_allclose(ops.clip(X, -1, 1), [-1, -1, 0, 0.5, 1])
    assert ops.clip(jnp.array([1, 5]), 0.0, 1.5).dtype == "float32"
    assert ops.clip(jnp.ones(2, "float16"), 0, 1).dtype == "float16"
    np.testing.assert_allclose(ops.where(X > 0, X, 0), [0, 0, 0, 0.5, 3.0])
    np.testing.assert_allclose(
        ops.divide_no_nan(jnp.array([1.0, 2.0]), jnp.array([0.0, 4.0])), [0, 0.5]
    )
    assert [v.tolist() for v in ops.where(jnp.array([0, 1, 1]))] == [[1, 2]]
    with pytest.raises(ValueError, match="x1"):
        ops.where(X > 0, X)
