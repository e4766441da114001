"""Keras' gradient clipping rules (`clipnorm`, `clipvalue`, `global_clipnorm`)."""

from __future__ import annotations

import jax
import jax.numpy as jnp


def clip_by_norm(grad: jax.Array, clipnorm: float) -> jax.Array:
    """Rescales `grad` so that its L2 norm is at most `clipnorm` (per tensor)."""
    l2sum = jnp.sum(jnp.square(grad), keepdims=True)
    positive = l2sum > 0
    # Keras' two-tap `where` keeps the gradient of sqrt at 0 finite.
    safe = jnp.where(positive, l2sum, jnp.ones_like(l2sum))
    l2norm = jnp.where(positive, jnp.sqrt(safe), l2sum)
    return grad * clipnorm / jnp.maximum(l2norm, clipnorm)


def clip_by_global_norm(grads: list[jax.Array], clipnorm: float) -> list[jax.Array]:
    """Rescales all `grads` together so that their joint L2 norm is <= `clipnorm`."""
    squared = [jnp.sum(jnp.square(g)).astype(grads[0].dtype) for g in grads]
    norm = jnp.sqrt(jnp.sum(jnp.stack(squared)))
    scale = clipnorm * jnp.minimum(1.0 / norm, 1.0 / clipnorm)
    # Keras' trick: a non-finite norm makes the scale NaN instead of 0.
    scale = scale + (norm - norm)
    return [g * scale.astype(g.dtype) for g in grads]


def clip_gradients(
    grads: list[jax.Array],
    clipnorm: float | None,
    clipvalue: float | None,
    global_clipnorm: float | None,
) -> list[jax.Array]:
    """Applies whichever single clipping option is set, with Keras' precedence."""
    if clipnorm and clipnorm > 0:
        return [clip_by_norm(g, clipnorm) for g in grads]
    if global_clipnorm and global_clipnorm > 0:
        return clip_by_global_norm(grads, global_clipnorm)
    if clipvalue and clipvalue > 0:
        return [jnp.clip(g, -clipvalue, clipvalue) for g in grads]
    return grads
