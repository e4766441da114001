"""Array-creation ops of `keras.ops.numpy` (zeros, ones, arange, eye, ...)."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.backend import config
from kerasish.ops._dispatch import (
    keras_op,
    result_type,
    shape_arg,
    standardize_dtype,
    to_tensor,
)


def _dtype_or_floatx(dtype: Any) -> str:
    return standardize_dtype(dtype) or config.floatx()


@keras_op
def zeros(shape: Any, dtype: Any = None) -> jax.Array:
    """A tensor of zeros (`floatx()` by default)."""
    return jnp.zeros(shape_arg(shape), dtype=_dtype_or_floatx(dtype))


@keras_op
def ones(shape: Any, dtype: Any = None) -> jax.Array:
    """A tensor of ones (`floatx()` by default)."""
    return jnp.ones(shape_arg(shape), dtype=_dtype_or_floatx(dtype))


@keras_op
def empty(shape: Any, dtype: Any = None) -> jax.Array:
    """An uninitialized tensor (zeros on JAX)."""
    return jnp.zeros(shape_arg(shape), dtype=_dtype_or_floatx(dtype))


@keras_op
def full(shape: Any, fill_value: Any, dtype: Any = None) -> jax.Array:
    """A tensor filled with `fill_value` (`floatx()` unless `dtype` is given)."""
    return jnp.full(
        shape_arg(shape), to_tensor(fill_value), dtype=_dtype_or_floatx(dtype)
    )


@keras_op
def zeros_like(x: Any, dtype: Any = None) -> jax.Array:
    """Zeros with the shape (and, by default, dtype) of `x`."""
    return jnp.zeros_like(to_tensor(x), dtype=standardize_dtype(dtype))


@keras_op
def ones_like(x: Any, dtype: Any = None) -> jax.Array:
    """Ones with the shape (and, by default, dtype) of `x`."""
    return jnp.ones_like(to_tensor(x), dtype=standardize_dtype(dtype))


@keras_op
def empty_like(x: Any, dtype: Any = None) -> jax.Array:
    """An uninitialized tensor shaped like `x` (zeros on JAX)."""
    return jnp.zeros_like(to_tensor(x), dtype=standardize_dtype(dtype))


@keras_op
def full_like(x: Any, fill_value: Any, dtype: Any = None) -> jax.Array:
    """`fill_value` with the shape (and, by default, dtype) of `x`."""
    x = to_tensor(x)
    dtype = standardize_dtype(dtype) or x.dtype
    return jnp.full(x.shape, jnp.asarray(fill_value).astype(dtype), dtype=dtype)


@keras_op
def arange(
    start: Any, stop: Any = None, step: Any = None, dtype: Any = None
) -> jax.Array:
    """Evenly spaced values in `[start, stop)`.

    Args:
        start: Start of the interval (or its end when `stop` is None).
        stop: End of the interval (excluded).
        step: Spacing between values (default 1).
        dtype: Output dtype; by default int32 for integer arguments, else float32.

    Returns:
        A 1D tensor.
    """
    if dtype is None:
        dtype = result_type(*(v for v in (start, stop, step) if v is not None))
        if jnp.issubdtype(dtype, jnp.floating):
            dtype = config.floatx()
    return jnp.arange(start, stop, step, dtype=standardize_dtype(dtype))


@keras_op
def linspace(
    start: Any,
    stop: Any,
    num: int = 50,
    endpoint: bool = True,
    retstep: bool = False,
    dtype: Any = None,
    axis: int = 0,
) -> Any:
    """`num` evenly spaced samples over `[start, stop]`."""
    return jnp.linspace(
        to_tensor(start),
        to_tensor(stop),
        num,
        endpoint=endpoint,
        retstep=retstep,
        dtype=_dtype_or_floatx(dtype),
        axis=axis,
    )


@keras_op
def logspace(
    start: Any,
    stop: Any,
    num: int = 50,
    endpoint: bool = True,
    base: float = 10,
    dtype: Any = None,
    axis: int = 0,
) -> jax.Array:
    """`num` samples evenly spaced on a log scale."""
    return jnp.logspace(
        to_tensor(start),
        to_tensor(stop),
        num,
        endpoint=endpoint,
        base=base,
        dtype=_dtype_or_floatx(dtype),
        axis=axis,
    )


@keras_op
def eye(N: int, M: int | None = None, k: int = 0, dtype: Any = None) -> jax.Array:  # noqa: N803
    """A 2D tensor with ones on the `k`-th diagonal."""
    return jnp.eye(N, M, k=k, dtype=_dtype_or_floatx(dtype))


@keras_op
def identity(n: int, dtype: Any = None) -> jax.Array:
    """The `n x n` identity matrix."""
    return jnp.identity(n, dtype=_dtype_or_floatx(dtype))


@keras_op
def tri(N: int, M: int | None = None, k: int = 0, dtype: Any = None) -> jax.Array:  # noqa: N803
    """Ones at and below the `k`-th diagonal."""
    return jnp.tri(N, M, k=k, dtype=_dtype_or_floatx(dtype))


@keras_op
def array(x: Any, dtype: Any = None) -> jax.Array:
    """Creates a tensor from `x`."""
    return to_tensor(x, dtype=dtype)


@keras_op
def meshgrid(*x: Any, indexing: str = "xy") -> list[jax.Array]:
    """Coordinate grids from 1D coordinate vectors."""
    return jnp.meshgrid(*(to_tensor(v) for v in x), indexing=indexing)
