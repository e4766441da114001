"""`Embedding`: turns integer indices into dense vectors of a lookup table."""

from __future__ import annotations

import warnings
from typing import Any

import jax
import jax.numpy as jnp

from kerasish import constraints, initializers, regularizers
from kerasish.core.keras_tensor import KerasTensor
from kerasish.layers.core.lora import LoRA
from kerasish.layers.layer import Layer


def _check_dim(name: str, value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ValueError(
            f"`{name}` must be a positive integer. Received: {name}={value} "
            f"(of type {type(value).__name__})."
        )


class Embedding(LoRA, Layer):
    """Turns nonnegative integers (indexes) into dense vectors of fixed size.

    e.g. `[[4], [20]] -> [[[0.25, 0.1]], [[0.6, -0.2]]]`. Non-integer inputs
    are cast to `int32` first, as in Keras.

    Args:
        input_dim: Integer. Size of the vocabulary, i.e. maximum integer
            index + 1.
        output_dim: Integer. Dimension of the dense embedding.
        embeddings_initializer: Initializer for the `embeddings` matrix
            (`"uniform"`: `RandomUniform(-0.05, 0.05)`).
        embeddings_regularizer: Regularizer applied to the `embeddings`.
        embeddings_constraint: Constraint applied to the `embeddings`.
        mask_zero: Whether index 0 is a special "padding" value to be masked
            out: the layer then outputs the mask `inputs != 0`, which layers
            that support masking (and the loss) consume. If `True`, index 0
            cannot be used in the vocabulary (`input_dim` = vocabulary + 1).
        weights: Optional initial embeddings matrix, shape
            `(input_dim, output_dim)`.
        **kwargs: Base layer keyword arguments (e.g. `name` and `dtype`).
            Keras 2's `input_length` is accepted and ignored, with Keras 3's
            deprecation warning.

    Input shape:
        N-D tensor with shape `(batch_size, ...)`.

    Output shape:
        (N+1)-D tensor with shape `(batch_size, ..., output_dim)`.
    """

    _lora_target = "embeddings"
    _lora_prefix = "lora_embeddings"
    _lora_argument = "embeddings"

    def __init__(
        self,
        input_dim: int,
        output_dim: int,
        embeddings_initializer: Any = "uniform",
        embeddings_regularizer: Any = None,
        embeddings_constraint: Any = None,
        mask_zero: bool = False,
        weights: Any = None,
        lora_rank: int | None = None,
        lora_alpha: float | None = None,
        quantization_config: Any = None,
        **kwargs: Any,
    ) -> None:
        _check_dim("input_dim", input_dim)
        _check_dim("output_dim", output_dim)
        input_length = kwargs.pop("input_length", None)
        if input_length is not None:
            warnings.warn(
                "Argument `input_length` is deprecated. Just remove it.",
                stacklevel=2,
            )
        super().__init__(**kwargs)
        self.input_dim = input_dim
        self.output_dim = output_dim
        self.embeddings_initializer = initializers.get(embeddings_initializer)
        self.embeddings_regularizer = regularizers.get(embeddings_regularizer)
        self.embeddings_constraint = constraints.get(embeddings_constraint)
        self.mask_zero = mask_zero
        self.supports_masking = mask_zero
        self.autocast = False
        self.quantization_config = quantization_config
        self._init_lora(lora_rank, lora_alpha)
        if weights is not None:
            self.build()
            if not (isinstance(weights, list) and len(weights) == 1):
                weights = [weights]
            self.set_weights(weights)

    def build(self, input_shape: Any = None) -> None:
        if self.built:
            return
        self.embeddings = self.add_weight(
            shape=(self.input_dim, self.output_dim),
            initializer=self.embeddings_initializer,
            name="embeddings",
            regularizer=self.embeddings_regularizer,
            constraint=self.embeddings_constraint,
            trainable=True,
        )
        self.built = True
        if self.lora_rank:
            # Keras passes no `lora_alpha` here: it becomes `lora_rank`.
            self.enable_lora(self.lora_rank)

    def call(self, inputs: jax.Array) -> jax.Array:
        if inputs.dtype not in (jnp.int32, jnp.int64):
            inputs = inputs.astype(jnp.int32)
        # Keras' JAX `ops.take`: negative indices wrap and out-of-range ones
        # give NaN rows (a gather cannot raise under jit).
        outputs = jnp.take(self._with_lora(self.embeddings.value), inputs, axis=0)
        return outputs.astype(self.compute_dtype)

    def compute_mask(self, inputs: Any, previous_mask: Any = None) -> Any:
        del previous_mask
        if not self.mask_zero:
            return None
        return jnp.not_equal(inputs, 0)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return (*input_shape, self.output_dim)

    def compute_output_spec(self, *args: Any, **kwargs: Any) -> Any:
        del kwargs
        shape = self.compute_output_shape(tuple(args[0].shape))
        return KerasTensor(shape, dtype=self.compute_dtype)

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "input_dim": self.input_dim,
            "output_dim": self.output_dim,
            "embeddings_initializer": initializers.serialize(
                self.embeddings_initializer
            ),
            "embeddings_regularizer": regularizers.serialize(
                self.embeddings_regularizer
            ),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "embeddings_constraint": constraints.serialize(self.embeddings_constraint),
            "mask_zero": self.mask_zero,
            "quantization_config": self.quantization_config,
            **self._lora_config(),
        }
