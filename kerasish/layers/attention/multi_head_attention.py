"""`MultiHeadAttention`: multi-head attention with Keras' EinsumDense layout."""

from __future__ import annotations

import inspect
import math
from typing import Any

import jax
import jax.numpy as jnp

from kerasish import constraints, initializers, regularizers
from kerasish.core import masking
from kerasish.core.keras_tensor import KerasTensor
from kerasish.layers.activations.softmax import Softmax
from kerasish.layers.attention import equations, masks
from kerasish.layers.core.einsum_dense import EinsumDense
from kerasish.layers.layer import Layer
from kerasish.layers.regularization.dropout import Dropout


class MultiHeadAttention(Layer):
    """MultiHeadAttention layer.

    An implementation of multi-headed attention as described in "Attention
    is all you Need" (Vaswani et al., 2017). With `query`, `key`, `value`
    equal this is self-attention. The query, key and value are projected
    `num_heads` times (`EinsumDense` sublayers `query`, `key`, `value`), the
    scaled dot-product attention is computed per head, and the heads are
    concatenated and projected back (`attention_output`).

    Args:
        num_heads: Number of attention heads.
        key_dim: Size of each attention head for query and key.
        value_dim: Size of each attention head for value (default `key_dim`).
        dropout: Dropout probability on the attention scores.
        use_bias: Whether the dense layers use bias vectors/matrices.
        output_shape: The expected shape of an output tensor, besides the
            batch and sequence dims (default: the query's feature dim).
        attention_axes: Axes over which the attention is applied (`None`:
            all axes but batch, heads and features).
        sliding_window: Optional positive int: each query attends to keys at
            most `sliding_window - 1` positions away.
        flash_attention: Whether to use a flash attention kernel.
        kernel_initializer: Initializer for dense layer kernels.
        bias_initializer: Initializer for dense layer biases.
        kernel_regularizer: Regularizer for dense layer kernels.
        bias_regularizer: Regularizer for dense layer biases.
        activity_regularizer: Regularizer for the dense layers' outputs.
        kernel_constraint: Constraint for dense layer kernels.
        bias_constraint: Constraint for dense layer biases.
        use_gate: Whether to gate the attention output with a sigmoid
            projection of the query (`gate` sublayer).
        seed: Optional integer to seed the dropout layer.

    Call arguments:
        query: Query tensor of shape `(B, T, dim)`.
        value: Value tensor of shape `(B, S, dim)`.
        key: Optional key tensor of shape `(B, S, dim)` (default `value`).
        query_mask, value_mask, key_mask: Masks of shape `(B, T)` / `(B, S)`;
            taken from the inputs' Keras masks (the query's always is).
        attention_mask: A boolean mask of shape `(B, T, S)`.
        return_attention_scores: Whether to also return the attention scores
            `(B, num_heads, T, S)`.
        training: Whether dropout is active.
        use_causal_mask: Whether to apply a causal mask.

    Returns:
        attention_output: `(B, T, E)`, `E` the query's last dim unless
            `output_shape` is given; plus the attention scores if requested.
    """

    def __init__(
        self,
        num_heads: int,
        key_dim: int,
        value_dim: int | None = None,
        dropout: float = 0.0,
        use_bias: bool = True,
        output_shape: Any = None,
        attention_axes: Any = None,
        sliding_window: int | None = None,
        flash_attention: bool | None = None,
        kernel_initializer: Any = "glorot_uniform",
        bias_initializer: Any = "zeros",
        kernel_regularizer: Any = None,
        bias_regularizer: Any = None,
        activity_regularizer: Any = None,
        kernel_constraint: Any = None,
        bias_constraint: Any = None,
        use_gate: bool = False,
        seed: int | None = None,
        **kwargs: Any,
    ) -> None:
        _check_positive("num_heads", num_heads)
        _check_positive("key_dim", key_dim)
        if value_dim is not None:
            _check_positive("value_dim", value_dim, "a positive integer or `None`")
        super().__init__(**kwargs)
        self.supports_masking = True
        self._num_heads = num_heads
        self._key_dim = key_dim
        self._value_dim = value_dim if value_dim else key_dim
        self._dropout = dropout
        self._use_bias = use_bias
        self._use_gate = use_gate
        if output_shape:
            if isinstance(output_shape, int):
                output_shape = (output_shape,)
            try:
                output_shape = tuple(output_shape)
            except TypeError as e:
                raise ValueError(
                    f"Invalid `output_shape`: {output_shape}. When specified, the "
                    "`output_shape` should be of type tuple, list, or int."
                ) from e
        self._output_shape = output_shape
        self._flash_attention = flash_attention
        self._kernel_initializer = initializers.get(kernel_initializer)
        self._bias_initializer = initializers.get(bias_initializer)
        self._kernel_regularizer = regularizers.get(kernel_regularizer)
        self._bias_regularizer = regularizers.get(bias_regularizer)
        self._activity_regularizer = regularizers.get(activity_regularizer)
        self._kernel_constraint = constraints.get(kernel_constraint)
        self._bias_constraint = constraints.get(bias_constraint)
        if isinstance(attention_axes, int):
            attention_axes = (attention_axes,)
        elif attention_axes and not isinstance(attention_axes, list | tuple):
            raise ValueError(
                "`attention_axes` must be an int, list, or tuple."
                f"Received: attention_axes={attention_axes}"
            )
        self._attention_axes = attention_axes
        if sliding_window is not None and (
            not isinstance(sliding_window, int) or sliding_window <= 0
        ):
            raise ValueError(
                "`sliding_window` must be `None` or a positive integer. "
                f"Received: sliding_window={sliding_window}"
            )
        self._sliding_window = sliding_window
        self.seed = seed
        self._inverse_sqrt_key_dim = 1.0 / math.sqrt(float(self._key_dim))
        if self._flash_attention and self._dropout > 0.0:
            raise ValueError(
                "Dropout is not supported when flash attention is enabled. "
                "Please set dropout to 0.0 to use flash attention."
            )

    num_heads = property(lambda self: self._num_heads)
    key_dim = property(lambda self: self._key_dim)
    value_dim = property(lambda self: self._value_dim)
    dropout = property(lambda self: self._dropout)
    use_bias = property(lambda self: self._use_bias)
    attention_axes = property(lambda self: self._attention_axes)
    query_dense = property(lambda self: self._query_dense)
    key_dense = property(lambda self: self._key_dense)
    value_dense = property(lambda self: self._value_dense)
    output_dense = property(lambda self: self._output_dense)

    # ----------------------------------------------------------- building

    def build(
        self, query_shape: tuple, value_shape: tuple, key_shape: tuple | None = None
    ) -> None:
        """Creates the projection sublayers from the input shapes."""
        key_shape = value_shape if key_shape is None else key_shape
        if tuple(value_shape[1:-1]) != tuple(key_shape[1:-1]):
            raise ValueError(
                "All dimensions of `value` and `key`, except the last one, "
                f"must be equal. Received: value_shape={tuple(value_shape)} and "
                f"key_shape={tuple(key_shape)}"
            )
        self._shapes_dict = {
            "query_shape": tuple(query_shape),
            "value_shape": tuple(value_shape),
            "key_shape": None if key_shape is value_shape else tuple(key_shape),
        }
        heads_key = [self._num_heads, self._key_dim]
        heads_value = [self._num_heads, self._value_dim]
        self._query_dense = self._projection("query", query_shape, heads_key)
        self._key_dense = self._projection("key", key_shape, heads_key)
        if self._use_gate:
            self._gate_dense = self._projection(
                "gate", query_shape, heads_value, activation="sigmoid"
            )
        self._value_dense = self._projection("value", value_shape, heads_value)
        self._build_attention(len(value_shape) + 1)
        self._output_dense = self._make_output_dense(
            query_shape, self._get_common_kwargs_for_sublayer(), "attention_output"
        )
        dense_input = list(self._query_dense.compute_output_shape(tuple(query_shape)))
        dense_input[-1] = self._value_dim
        self._output_dense.build(tuple(dense_input))

    def _projection(
        self, name: str, shape: tuple, last_dims: list, activation: Any = None
    ) -> EinsumDense:
        equation, bias_axes, output_rank = equations.build_proj_equation(
            len(shape) - 1, bound_dims=1, output_dims=2
        )
        layer = EinsumDense(
            equation,
            output_shape=equations.output_shape_for(output_rank - 1, last_dims),
            bias_axes=bias_axes if self._use_bias else None,
            activation=activation,
            name=name,
            **self._get_common_kwargs_for_sublayer(),
        )
        layer.build(tuple(shape))
        return layer

    def _get_common_kwargs_for_sublayer(self) -> dict:
        # Fresh initializer instances per sublayer, as Keras clones them (an
        # unseeded initializer then draws its own seed).
        kernel = self._kernel_initializer.__class__.from_config(
            self._kernel_initializer.get_config()
        )
        bias = self._bias_initializer.__class__.from_config(
            self._bias_initializer.get_config()
        )
        return {
            "kernel_regularizer": self._kernel_regularizer,
            "bias_regularizer": self._bias_regularizer,
            "activity_regularizer": self._activity_regularizer,
            "kernel_constraint": self._kernel_constraint,
            "bias_constraint": self._bias_constraint,
            "dtype": self.dtype_policy,
            "kernel_initializer": kernel,
            "bias_initializer": bias,
        }

    def _make_output_dense(
        self, query_shape: tuple, common_kwargs: dict, name: str | None = None
    ) -> EinsumDense:
        output_shape = self._output_shape or [query_shape[-1]]
        equation, bias_axes, output_rank = equations.build_proj_equation(
            len(query_shape) - 1, bound_dims=2, output_dims=len(output_shape)
        )
        return EinsumDense(
            equation,
            output_shape=equations.output_shape_for(output_rank - 1, output_shape),
            bias_axes=bias_axes if self._use_bias else None,
            name=name,
            **common_kwargs,
        )

    def _build_attention(self, rank: int) -> None:
        if self._attention_axes is None:
            self._attention_axes = tuple(range(1, rank - 2))
        else:
            self._attention_axes = tuple(
                a if a >= 0 else (rank - 1) + a for a in self._attention_axes
            )
        self._dot_product_equation, self._combine_equation, scores_rank = (
            equations.build_attention_equation(rank, self._attention_axes)
        )
        norm_axes = tuple(range(scores_rank - len(self._attention_axes), scores_rank))
        self._softmax = Softmax(axis=norm_axes, dtype=self.dtype_policy)
        self._dropout_layer = Dropout(
            rate=self._dropout, dtype=self.dtype_policy, seed=self.seed
        )

    def get_build_config(self) -> dict | None:
        shapes = self.__dict__.get("_shapes_dict")
        if shapes is None:
            return None
        # Keras lists only the shapes `build` received (no `key_shape` if None).
        shapes = {k: list(v) for k, v in shapes.items() if v is not None}
        return {"shapes_dict": shapes}

    def build_from_config(self, config: dict) -> None:
        shapes = (config or {}).get("shapes_dict")
        if shapes:
            self.build(*(None if s is None else tuple(s) for s in shapes.values()))

    # ----------------------------------------------------------- calling

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        bound = inspect.signature(self.call).bind(*args, **kwargs).arguments
        query, value, key = bound.pop("query"), bound.pop("value"), bound.get("key")
        tensors = (query, value, key)
        if not any(isinstance(t, KerasTensor) for t in tensors):
            # Keras reads the query's mask off the tensor (an explicit
            # `query_mask` is ignored) and fills in the value/key masks.
            bound["query_mask"] = masking.get_keras_mask(query)
            if bound.get("value_mask") is None:
                bound["value_mask"] = masking.get_keras_mask(value)
            if key is not None and bound.get("key_mask") is None:
                bound["key_mask"] = masking.get_keras_mask(key)
        if not self.built:
            self.build(*(None if t is None else tuple(t.shape) for t in tensors))
        bound = {k: v for k, v in bound.items() if v is not None}
        return super().__call__(query, value, **bound)

    def call(
        self,
        query: jax.Array,
        value: jax.Array,
        key: jax.Array | None = None,
        query_mask: Any = None,
        value_mask: Any = None,
        key_mask: Any = None,
        attention_mask: Any = None,
        return_attention_scores: bool = False,
        training: bool | None = None,
        use_causal_mask: bool = False,
    ) -> Any:
        if key is None:
            key = value
        causal_only = (
            use_causal_mask
            and query_mask is None
            and value_mask is None
            and key_mask is None
            and attention_mask is None
            and self._sliding_window is None
            and type(self)._compute_attention is MultiHeadAttention._compute_attention
        )
        if causal_only:
            attention_mask = None
        else:
            attention_mask = masks.compute_attention_mask(
                query,
                value,
                query_mask=query_mask,
                value_mask=value_mask,
                key_mask=key_mask,
                attention_mask=attention_mask,
                use_causal_mask=use_causal_mask,
                sliding_window=self._sliding_window,
            )
        if self._use_gate:
            gate = self._gate_dense(query)
        query = self._query_dense(query)  # (B, T, N, key_dim)
        key = self._key_dense(key)  # (B, S, N, key_dim)
        value = self._value_dense(value)  # (B, S, N, value_dim)
        extra = {"use_causal_mask": True} if causal_only else {}
        output, scores = self._compute_attention(
            query,
            key,
            value,
            attention_mask,
            training,
            return_attention_scores,
            **extra,
        )
        if self._use_gate:
            output = output * gate
        output = self._output_dense(output)
        if query_mask is not None:
            masking.set_keras_mask(output, query_mask)
        if return_attention_scores:
            return output, scores
        return output

    def _compute_attention(
        self,
        query: jax.Array,
        key: jax.Array,
        value: jax.Array,
        attention_mask: Any = None,
        training: bool | None = None,
        return_attention_scores: bool = False,
        use_causal_mask: bool = False,
    ) -> tuple[jax.Array, jax.Array | None]:
        """Scaled dot-product attention of projected `(B, T, N, H)` tensors."""
        if self._flash_attention and return_attention_scores:
            raise ValueError(
                "Returning attention scores is not supported when flash "
                "attention is enabled. Please disable flash attention to access"
                " attention scores."
            )
        # Keras takes the fused kernel whenever the scores are not needed. It
        # then fails when value_dim != key_dim (JAX's kernel wants one head
        # size); the explicit path computes the same thing, so it takes over.
        fused = not (self._dropout > 0.0 or return_attention_scores or query.ndim != 4)
        if fused and key.shape[-1] == value.shape[-1]:
            return self._fused_attention(
                query, key, value, attention_mask, use_causal_mask
            ), None
        if use_causal_mask:
            causal = masks.causal_mask(query.shape[1], value.shape[1])
            attention_mask = (
                causal
                if attention_mask is None
                else jnp.logical_and(jnp.asarray(attention_mask, bool), causal)
            )
        query = query * jnp.asarray(self._inverse_sqrt_key_dim, query.dtype)
        scores = jnp.einsum(self._dot_product_equation, key, query)
        scores = self._masked_softmax(scores, attention_mask)
        final = scores
        if self._dropout > 0.0:
            final = self._dropout_layer(scores, training=training)
        output = jnp.einsum(self._combine_equation, final, value)
        return output, scores

    def _fused_attention(
        self,
        query: jax.Array,
        key: jax.Array,
        value: jax.Array,
        mask: Any,
        causal: bool,
    ) -> jax.Array:
        if mask is not None:
            axis = -len(self._attention_axes) * 2 - 1
            mask = jnp.asarray(mask, bool)
            while mask.ndim < 4:
                mask = jnp.expand_dims(mask, axis)
        return jax.nn.dot_product_attention(
            query,
            key,
            value,
            mask=mask,
            scale=self._inverse_sqrt_key_dim,
            is_causal=causal,
            implementation="cudnn" if self._flash_attention else "xla",
        )

    def _masked_softmax(self, scores: jax.Array, attention_mask: Any = None) -> Any:
        if attention_mask is not None:
            # Expand from the heads axis: (<batch dims>, num_heads, <q dims, k dims>).
            axis = -len(self._attention_axes) * 2 - 1
            attention_mask = jnp.asarray(attention_mask)
            while attention_mask.ndim < scores.ndim:
                attention_mask = jnp.expand_dims(attention_mask, axis)
        return self._softmax(scores, mask=attention_mask)

    def compute_output_shape(
        self, query_shape: tuple, value_shape: tuple, key_shape: tuple | None = None
    ) -> tuple:
        query_shape, value_shape = tuple(query_shape), tuple(value_shape)
        key_shape = value_shape if key_shape is None else tuple(key_shape)
        if value_shape[1:-1] != key_shape[1:-1]:
            raise ValueError(
                "All dimensions of `value` and `key`, except the last one, "
                f"must be equal. Received: value_shape={value_shape} and "
                f"key_shape={key_shape}"
            )
        if self._output_shape:
            return query_shape[:-1] + tuple(self._output_shape)
        return query_shape

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "num_heads": self._num_heads,
            "key_dim": self._key_dim,
            "value_dim": self._value_dim,
            "dropout": self._dropout,
            "use_bias": self._use_bias,
            "use_gate": self._use_gate,
            "output_shape": self._output_shape,
            "attention_axes": self._attention_axes,
            "sliding_window": self._sliding_window,
            "kernel_initializer": initializers.serialize(self._kernel_initializer),
            "bias_initializer": initializers.serialize(self._bias_initializer),
            "kernel_regularizer": regularizers.serialize(self._kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self._bias_regularizer),
            "activity_regularizer": regularizers.serialize(self._activity_regularizer),
            "kernel_constraint": constraints.serialize(self._kernel_constraint),
            "bias_constraint": constraints.serialize(self._bias_constraint),
            "seed": self.seed,
        }


def _check_positive(name: str, value: Any, expected: str = "a positive integer"):
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ValueError(
            f"Received an invalid value for argument `{name}`, expected "
            f"{expected}. Received: {name}={value}"
        )
