"""`Attention`: dot-product (Luong-style) attention over `[query, value(, key)]`."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.core.random import SeedGenerator
from kerasish.layers.layer import Layer
from kerasish.layers.merging.base_merge import MultiInputMaskMixin


class Attention(MultiInputMaskMixin, Layer):
    """Dot-product attention layer, a.k.a. Luong-style attention.

    Inputs are a list of tensors: `query` `(batch_size, Tq, dim)`, `value`
    `(batch_size, Tv, dim)` and optionally `key` `(batch_size, Tv, dim)`
    (defaults to `value`). The layer computes scores `query @ key^T`,
    a softmax distribution over `Tv`, and returns `distribution @ value`.

    Args:
        use_scale: If `True`, creates a scalar variable that scales the scores.
        score_mode: Function to compute attention scores, one of
            `{"dot", "concat"}`. `"dot"` is the dot product between the query
            and key vectors; `"concat"` the hyperbolic tangent of their sum.
        dropout: Float between 0 and 1. Fraction of the units to drop for the
            attention scores.
        seed: An integer to use as random seed in case of `dropout`.

    Call arguments:
        inputs: List `[query, value]` or `[query, value, key]`.
        mask: List `[query_mask, value_mask]` of boolean masks of shapes
            `(batch_size, Tq)` and `(batch_size, Tv)`.
        return_attention_scores: If `True`, also returns the attention scores
            (after masking and softmax).
        training: Whether the layer behaves in training mode (dropout).
        use_causal_mask: Whether to apply a causal mask (position `i` cannot
            attend to positions `j > i`).

    Output shape:
        Attention outputs `(batch_size, Tq, dim)`, and optionally the scores
        `(batch_size, Tq, Tv)`.
    """

    def __init__(
        self,
        use_scale: bool = False,
        score_mode: str = "dot",
        dropout: float = 0.0,
        seed: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.use_scale = use_scale
        self.score_mode = score_mode
        self.dropout = dropout
        self.seed = seed
        if self.dropout > 0:
            self.seed_generator = SeedGenerator(seed)
        if self.score_mode not in ("dot", "concat"):
            raise ValueError(
                "Invalid value for argument score_mode. Expected one of "
                f"{{'dot', 'concat'}}. Received: score_mode={score_mode}"
            )
        self.supports_masking = True

    def build(self, input_shape: Any) -> None:
        self._validate_inputs(input_shape)
        self.scale = None
        self.concat_score_weight = None
        if self.use_scale:
            self.scale = self.add_weight(name="scale", shape=(), initializer="ones")
        if self.score_mode == "concat":
            self.concat_score_weight = self.add_weight(
                name="concat_score_weight", shape=(), initializer="ones"
            )

    def _calculate_scores(self, query: jax.Array, key: jax.Array) -> jax.Array:
        """Scores `(batch_size, Tq, Tv)` from query and key."""
        if self.score_mode == "dot":
            scores = jnp.matmul(query, jnp.swapaxes(key, -2, -1))
            if self.scale is not None:
                scores = scores * self.scale.value
            return scores
        q = jnp.expand_dims(query, -2)  # (batch, Tq, 1, dim)
        k = jnp.expand_dims(key, -3)  # (batch, 1, Tv, dim)
        total = q + k if self.scale is None else self.scale.value * (q + k)
        return self.concat_score_weight.value * jnp.sum(jnp.tanh(total), axis=-1)

    def _apply_scores(
        self,
        scores: jax.Array,
        value: jax.Array,
        scores_mask: Any = None,
        training: bool = False,
    ) -> tuple[jax.Array, jax.Array]:
        if scores_mask is not None:
            padding = jnp.logical_not(scores_mask)
            # Keras subtracts a large value (65504, float16's max, in float16).
            big = 65504.0 if scores.dtype == jnp.float16 else 1.0e9
            if padding.ndim == 2:
                padding = jnp.expand_dims(padding, -2)
            scores = jnp.where(padding, scores - jnp.asarray(big, scores.dtype), scores)
        weights = jax.nn.softmax(scores, axis=-1)
        if training and self.dropout > 0:
            keep = 1.0 - self.dropout
            draw = jax.random.bernoulli(self.seed_generator.next(), keep, weights.shape)
            weights = jnp.where(draw, weights / jnp.asarray(keep, weights.dtype), 0)
        return jnp.matmul(weights, value), weights

    def _calculate_score_mask(
        self, scores: jax.Array, v_mask: Any, use_causal_mask: bool
    ) -> Any:
        if not use_causal_mask:
            return v_mask
        tq, tv = scores.shape[-2:]
        causal = jnp.tril(jnp.ones((1, tq, tv), bool))
        if v_mask is None:
            return causal
        return jnp.logical_and(jnp.expand_dims(jnp.asarray(v_mask, bool), -2), causal)

    def call(
        self,
        inputs: list,
        mask: Any = None,
        training: bool = False,
        return_attention_scores: bool = False,
        use_causal_mask: bool = False,
    ) -> Any:
        self._validate_inputs(inputs, mask)
        query, value = inputs[0], inputs[1]
        key = inputs[2] if len(inputs) > 2 else value
        q_mask = mask[0] if mask else None
        v_mask = mask[1] if mask else None
        scores = self._calculate_scores(query, key)
        scores_mask = self._calculate_score_mask(scores, v_mask, use_causal_mask)
        output, attention_scores = self._apply_scores(
            scores, value, scores_mask=scores_mask, training=training
        )
        if q_mask is not None:
            q_mask = jnp.expand_dims(jnp.asarray(q_mask, bool), -1)
            output = jnp.where(q_mask, output, jnp.zeros((), output.dtype))
        if return_attention_scores:
            return output, attention_scores
        return output

    def compute_mask(self, inputs: Any, mask: Any = None) -> Any:
        self._validate_inputs(inputs, mask)
        if mask is None or mask[0] is None:
            return None
        return jnp.asarray(mask[0])

    def compute_output_shape(self, input_shape: Any) -> tuple:
        return (*input_shape[0][:-1], input_shape[1][-1])

    def _validate_inputs(self, inputs: Any, mask: Any = None) -> None:
        name = self.__class__.__name__
        if not isinstance(inputs, list):
            raise ValueError(
                f"{name} layer must be called on a list of inputs, namely "
                f"[query, value] or [query, value, key]. Received: inputs={inputs}."
            )
        if len(inputs) < 2 or len(inputs) > 3:
            raise ValueError(
                f"{name} layer accepts inputs list of length 2 or 3, namely "
                "[query, value] or [query, value, key]. "
                f"Received length: {len(inputs)}."
            )
        if mask is not None:
            if not isinstance(mask, list | tuple):
                raise ValueError(
                    f"{name} layer mask must be a list, namely "
                    f"[query_mask, value_mask]. Received: mask={mask}."
                )
            if len(mask) < 2 or len(mask) > 3:
                raise ValueError(
                    f"{name} layer accepts mask list of length 2 or 3. "
                    f"Received: inputs={inputs}, mask={mask}."
                )

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "use_scale": self.use_scale,
            "score_mode": self.score_mode,
            "dropout": self.dropout,
            "seed": self.seed,
        }
