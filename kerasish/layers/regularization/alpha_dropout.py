"""`AlphaDropout`: dropout that keeps the self-normalizing mean and variance."""

from __future__ import annotations

from typing import Any

import jax

from kerasish.core.random import SeedGenerator
from kerasish.layers.layer import Layer

# SELU's constants; dropped units are set to SELU's negative saturation value.
_ALPHA = 1.6732632423543772848170429916717
_SCALE = 1.0507009873554804934193349852946


class AlphaDropout(Layer):
    """Applies Alpha Dropout to the input.

    Alpha Dropout sets dropped inputs to SELU's negative saturation value
    `-alpha * scale` and applies an affine correction so the mean and variance
    of the inputs are kept, preserving the self-normalizing property of
    `selu` networks. Active only at training time.

    Args:
        rate: Float between 0 and 1, the fraction of units to drop.
        noise_shape: Shape of the keep/drop mask, broadcast against the input
            (`None` entries take the input's size).
        seed: Integer seed for the layer's `SeedGenerator`.

    Call arguments:
        inputs: Input tensor of any rank.
        training: Whether the layer drops units (training mode) or does
            nothing (inference mode).
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
        shape = self._noise_shape(inputs.shape)
        uniform = jax.random.uniform(self.seed_generator.next(), shape)
        kept = (uniform >= self.rate).astype(inputs.dtype)
        alpha_p = -_ALPHA * _SCALE
        a = ((1 - self.rate) * (1 + self.rate * alpha_p**2)) ** -0.5
        b = -a * alpha_p * self.rate
        x = inputs * kept + alpha_p * (1 - kept)
        return (a * x + b).astype(inputs.dtype)

    def _noise_shape(self, input_shape: tuple) -> tuple:
        if self.noise_shape is None:
            return tuple(input_shape)
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
