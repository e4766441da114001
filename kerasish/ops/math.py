"""`keras.ops.math`: top-k, logsumexp, segment reductions, erf, rsqrt."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jax
import jax.numpy as jnp
from jax.scipy import special

from kerasish.ops._dispatch import axis_arg, keras_op, to_float, to_tensor


@keras_op
def top_k(x: Any, k: int, sorted: bool = True) -> tuple[jax.Array, jax.Array]:  # noqa: A002
    """The `k` largest values along the last axis and their int32 indices.

    Args:
        x: Input tensor.
        k: How many values to return.
        sorted: Ignored: JAX always returns them in descending order.

    Returns:
        A `(values, indices)` tuple.
    """
    del sorted
    values, indices = jax.lax.top_k(to_tensor(x), k)
    return values, indices.astype("int32")


@keras_op
def in_top_k(targets: Any, predictions: Any, k: int) -> jax.Array:
    """Whether each target is among the top `k` predictions (ties count as in).

    Args:
        targets: Integer labels, shape `(batch,)`.
        predictions: Scores, shape `(batch, classes)`.
        k: Number of top elements to consider.

    Returns:
        A boolean tensor of shape `(batch,)`.
    """
    targets = to_tensor(targets).astype("int32")
    predictions = to_tensor(predictions)
    at_label = jnp.take_along_axis(predictions, targets[..., None], axis=-1)
    # NaN scores never count as large.
    at_label = jnp.where(jnp.isnan(at_label), -jnp.inf, at_label)
    rank = 1 + jnp.sum(jnp.greater(predictions, at_label), axis=-1)
    return jnp.less_equal(rank, k)


@keras_op
def logsumexp(x: Any, axis: Any = None, keepdims: bool = False) -> jax.Array:
    """`log(sum(exp(x)))`, computed stably."""
    return special.logsumexp(to_float(x), axis=axis_arg(axis), keepdims=keepdims)


def _segment(
    fn: Callable, data: Any, segment_ids: Any, num_segments: int | None, sorted: bool
) -> jax.Array:
    if num_segments is None:
        raise ValueError(
            "Argument `num_segments` must be set when using the JAX backend. "
            "Received: num_segments=None"
        )
    return fn(
        to_tensor(data),
        to_tensor(segment_ids).astype("int32"),
        num_segments=num_segments,
        indices_are_sorted=sorted,
    )


@keras_op
def segment_sum(
    data: Any,
    segment_ids: Any,
    num_segments: int | None = None,
    sorted: bool = False,  # noqa: A002
) -> jax.Array:
    """Sums `data` within each segment (`num_segments` is required on JAX)."""
    return _segment(jax.ops.segment_sum, data, segment_ids, num_segments, sorted)


@keras_op
def segment_max(
    data: Any,
    segment_ids: Any,
    num_segments: int | None = None,
    sorted: bool = False,  # noqa: A002
) -> jax.Array:
    """Maximum of `data` within each segment."""
    return _segment(jax.ops.segment_max, data, segment_ids, num_segments, sorted)


@keras_op
def segment_min(
    data: Any,
    segment_ids: Any,
    num_segments: int | None = None,
    sorted: bool = False,  # noqa: A002
) -> jax.Array:
    """Minimum of `data` within each segment."""
    return _segment(jax.ops.segment_min, data, segment_ids, num_segments, sorted)


@keras_op
def segment_prod(
    data: Any,
    segment_ids: Any,
    num_segments: int | None = None,
    sorted: bool = False,  # noqa: A002
) -> jax.Array:
    """Product of `data` within each segment."""
    return _segment(jax.ops.segment_prod, data, segment_ids, num_segments, sorted)


@keras_op
def erf(x: Any) -> jax.Array:
    """Gauss error function."""
    return jax.lax.erf(to_float(x))


@keras_op
def erfc(x: Any) -> jax.Array:
    """Complementary error function `1 - erf(x)`."""
    return jax.lax.erfc(to_float(x))


@keras_op
def erfinv(x: Any) -> jax.Array:
    """Inverse error function."""
    return jax.lax.erf_inv(to_float(x))


@keras_op
def rsqrt(x: Any) -> jax.Array:
    """Reciprocal square root `1 / sqrt(x)`."""
    return jax.lax.rsqrt(to_float(x))


@keras_op
def logdet(x: Any) -> jax.Array:
    """Log-determinant of a (batch of) Hermitian positive-definite matrix."""
    return jnp.linalg.slogdet(to_float(x))[1]


@keras_op
def extract_sequences(x: Any, sequence_length: int, sequence_stride: int) -> jax.Array:
    """Frames the last axis into overlapping windows `(..., frames, length)`."""
    x = to_tensor(x)
    frames = 1 + (x.shape[-1] - sequence_length) // sequence_stride
    starts = jnp.arange(frames) * sequence_stride
    index = starts[:, None] + jnp.arange(sequence_length)[None, :]
    return x[..., index]
