"""`CategoryEncoding` (one-hot, multi-hot and count encodings of integer
features) and the shared `encode_categorical` helper."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.layers.layer import Layer

OUTPUT_MODES = ("count", "one_hot", "multi_hot")


def encode_categorical(
    inputs: jax.Array,
    output_mode: str,
    depth: int,
    dtype: str,
    count_weights: jax.Array | None = None,
) -> jax.Array:
    """Keras' `encode_categorical_inputs` (dense): int, one_hot, multi_hot, count."""
    if output_mode == "int":
        return inputs.astype(dtype)
    if inputs.ndim == 0:
        inputs = inputs[None]
    if output_mode == "one_hot":
        if inputs.ndim > 1 and inputs.shape[-1] == 1:
            inputs = inputs.reshape(inputs.shape[:-1])
        return _one_hot(inputs, depth, dtype)
    # Keras quirk: multi_hot and count reduce axis 1 (not the last axis) of
    # inputs of rank >= 2.
    axis = 1 if inputs.ndim > 1 else 0
    if output_mode == "multi_hot":
        return jnp.max(_one_hot(inputs.astype("int32"), depth, dtype), axis=axis)
    if count_weights is not None:
        dtype = str(count_weights.dtype)
    encoded = _one_hot(inputs, depth, dtype)
    if count_weights is not None:
        encoded = encoded * count_weights[..., None]
    return jnp.sum(encoded, axis=axis)


def _one_hot(x: jax.Array, depth: int, dtype: str) -> jax.Array:
    return (x[..., None] == jnp.arange(depth, dtype=x.dtype)).astype(dtype)


class CategoryEncoding(Layer):
    """A preprocessing layer which encodes integer features.

    Turns integer indices in `[0, num_tokens)` into a dense one-hot,
    multi-hot or count representation.

    Args:
        num_tokens: The total number of tokens the layer should support. All
            inputs must be in `[0, num_tokens)`.
        output_mode: `"one_hot"` (each input element becomes a one-hot row; a
            trailing axis of size 1 is replaced), `"multi_hot"` (default: one
            row per sample with a 1 for each index present) or `"count"` (like
            multi_hot, with the number of occurrences).
        sparse: Whether to return a sparse tensor (not supported by kerasish).
        **kwargs: Base layer keyword arguments, such as `name` and `dtype`.

    Call arguments:
        inputs: A 1D or 2D tensor of integer inputs.
        count_weights: A tensor in the same shape as `inputs` giving each
            input's weight in `"count"` mode.

    Example:
    ```python
    layer = keras.layers.CategoryEncoding(num_tokens=4, output_mode="one_hot")
    layer([3, 2, 0, 1])  # the 4x4 identity, rows permuted
    ```
    """

    def __init__(
        self,
        num_tokens: int | None = None,
        output_mode: str = "multi_hot",
        sparse: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if output_mode == "binary":  # Keras' deprecated name.
            output_mode = "multi_hot"
        if output_mode not in OUTPUT_MODES:
            raise ValueError(f"Unknown arg for output_mode: {output_mode}")
        if num_tokens is None:
            raise ValueError(
                "num_tokens must be set to use this layer. If the "
                "number of tokens is not known beforehand, use the "
                "IntegerLookup layer instead."
            )
        if num_tokens < 1:
            raise ValueError(
                f"`num_tokens` must be >= 1. Received: num_tokens={num_tokens}."
            )
        if sparse:
            raise ValueError(
                "`sparse=True` is not supported by kerasish (no sparse tensors). "
                f"Received: sparse={sparse}"
            )
        self.num_tokens = num_tokens
        self.output_mode = output_mode
        self.sparse = sparse
        self.built = True

    def call(self, inputs: Any, count_weights: Any = None) -> jax.Array:
        if count_weights is not None:
            if self.output_mode != "count":
                raise ValueError(
                    "`count_weights` is not used when `output_mode` is not "
                    f"`'count'`. Received `count_weights={count_weights}`."
                )
            count_weights = jnp.asarray(count_weights, dtype=self.compute_dtype)
        return encode_categorical(
            jnp.asarray(inputs),
            self.output_mode,
            self.num_tokens,
            self.compute_dtype,
            count_weights,
        )

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        input_shape = tuple(input_shape)
        if len(input_shape) == 0:
            return (self.num_tokens,)
        if self.output_mode == "one_hot":
            if input_shape[-1] != 1 or len(input_shape) == 1:
                return input_shape + (self.num_tokens,)
            return input_shape[:-1] + (self.num_tokens,)
        return input_shape[:-1] + (self.num_tokens,)

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "num_tokens": self.num_tokens,
            "output_mode": self.output_mode,
        }
