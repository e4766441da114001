"""`keras.random`: random sampling ops and `SeedGenerator`.

Every op takes `seed=None`: an int (same values on every call), a
`SeedGenerator` (new values on every call), or `None` (the global generator,
or the active pure call's key). Draws use `jax.random` with Keras' formulas.
"""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.backend import config
from kerasish.core.random import SeedGenerator as SeedGenerator
from kerasish.core.random import draw_key
from kerasish.ops._dispatch import keras_op, shape_arg, standardize_dtype, to_tensor

__all__ = [
    "SeedGenerator",
    "beta",
    "binomial",
    "categorical",
    "dropout",
    "gamma",
    "normal",
    "randint",
    "shuffle",
    "truncated_normal",
    "uniform",
]


def _float_dtype(dtype: Any, fn: str) -> str:
    dtype = standardize_dtype(dtype) or config.floatx()
    if not jnp.issubdtype(jnp.dtype(dtype), jnp.floating):
        raise ValueError(
            f"`keras.random.{fn}` requires a floating point `dtype`. "
            f"Received: dtype={dtype} "
        )
    return dtype


def normal(
    shape: Any,
    mean: float = 0.0,
    stddev: float = 1.0,
    dtype: Any = None,
    seed: Any = None,
) -> jax.Array:
    """Draws from a normal distribution: `N(mean, stddev**2)`.

    Args:
        shape: Output shape.
        mean: Mean of the distribution.
        stddev: Standard deviation of the distribution.
        dtype: Float dtype (default `floatx()`).
        seed: An int, a `SeedGenerator`, or `None`.

    Returns:
        A tensor of samples.
    """
    dtype = _float_dtype(dtype, "normal")
    sample = jax.random.normal(draw_key(seed), shape_arg(shape), dtype=dtype)
    return sample * stddev + mean


def uniform(
    shape: Any,
    minval: float = 0.0,
    maxval: float = 1.0,
    dtype: Any = None,
    seed: Any = None,
) -> jax.Array:
    """Draws from a uniform distribution on `[minval, maxval)`.

    Args:
        shape: Output shape.
        minval: Lower bound (included).
        maxval: Upper bound (excluded).
        dtype: Float dtype (default `floatx()`).
        seed: An int, a `SeedGenerator`, or `None`.

    Returns:
        A tensor of samples.
    """
    dtype = _float_dtype(dtype, "uniform")
    return jax.random.uniform(
        draw_key(seed), shape_arg(shape), dtype=dtype, minval=minval, maxval=maxval
    )


def truncated_normal(
    shape: Any,
    mean: float = 0.0,
    stddev: float = 1.0,
    dtype: Any = None,
    seed: Any = None,
) -> jax.Array:
    """Draws from a normal distribution truncated to `mean +- 2 * stddev`.

    Args:
        shape: Output shape.
        mean: Mean of the distribution before truncation.
        stddev: Standard deviation before truncation.
        dtype: Float dtype (default `floatx()`).
        seed: An int, a `SeedGenerator`, or `None`.

    Returns:
        A tensor of samples.
    """
    dtype = _float_dtype(dtype, "truncated_normal")
    sample = jax.random.truncated_normal(
        draw_key(seed), -2.0, 2.0, shape_arg(shape), dtype=dtype
    )
    return sample * stddev + mean


def randint(
    shape: Any, minval: int, maxval: int, dtype: Any = "int32", seed: Any = None
) -> jax.Array:
    """Draws integers uniformly from `[minval, maxval)`.

    Args:
        shape: Output shape.
        minval: Lower bound (included).
        maxval: Upper bound (excluded).
        dtype: Integer dtype.
        seed: An int, a `SeedGenerator`, or `None`.

    Returns:
        A tensor of integers.
    """
    dtype = standardize_dtype(dtype)
    if dtype and not jnp.issubdtype(jnp.dtype(dtype), jnp.integer):
        raise ValueError(
            "`keras.random.randint` requires an integer `dtype`. "
            f"Received: dtype={dtype} "
        )
    return jax.random.randint(
        draw_key(seed), shape_arg(shape), minval=minval, maxval=maxval, dtype=dtype
    )


