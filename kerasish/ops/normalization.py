"""Statistics and normalization ops of `keras.ops.nn` (moments, normalize, ...)."""

from __future__ import annotations

import warnings
from typing import Any

import jax
import jax.numpy as jnp

from kerasish.backend import config
from kerasish.ops._dispatch import axis_arg, keras_op, to_float, to_tensor


def at_least_float32(dtype: Any) -> Any:
    """float32 for half-precision (or non-float) dtypes, else `dtype` itself:
    normalization statistics overflow in float16 (written without implicit
    promotion, which strict dtype-promotion mode refuses)."""
    dtype = jnp.dtype(dtype)
    if jnp.issubdtype(dtype, jnp.floating) and jnp.finfo(dtype).bits >= 32:
        return dtype
    return jnp.dtype(jnp.float32)


@keras_op
def moments(
    x: Any, axes: Any, keepdims: bool = False, synchronized: bool = False
) -> tuple[jax.Array, jax.Array]:
    """Mean and (biased) variance of `x` over `axes`.

    Half-precision inputs are reduced in float32, clipped to the float16 range
    and cast back, as Keras does.
    """
    if synchronized:
        raise NotImplementedError(
            "Argument synchronized=True is not supported with JAX."
        )
    x = to_float(x)
    axes = tuple(axes) if isinstance(axes, list | tuple) else axes
    half = x.dtype in (jnp.float16, jnp.bfloat16)
    original = x.dtype
    if half:
        x = x.astype("float32")
    mean = jnp.mean(x, axes, keepdims=keepdims)
    variance = jnp.var(x, axis=axes, keepdims=keepdims)
    if half:
        limit = float(jnp.finfo(jnp.float16).max)
        mean = jnp.clip(mean, -limit, limit).astype(original)
        variance = jnp.clip(variance, -limit, limit).astype(original)
    return mean, variance


@keras_op
def normalize(
    x: Any, axis: Any = -1, order: int = 2, epsilon: float | None = None
) -> jax.Array:
    """Normalizes `x` along `axis`: `x / max(norm(x), epsilon)`."""
    if not isinstance(order, int) or order < 1:
        raise ValueError(
            f"Argument `order` must be an int >= 1. Received: order={order}"
        )
    x = to_float(x)
    if x.ndim == 0:
        x = jnp.expand_dims(x, 0)
    epsilon = config.epsilon() if epsilon is None else epsilon
    axis = axis_arg(axis)
    if order == 2:
        inv_norm = jax.lax.rsqrt(jnp.sum(jnp.square(x), axis=axis, keepdims=True))
        return x * jnp.minimum(inv_norm, 1.0 / epsilon)
    norm = jnp.linalg.norm(x, ord=order, axis=axis, keepdims=True)
    return x / jnp.maximum(norm, epsilon)


@keras_op
def batch_normalization(
    x: Any,
    mean: Any,
    variance: Any,
    axis: int,
    offset: Any = None,
    scale: Any = None,
    epsilon: float = 1e-3,
) -> jax.Array:
    """Normalizes with given stats: `(x - mean) / sqrt(var + eps) * scale + offset`."""
    x = to_float(x)
    shape = [1] * x.ndim
    mean = to_tensor(mean).astype(x.dtype)
    shape[axis] = mean.shape[0]
    inv = jax.lax.rsqrt(
        jnp.reshape(to_tensor(variance).astype(x.dtype), shape) + epsilon
    )
    if scale is not None:
        inv = inv * jnp.reshape(to_tensor(scale).astype(x.dtype), shape)
    res = -jnp.reshape(mean, shape) * inv
    if offset is not None:
        res = res + jnp.reshape(to_tensor(offset).astype(x.dtype), shape)
    return x * inv + res


@keras_op
def layer_normalization(
    x: Any,
    gamma: Any = None,
    beta: Any = None,
    axis: Any = -1,
    epsilon: float | None = None,
    **kwargs: Any,
) -> jax.Array:
    """Layer normalization over `axis`, computed in at least float32.

    `rms_scaling=True` (deprecated in Keras) divides by the standard deviation
    without centering, ignoring `beta`, as Keras does.
    """
    rms_scaling = kwargs.pop("rms_scaling", False)
    if rms_scaling:
        warnings.warn(
            "You passed `rms_scaling=True`, which is deprecated. This argument "
            "incorrectly scales the input by the variance, not the root mean "
            "square. To correctly use RMS Normalization, please use "
            "`keras.ops.rms_normalization` / `keras.ops.nn.rms_normalization` "
            "instead.",
            stacklevel=2,
        )
    epsilon = config.epsilon() if epsilon is None else epsilon
    x = to_float(x)
    original = x.dtype
    x = x.astype(at_least_float32(original))
    axes = sorted([axis] if isinstance(axis, int) else axis)
    shape = [1] * x.ndim
    for dim in axes:
        shape[dim] = x.shape[dim]

    def broadcast(v: Any) -> Any:
        if v is None:
            return None
        v = to_tensor(v).astype(x.dtype)
        if v.ndim != x.ndim and axes != [x.ndim - 1]:
            v = jnp.reshape(v, shape)
        return v

    gamma, beta = broadcast(gamma), broadcast(beta)
    if rms_scaling:
        variance = jnp.var(x, axis=tuple(axes), keepdims=True)
        outputs = x * jax.lax.rsqrt(variance + epsilon)
        return (outputs if gamma is None else outputs * gamma).astype(original)
    mean, variance = moments(x, axes=tuple(axes), keepdims=True)
    inv = jax.lax.rsqrt(variance + epsilon)
    if gamma is not None:
        inv = inv * gamma
    res = -mean * inv
    if beta is not None:
        res = res + beta
    return (x * inv + res).astype(original)


@keras_op
def rms_normalization(
    x: Any, scale: Any = None, axis: Any = -1, epsilon: float | None = None
) -> jax.Array:
    """RMS normalization: `x * rsqrt(mean(x**2) + eps) * scale`, in at least float32."""
    epsilon = config.epsilon() if epsilon is None else epsilon
    x = to_float(x)
    original = x.dtype
    x = x.astype(at_least_float32(original))
    if x.ndim == 0:
        x = jnp.expand_dims(x, 0)
    axis = tuple(sorted(axis)) if isinstance(axis, list | tuple) else axis
    rrms = jax.lax.rsqrt(jnp.mean(jnp.square(x), axis=axis, keepdims=True) + epsilon)
    outputs = x * rrms
    if scale is not None:
        outputs = outputs * to_tensor(scale).astype(x.dtype)
    return outputs.astype(original)
