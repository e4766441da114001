"""`ELU`: the exponential linear unit as a layer."""

from __future__ import annotations

from typing import Any

import jax

from kerasish import activations
from kerasish.layers.layer import Layer


class ELU(Layer):
    """Applies an Exponential Linear Unit function to an output.

    Formula: `f(x) = alpha * (exp(x) - 1.0) if x < 0 else x`.

    Args:
        alpha: Float, the scale of the negative section. Defaults to `1.0`.
        **kwargs: Base layer keyword arguments, such as `name` and `dtype`.
    """

    def __init__(self, alpha: float = 1.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.alpha = alpha
        self.supports_masking = True
        self.built = True

    def call(self, inputs: jax.Array) -> jax.Array:
        return activations.elu(inputs, alpha=self.alpha)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return input_shape

    def get_config(self) -> dict:
        # Keras' ELU has no `get_config`: its automatic config records the
        # constructor arguments, which is the same dict.
        return {**super().get_config(), "alpha": self.alpha}
