"""Attention masks of `MultiHeadAttention`: padding, causal and sliding-window."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp


def causal_mask(q_len: int, v_len: int) -> jax.Array:
    """`(1, T, S)` lower-triangular boolean mask (query `i` sees keys `j <= i`)."""
    rows = jnp.arange(q_len)[:, None]
    cols = jnp.arange(v_len)[None, :]
    return (rows >= cols)[None]


def sliding_window_mask(q_len: int, v_len: int, window: int) -> jax.Array:
    """`(1, T, S)` symmetric band: keys at most `window - 1` positions away."""
    rows = jnp.arange(q_len)[:, None]
    cols = jnp.arange(v_len)[None, :]
    return (jnp.abs(rows - cols) < window)[None]


def compute_attention_mask(
    query: jax.Array,
    value: jax.Array,
    query_mask: Any = None,
    value_mask: Any = None,
    key_mask: Any = None,
    attention_mask: Any = None,
    use_causal_mask: bool = False,
    sliding_window: int | None = None,
) -> jax.Array | None:
    """The `(B, T, S)` mask combining the inputs' Keras masks (query `(B, T, 1)`,
    value and key `(B, 1, S)`), the causal and sliding-window masks and the
    explicit `attention_mask`, with a logical AND."""
    parts = []
    if query_mask is not None:
        parts.append(jnp.expand_dims(jnp.asarray(query_mask, bool), -1))
    if value_mask is not None:
        parts.append(jnp.expand_dims(jnp.asarray(value_mask, bool), -2))
    if key_mask is not None:
        parts.append(jnp.expand_dims(jnp.asarray(key_mask, bool), -2))
    if use_causal_mask:
        parts.append(causal_mask(query.shape[1], value.shape[1]))
    if sliding_window is not None:
        parts.append(
            sliding_window_mask(query.shape[1], value.shape[1], sliding_window)
        )
    if attention_mask is not None:
        attention_mask = jnp.asarray(attention_mask, bool)
    if not parts:
        return attention_mask
    auto = parts[0]
    for part in parts[1:]:
        auto = auto & part
    return auto if attention_mask is None else attention_mask & auto
