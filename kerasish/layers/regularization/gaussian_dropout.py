"""`GaussianDropout`: multiplies by 1-centered Gaussian noise while training."""

from __future__ import annotations

import math
from typing import Any

import jax

from kerasish.core.random import SeedGenerator
from kerasish.layers.layer import Layer


class GaussianDropout(Layer):
    """Apply multiplicative 1-centered Gaussian noise.

    The noise has standard deviation `sqrt(rate / (1 - rate))`. Active only
    at training time; at inference the layer is the identity.

    Args:
        rate: Float, drop probability (as with `Dropout`).
        seed: Integer seed for the layer's `SeedGenerator`.

    Call arguments:
        inputs: Input tensor of any rank.
        training: Whether the layer adds noise (training mode) or does
            nothing (inference mode).
    """

    def __init__(self, rate: float, seed: int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not 0 <= rate <= 1:
            raise ValueError(
                "Invalid value received for argument `rate`. Expected a float "
                f"value between 0 and 1. Received: rate={rate}"
            )
        self.rate = rate
        self.seed = seed
        if rate > 0:
            self.seed_generator = SeedGenerator(seed)
        self.supports_masking = True
        self.built = True

    def call(self, inputs: jax.Array, training: bool = False) -> jax.Array:
        if not training or self.rate <= 0:
            return inputs
        stddev = math.sqrt(self.rate / (1.0 - self.rate))
        noise = jax.random.normal(
            self.seed_generator.next(), inputs.shape, self.compute_dtype
        )
        return inputs * (noise * stddev + 1.0)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "rate": self.rate, "seed": self.seed}