@keras_op
def categorical(
    logits: Any, num_samples: int, dtype: Any = "int32", seed: Any = None
) -> jax.Array:
    """Draws class indices from a categorical distribution per row of `logits`.

    Args:
        logits: Unnormalized log-probabilities, shape `(batch, num_classes)`.
        num_samples: Samples per row.
        dtype: Integer output dtype.
        seed: An int, a `SeedGenerator`, or `None`.

    Returns:
        A tensor of shape `(batch, num_samples)`.
    """
    logits = to_tensor(logits)
    if logits.ndim != 2:
        raise ValueError(
            "`logits` should be a 2-D tensor with shape [batch_size, num_classes]. "
            f"Received: logits={logits}"
        )
    shape = (logits.shape[0], num_samples)
    output = jax.random.categorical(
        draw_key(seed), logits[..., None], shape=shape, axis=1
    )
    return output.astype(standardize_dtype(dtype))


@keras_op
def dropout(
    inputs: Any, rate: float, noise_shape: Any = None, seed: Any = None
) -> jax.Array:
    """Zeros entries with probability `rate` and scales the rest by `1 / (1 - rate)`.

    Args:
        inputs: Input tensor.
        rate: Fraction of entries to drop, in `[0, 1]`.
        noise_shape: Shape of the keep mask, broadcast to the input shape
            (`None` entries take the input's size). Default: the input shape.
        seed: An int, a `SeedGenerator`, or `None`.

    Returns:
        The tensor with dropout applied.
    """
    inputs = to_tensor(inputs)
    if rate == 1.0:
        return jnp.zeros_like(inputs)
    if rate == 0.0:
        return inputs
    keep_prob = 1.0 - rate
    if noise_shape is None:
        noise_shape = inputs.shape
    else:
        noise_shape = tuple(
            inputs.shape[i] if d is None else int(d) for i, d in enumerate(noise_shape)
        )
    mask = jax.random.bernoulli(draw_key(seed), p=keep_prob, shape=noise_shape)
    mask = jnp.broadcast_to(mask, inputs.shape)
    return jax.lax.select(
        mask, inputs / jnp.asarray(keep_prob, inputs.dtype), jnp.zeros_like(inputs)
    )


@keras_op
def shuffle(x: Any, axis: int = 0, seed: Any = None) -> jax.Array:
    """Shuffles `x` along `axis` (a random permutation of its slices)."""
    return jax.random.permutation(draw_key(seed), to_tensor(x), axis, independent=True)


def gamma(shape: Any, alpha: float, dtype: Any = None, seed: Any = None) -> jax.Array:
    """Draws from a gamma distribution with concentration `alpha` (scale 1)."""
    dtype = _float_dtype(dtype, "gamma")
    return jax.random.gamma(draw_key(seed), alpha, shape=shape_arg(shape), dtype=dtype)


def binomial(
    shape: Any, counts: Any, probabilities: Any, dtype: Any = None, seed: Any = None
) -> jax.Array:
    """Draws from binomial distributions with `counts` trials of `probabilities`."""
    dtype = _float_dtype(dtype, "binomial")
    return jax.random.binomial(
        draw_key(seed),
        n=jnp.asarray(counts, dtype=dtype),
        p=jnp.asarray(probabilities, dtype=dtype),
        shape=shape_arg(shape),
        dtype=dtype,
    )


def beta(
    shape: Any, alpha: Any, beta: Any, dtype: Any = None, seed: Any = None
) -> jax.Array:
    """Draws from beta distributions with parameters `alpha` and `beta`."""
    dtype = _float_dtype(dtype, "beta")
    return jax.random.beta(
        draw_key(seed),
        a=jnp.asarray(alpha, dtype=dtype),
        b=jnp.asarray(beta, dtype=dtype),
        shape=shape_arg(shape),
        dtype=dtype,
    )
