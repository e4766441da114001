"""The single entry point of every op: argument unwrapping and Keras dtype rules.

Every public op is decorated with `keras_op`. It is the one place that turns
`Variable`s into arrays, and where symbolic tensors (`keras.Input` and what
layers compute from it) turn the op into a recorded graph operation.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from kerasish.backend import config
from kerasish.core.variables import Variable

_FLOAT_DTYPES = ("float16", "bfloat16", "float32", "float64")


def _unwrap_arg(x: Any) -> Any:
    if isinstance(x, Variable):
        return x.value
    if type(x) in (list, tuple) and any(isinstance(v, Variable) for v in x):
        return type(x)(v.value if isinstance(v, Variable) else v for v in x)
    return x


def keras_op(fn: Callable) -> Callable:
    """Decorates a public op: unwraps `Variable` arguments (also inside lists);
    on symbolic tensors, records the op in the functional graph instead."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from kerasish.layers.core import operation

        if operation.has_symbolic(args, kwargs):
            return operation.symbolic_op(wrapper, args, kwargs)
        args = tuple(_unwrap_arg(a) for a in args)
        kwargs = {k: _unwrap_arg(v) for k, v in kwargs.items()}
        return fn(*args, **kwargs)

    return wrapper


def standardize_dtype(dtype: Any) -> str | None:
    """Returns a dtype as its canonical string name (`None` stays `None`)."""
    if dtype is None:
        return None
    if dtype is int:
        return "int32"
    if dtype is float:
        return config.floatx()
    if dtype is bool:
        return "bool"
    if hasattr(dtype, "name") and not isinstance(dtype, np.dtype):
        dtype = getattr(dtype, "name", dtype)
    return jnp.dtype(dtype).name


def result_type(*xs: Any) -> Any:
    """Keras' result dtype: JAX standard promotion, Python scalars weak, no x64."""
    xs = [x for x in xs if x is not None]
    if not xs:
        return jnp.dtype(config.floatx())
    with jax.numpy_dtype_promotion("standard"):
        return jnp.result_type(*xs)


def to_tensor(x: Any, dtype: Any = None) -> jax.Array:
    """Converts `x` (array, NumPy, scalar, nested list, Variable) to a JAX array."""
    x = _unwrap_arg(x)
    if dtype is not None:
        return jnp.asarray(x, dtype=standardize_dtype(dtype))
    if isinstance(x, jax.Array):
        return x
    if isinstance(x, float) and not isinstance(x, np.floating):
        return jnp.asarray(x, dtype=config.floatx())
    if isinstance(x, list | tuple):
        x = [to_tensor(v) if isinstance(v, Variable) else v for v in x]
        with jax.numpy_dtype_promotion("standard"):
            return jnp.asarray(x)
    return jnp.asarray(x)


def promote(*xs: Any) -> tuple[jax.Array, ...]:
    """Converts all arguments to arrays of their common Keras result dtype."""
    dtype = result_type(*xs)
    return tuple(jnp.asarray(x, dtype=dtype) for x in xs)


def is_float(dtype: Any) -> bool:
    return jnp.issubdtype(jnp.dtype(dtype), jnp.floating)


def to_float(x: Any) -> jax.Array:
    """Converts to an array; ints and bools become `floatx()`, floats keep theirs."""
    x = to_tensor(x)
    if jnp.issubdtype(x.dtype, jnp.inexact):
        return x
    return x.astype(config.floatx())


def axis_arg(axis: Any) -> Any:
    """Normalizes a Keras `axis` argument (lists become tuples for jnp)."""
    if isinstance(axis, list):
        return tuple(axis)
    return axis


def shape_arg(shape: Any) -> tuple[int, ...] | int:
    """Normalizes a Keras `shape` argument (int, list, tuple or array)."""
    if isinstance(shape, int | np.integer):
        return (int(shape),)
    if isinstance(shape, Sequence):
        return tuple(int(s) for s in shape)
    return tuple(int(s) for s in np.asarray(shape))


def reduce_in_float32(fn: Callable, x: jax.Array, **kwargs: Any) -> jax.Array:
    """Runs a float reduction in float32 for half-precision inputs, as Keras does."""
    dtype = x.dtype
    if dtype in (jnp.float16, jnp.bfloat16):
        return fn(x.astype("float32"), **kwargs).astype(dtype)
    return fn(to_float(x), **kwargs)
