"""`GaussianNoise`: adds zero-centered Gaussian noise while training."""

from __future__ import annotations

from typing import Any

import jax

from kerasish.core.random import SeedGenerator
from kerasish.layers.layer import Layer


class GaussianNoise(Layer):
    """Apply additive zero-centered Gaussian noise.

    Useful to mitigate overfitting (a form of random data augmentation).
    Active only at training time; at inference the layer is the identity.

    Args:
        stddev: Float, standard deviation of the noise distribution.
        seed: Integer seed for the layer's `SeedGenerator`.

    Call arguments:
        inputs: Input tensor of any rank.
        training: Whether the layer adds noise (training mode) or does
            nothing (inference mode).
    """

    def __init__(self, stddev: float, seed: int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # Keras rejects a standard deviation above 1 as well as a negative one.
        if not 0 <= stddev <= 1:
            raise ValueError(
                "Invalid value received for argument `stddev`. Expected a float "
                f"value between 0 and 1. Received: stddev={stddev}"
            )
        self.stddev = stddev
        self.seed = seed
        if stddev > 0:
            self.seed_generator = SeedGenerator(seed)
        self.supports_masking = True
        self.built = True

    def call(self, inputs: jax.Array, training: bool = False) -> jax.Array:
        if not training or self.stddev <= 0:
            return inputs
        noise = jax.random.normal(
            self.seed_generator.next(), inputs.shape, self.compute_dtype
        )
        return inputs + noise * self.stddev

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "stddev": self.stddev, "seed": self.seed}
