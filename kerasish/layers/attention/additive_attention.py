"""`AdditiveAttention`: Bahdanau-style attention over `[query, value(, key)]`."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.layers.attention.attention import Attention


class AdditiveAttention(Attention):
    """Additive attention layer, a.k.a. Bahdanau-style attention.

    Inputs are a list `[query, value]` or `[query, value, key]` with shapes
    `(batch_size, Tq, dim)` and `(batch_size, Tv, dim)`. Scores are
    `sum(scale * tanh(query + key), axis=-1)` over broadcast `(Tq, Tv)` pairs;
    the output is `softmax(scores) @ value`.

    Args:
        use_scale: If `True`, creates a trainable vector of shape `(dim,)`
            that scales the scores.
        dropout: Float between 0 and 1. Fraction of the units to drop for the
            attention scores.

    Call arguments:
        inputs: List `[query, value]` or `[query, value, key]`.
        mask: List `[query_mask, value_mask]` of boolean masks.
        return_attention_scores: If `True`, also returns the attention scores.
        training: Whether the layer behaves in training mode (dropout).
        use_causal_mask: Whether to apply a causal mask.

    Output shape:
        Attention outputs `(batch_size, Tq, dim)`, and optionally the scores
        `(batch_size, Tq, Tv)`.
    """

    def __init__(self, use_scale: bool = True, dropout: float = 0.0, **kwargs: Any):
        super().__init__(use_scale=use_scale, dropout=dropout, **kwargs)

    def build(self, input_shape: Any) -> None:
        self._validate_inputs(input_shape)
        self.scale = None
        self.concat_score_weight = None
        if self.use_scale:
            self.scale = self.add_weight(
                name="scale", shape=(input_shape[0][-1],), initializer="glorot_uniform"
            )

    def _calculate_scores(self, query: jax.Array, key: jax.Array) -> jax.Array:
        q = jnp.expand_dims(query, -2)  # (batch, Tq, 1, dim)
        k = jnp.expand_dims(key, -3)  # (batch, 1, Tv, dim)
        scale = self.scale.value if self.use_scale else 1.0
        return jnp.sum(scale * jnp.tanh(q + k), axis=-1)

    def get_config(self) -> dict:
        config = super().get_config()
        del config["score_mode"]
        return config
