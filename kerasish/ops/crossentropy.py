"""Crossentropy ops of `keras.ops.nn`, with Keras' probability clipping.

Probabilities are renormalized and clipped to `[epsilon, 1 - epsilon]` exactly
as Keras 3.15.1's JAX backend does, so loss values match at the 4th decimal.
"""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp
from jax import nn as jnn

from kerasish.backend import config
from kerasish.ops._dispatch import keras_op, to_float, to_tensor


def _check_same_shape(target: jax.Array, output: jax.Array) -> None:
    if target.shape != output.shape:
        raise ValueError(
            "Arguments `target` and `output` must have the same shape. "
            f"Received: target.shape={target.shape}, output.shape={output.shape}"
        )


def _log_probs(output: jax.Array, from_logits: bool, axis: int) -> jax.Array:
    if from_logits:
        return jnn.log_softmax(output, axis=axis)
    # Keras renormalizes probabilities, then clips them to [eps, 1 - eps].
    output = output / jnp.sum(output, axis, keepdims=True)
    eps = config.epsilon()
    return jnp.log(jnp.clip(output, eps, 1.0 - eps))


@keras_op
def categorical_crossentropy(
    target: Any, output: Any, from_logits: bool = False, axis: int = -1
) -> jax.Array:
    """Crossentropy between one-hot (or soft) targets and predictions.

    Args:
        target: Targets, same shape as `output`.
        output: Probabilities (or logits if `from_logits=True`).
        from_logits: Whether `output` holds logits.
        axis: The class axis.

    Returns:
        The per-sample loss (the class axis reduced).
    """
    output = to_float(output)
    target = to_tensor(target).astype(output.dtype)
    _check_same_shape(target, output)
    if target.ndim < 1:
        raise ValueError(
            "Arguments `target` and `output` must be at least rank 1. Received: "
            f"target.shape={target.shape}, output.shape={output.shape}"
        )
    return -jnp.sum(target * _log_probs(output, from_logits, axis), axis=axis)


@keras_op
def sparse_categorical_crossentropy(
    target: Any, output: Any, from_logits: bool = False, axis: int = -1
) -> jax.Array:
    """Crossentropy between integer labels and predictions.

    Args:
        target: Integer labels, shape `output.shape[:-1]` (a trailing 1 is squeezed).
        output: Probabilities (or logits if `from_logits=True`).
        from_logits: Whether `output` holds logits.
        axis: The class axis.

    Returns:
        The per-sample loss.
    """
    output = to_float(output)
    target = to_tensor(target).astype("int32")
    if target.ndim == output.ndim and target.shape[-1] == 1:
        target = jnp.squeeze(target, axis=-1)
    if output.ndim < 1:
        raise ValueError(
            "Argument `output` must be at least rank 1. "
            f"Received: output.shape={output.shape}"
        )
    if target.shape != output.shape[:-1]:
        raise ValueError(
            "Arguments `target` and `output` must have the same shape up until the "
            f"last dimension: target.shape={target.shape}, output.shape={output.shape}"
        )
    log_prob = _log_probs(output, from_logits, axis)
    labels = jnn.one_hot(target, output.shape[axis], axis=axis, dtype=output.dtype)
    return -jnp.sum(labels * log_prob, axis=axis)


@keras_op
def binary_crossentropy(
    target: Any, output: Any, from_logits: bool = False
) -> jax.Array:
    """Element-wise binary crossentropy.

    Args:
        target: Targets in `[0, 1]`, same shape as `output`.
        output: Probabilities (or logits if `from_logits=True`).
        from_logits: Whether `output` holds logits.

    Returns:
        The element-wise loss (no reduction).
    """
    output = to_float(output)
    target = to_tensor(target).astype(output.dtype)
    _check_same_shape(target, output)
    if from_logits:
        return -target * jnn.log_sigmoid(output) - (1.0 - target) * jnn.log_sigmoid(
            -output
        )
    eps = config.epsilon()
    output = jnp.clip(output, eps, 1.0 - eps)
    return -(target * jnp.log(output) + (1.0 - target) * jnp.log(1.0 - output))
