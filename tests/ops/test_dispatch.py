"""Tests for the shared op entry point: Variable unwrapping and Keras dtype rules."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from kerasish import ops
from kerasish.core.variables import Variable

I32 = jnp.ones(2, "int32")
F32 = jnp.ones(2, "float32")
F16 = jnp.ones(2, "float16")
BF16 = jnp.ones(2, "bfloat16")
B = jnp.ones(2, "bool")


# Result dtypes observed with Keras 3.15.1 (JAX backend) for `ops.add`.
@pytest.mark.parametrize(
    "a, b, expected",
    [
        (I32, I32, "int32"),
        (I32, F32, "float32"),
        (I32, F16, "float16"),
        (F16, BF16, "float32"),
        (F16, F32, "float32"),
        (B, I32, "int32"),
        (B, 1.0, "float32"),
        (F32, 1, "float32"),
        (I32, 1, "int32"),
        (I32, 1.0, "float32"),
        (F16, 1.0, "float16"),
        (np.ones(2), F32, "float32"),
        (np.ones(2, "int64"), I32, "int32"),
        (jnp.ones(2, "uint8"), jnp.ones(2, "int8"), "int16"),
    ],
)
def test_add_result_dtype_matches_keras(a, b, expected):
    assert ops.add(a, b).dtype == expected
    assert ops.add(b, a).dtype == expected


@pytest.mark.parametrize(
    "fn, x, expected",
    [
        (ops.divide, (I32, I32), "float32"),
        (ops.divide, (I32, F16), "float16"),
        (ops.floor_divide, (I32, I32), "int32"),
        (ops.power, (I32, 2), "int32"),
        (ops.maximum, (I32, F32), "float32"),
        (ops.equal, (I32, F32), "bool"),
        (ops.arctan2, (I32, I32), "float32"),
        (ops.mean, (I32,), "float32"),
        (ops.mean, (F16,), "float16"),
        (ops.sum, (B,), "int32"),
        (ops.sqrt, (I32,), "float32"),
        (ops.floor, (I32,), "float32"),
        (ops.abs, (I32,), "int32"),
        (ops.square, (I32,), "int32"),
        (ops.argmax, (F32,), "int32"),
        (ops.var, (I32,), "float32"),
    ],
)
def test_op_result_dtypes_match_keras(fn, x, expected):
    assert fn(*x).dtype == expected


def test_variables_are_unwrapped_everywhere():
    v = Variable(np.array([1.0, 2.0], "float32"))
    np.testing.assert_allclose(ops.add(v, 1), [2.0, 3.0])
    np.testing.assert_allclose(ops.matmul(v, v), 5.0)
    np.testing.assert_allclose(ops.concatenate([v, v]), [1.0, 2.0, 1.0, 2.0])
    np.testing.assert_allclose(ops.sum(x=v), 3.0)
    assert ops.shape(v) == (2,)
    assert ops.dtype(v) == "float32"


def test_ops_work_under_jit_with_strict_promotion():
    @jax.jit
    def f(x, i):
        return ops.add(ops.multiply(x, 2), i), ops.where(x > 1, i, 0.5)

    out, picked = f(jnp.array([1.0, 2.0]), jnp.array([1, 2], "int32"))
    np.testing.assert_allclose(out, [3.0, 6.0])
    np.testing.assert_allclose(picked, [0.5, 2.0])
    assert out.dtype == "float32" and picked.dtype == "float32"


def test_python_scalars_and_numpy_inputs():
    assert ops.add(1, 2).dtype == "int32"
    assert ops.add(1.5, 2).dtype == "float32"
    assert ops.multiply(np.float32(2.0), np.ones(2, "float32")).dtype == "float32"
    assert ops.convert_to_tensor([1, 2.5]).dtype == "float32"
