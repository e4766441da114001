"""`Dropout`: zeroes a random fraction of inputs while training."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.core.random import SeedGenerator
from kerasish.layers.layer import Layer


class Dropout(Layer):
    """Applies dropout to the input.

    While training, each input unit is set to 0 with probability `rate` and
    the kept ones are scaled by `1 / (1 - rate)` so the expected sum is
    unchanged. At inference (`training=False`, the default of `model(x)`,
    `predict` and `evaluate`) the layer is the identity.

    Args:
        rate: Float between 0 and 1, the fraction of units to drop.
        noise_shape: Shape of the binary mask, broadcast against the input
            (e.g. `(batch_size, 1, features)` to share it across time).
        seed: Integer seed for the layer's `SeedGenerator`.

    Call arguments:
        inputs: Input tensor of any rank.
        training: Whether the layer is running in training mode.
    """

    def __init__(
        self,
        rate: float,
        noise_shape: tuple | None = None,
        seed: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if not 0 <= rate <= 1:
            raise ValueError(
                "Invalid value received for argument `rate`. Expected a float "
                f"value between 0 and 1. Received: rate={rate}"
            )
        self.rate = rate
        self.seed = seed
        self.noise_shape = noise_shape
        if rate > 0:
            self.seed_generator = SeedGenerator(seed)
        self.supports_masking = True
        self.built = True

    def call(self, inputs: jax.Array, training: bool = False) -> jax.Array:
        if not training or self.rate <= 0:
            return inputs
        if self.rate >= 1:
            return jnp.zeros_like(inputs)
        keep_prob = 1.0 - self.rate
        shape = self._noise_shape(inputs.shape)
        keep = jax.random.bernoulli(self.seed_generator.next(), keep_prob, shape)
        return jnp.where(keep, inputs / jnp.asarray(keep_prob, inputs.dtype), 0).astype(
            inputs.dtype
        )

    def _noise_shape(self, input_shape: tuple) -> tuple:
        if self.noise_shape is None:
            return input_shape
        return tuple(
            input_shape[i] if d is None else d for i, d in enumerate(self.noise_shape)
        )

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return input_shape

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "rate": self.rate,
            "seed": self.seed,
            "noise_shape": self.noise_shape,
        }
