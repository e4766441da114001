"""Reductions, scans and sorting from `keras.ops.numpy` (sum, mean, argmax, ...)."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.ops._dispatch import (
    axis_arg,
    keras_op,
    reduce_in_float32,
    standardize_dtype,
    to_float,
    to_tensor,
)


@keras_op
def sum(x: Any, axis: Any = None, keepdims: bool = False) -> jax.Array:  # noqa: A001
    """Sum of elements over the given axes (bools and small ints sum as int32)."""
    return jnp.sum(to_tensor(x), axis=axis_arg(axis), keepdims=keepdims)


@keras_op
def mean(x: Any, axis: Any = None, keepdims: bool = False) -> jax.Array:
    """Arithmetic mean over the given axes.

    Integer inputs give `floatx()`; half-precision inputs are averaged in
    float32 and cast back, as Keras does.
    """
    return reduce_in_float32(
        jnp.mean, to_tensor(x), axis=axis_arg(axis), keepdims=keepdims
    )


@keras_op
def var(x: Any, axis: Any = None, keepdims: bool = False) -> jax.Array:
    """Biased variance over the given axes (divides by N, like NumPy)."""
    return reduce_in_float32(
        jnp.var, to_tensor(x), axis=axis_arg(axis), keepdims=keepdims
    )


@keras_op
def std(x: Any, axis: Any = None, keepdims: bool = False) -> jax.Array:
    """Biased standard deviation over the given axes."""
    return reduce_in_float32(
        jnp.std, to_tensor(x), axis=axis_arg(axis), keepdims=keepdims
    )


@keras_op
def max(  # noqa: A001
    x: Any, axis: Any = None, keepdims: bool = False, initial: Any = None
) -> jax.Array:
    """Maximum over the given axes (`initial` is the start value)."""
    return jnp.max(
        to_tensor(x), axis=axis_arg(axis), keepdims=keepdims, initial=initial
    )


@keras_op
def min(  # noqa: A001
    x: Any, axis: Any = None, keepdims: bool = False, initial: Any = None
) -> jax.Array:
    """Minimum over the given axes (`initial` is the start value)."""
    return jnp.min(
        to_tensor(x), axis=axis_arg(axis), keepdims=keepdims, initial=initial
    )


@keras_op
def amax(x: Any, axis: Any = None, keepdims: bool = False) -> jax.Array:
    """Maximum over the given axes."""
    return jnp.max(to_tensor(x), axis=axis_arg(axis), keepdims=keepdims)


@keras_op
def amin(x: Any, axis: Any = None, keepdims: bool = False) -> jax.Array:
    """Minimum over the given axes."""
    return jnp.min(to_tensor(x), axis=axis_arg(axis), keepdims=keepdims)


@keras_op
def prod(
    x: Any, axis: Any = None, keepdims: bool = False, dtype: Any = None
) -> jax.Array:
    """Product of elements over the given axes."""
    return jnp.prod(
        to_tensor(x),
        axis=axis_arg(axis),
        keepdims=keepdims,
        dtype=standardize_dtype(dtype),
    )


@keras_op
def ptp(x: Any, axis: Any = None, keepdims: bool = False) -> jax.Array:
    """Range (`max - min`) over the given axes."""
    return jnp.ptp(to_tensor(x), axis=axis_arg(axis), keepdims=keepdims)


@keras_op
def all(x: Any, axis: Any = None, keepdims: bool = False) -> jax.Array:  # noqa: A001
    """True where all elements along the axes are truthy."""
    return jnp.all(to_tensor(x), axis=axis_arg(axis), keepdims=keepdims)


@keras_op
def any(x: Any, axis: Any = None, keepdims: bool = False) -> jax.Array:  # noqa: A001
    """True where any element along the axes is truthy."""
    return jnp.any(to_tensor(x), axis=axis_arg(axis), keepdims=keepdims)


@keras_op
def argmax(x: Any, axis: int | None = None, keepdims: bool = False) -> jax.Array:
    """Indices (int32) of the maximum values along an axis."""
    return jnp.argmax(to_tensor(x), axis=axis, keepdims=keepdims).astype("int32")


@keras_op
def argmin(x: Any, axis: int | None = None, keepdims: bool = False) -> jax.Array:
    """Indices (int32) of the minimum values along an axis."""
    return jnp.argmin(to_tensor(x), axis=axis, keepdims=keepdims).astype("int32")


@keras_op
def argsort(x: Any, axis: int | None = -1) -> jax.Array:
    """Indices (int32) that sort `x` along an axis."""
    x = to_tensor(x)
    if axis is None:
        x, axis = jnp.ravel(x), -1
    return jnp.argsort(x, axis=axis).astype("int32")


@keras_op
def argpartition(x: Any, kth: int, axis: int = -1) -> jax.Array:
    """Indices that partition `x` around its `kth` element."""
    return jnp.argpartition(to_tensor(x), kth, axis=axis).astype("int32")


@keras_op
def sort(x: Any, axis: int | None = -1) -> jax.Array:
    """Sorts `x` along an axis (ascending)."""
    x = to_tensor(x)
    if axis is None:
        x, axis = jnp.ravel(x), -1
    return jnp.sort(x, axis=axis)


@keras_op
def cumsum(x: Any, axis: int | None = None, dtype: Any = None) -> jax.Array:
    """Cumulative sum along an axis (flattened when `axis=None`)."""
    x = to_tensor(x)
    if x.dtype == jnp.bool_ and dtype is None:
        dtype = "int32"
    return jnp.cumsum(x, axis=axis, dtype=standardize_dtype(dtype))


@keras_op
def cumprod(x: Any, axis: int | None = None, dtype: Any = None) -> jax.Array:
    """Cumulative product along an axis (flattened when `axis=None`)."""
    x = to_tensor(x)
    if x.dtype == jnp.bool_ and dtype is None:
        dtype = "int32"
    return jnp.cumprod(x, axis=axis, dtype=standardize_dtype(dtype))


@keras_op
def count_nonzero(x: Any, axis: Any = None) -> jax.Array:
    """Number of non-zero elements along the axes (int32)."""
    return jnp.count_nonzero(to_tensor(x), axis=axis_arg(axis)).astype("int32")


@keras_op
def median(x: Any, axis: Any = None, keepdims: bool = False) -> jax.Array:
    """Median along the given axes."""
    return reduce_in_float32(
        jnp.median, to_tensor(x), axis=axis_arg(axis), keepdims=keepdims
    )


@keras_op
def quantile(
    x: Any, q: Any, axis: Any = None, method: str = "linear", keepdims: bool = False
) -> jax.Array:
    """The `q`-th quantiles (q in [0, 1]) along the given axes."""
    x = to_float(x)
    q = jnp.asarray(q, dtype=x.dtype)
    return jnp.quantile(x, q, axis=axis_arg(axis), method=method, keepdims=keepdims)


@keras_op
def percentile(
    x: Any, q: Any, axis: Any = None, method: str = "linear", keepdims: bool = False
) -> jax.Array:
    """The `q`-th percentiles (q in [0, 100]) along the given axes."""
    x = to_float(x)
    q = jnp.asarray(q, dtype=x.dtype)
    return jnp.percentile(x, q, axis=axis_arg(axis), method=method, keepdims=keepdims)


@keras_op
def average(x: Any, axis: int | None = None, weights: Any = None) -> jax.Array:
    """Weighted average along an axis."""
    x = to_float(x)
    if weights is not None:
        weights = jnp.asarray(weights, dtype=x.dtype)
    return jnp.average(x, axis=axis, weights=weights)


@keras_op
def nansum(x: Any, axis: Any = None, keepdims: bool = False) -> jax.Array:
    """Sum, treating NaNs as zero."""
    return jnp.nansum(to_tensor(x), axis=axis_arg(axis), keepdims=keepdims)


@keras_op
def nanmean(x: Any, axis: Any = None, keepdims: bool = False) -> jax.Array:
    """Mean, ignoring NaNs."""
    return jnp.nanmean(to_float(x), axis=axis_arg(axis), keepdims=keepdims)


@keras_op
def nanmax(x: Any, axis: Any = None, keepdims: bool = False) -> jax.Array:
    """Maximum, ignoring NaNs."""
    return jnp.nanmax(to_tensor(x), axis=axis_arg(axis), keepdims=keepdims)


@keras_op
def nanmin(x: Any, axis: Any = None, keepdims: bool = False) -> jax.Array:
    """Minimum, ignoring NaNs."""
    return jnp.nanmin(to_tensor(x), axis=axis_arg(axis), keepdims=keepdims)
