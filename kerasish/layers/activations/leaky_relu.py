"""`LeakyReLU`: `x` for positive inputs, `negative_slope * x` otherwise."""

from __future__ import annotations

import warnings
from typing import Any

import jax

from kerasish import activations
from kerasish.layers.layer import Layer


class LeakyReLU(Layer):
    """Leaky version of a Rectified Linear Unit activation layer.

    Formula: `f(x) = negative_slope * x if x < 0 else x`.

    Args:
        negative_slope: Float >= 0, the slope below zero. Defaults to `0.3`
            (Keras 3's default; the `keras.activations.leaky_relu` function
            defaults to `0.2`).
        **kwargs: Base layer keyword arguments, such as `name` and `dtype`.
            The Keras 2 spelling `alpha=` is accepted with a deprecation
            warning.

    Example:

    ```python
    layer = keras.layers.LeakyReLU()
    layer([-3.0, -1.0, 0.0, 2.0])  # [-0.9, -0.3, 0.0, 2.0]
    ```
    """

    def __init__(self, negative_slope: float = 0.3, **kwargs: Any) -> None:
        # Keras 3 still takes Keras 2's `alpha` and lets it win over
        # `negative_slope`.
        if "alpha" in kwargs:
            negative_slope = kwargs.pop("alpha")
            warnings.warn(
                "Argument `alpha` is deprecated. Use `negative_slope` instead.",
                stacklevel=2,
            )
        super().__init__(**kwargs)
        if negative_slope is None or negative_slope < 0:
            raise ValueError(
                "The negative_slope value of a Leaky ReLU layer "
                "cannot be None or negative value. Expected a float."
                f" Received: negative_slope={negative_slope}"
            )
        self.negative_slope = negative_slope
        self.supports_masking = True
        self.built = True

    def call(self, inputs: jax.Array) -> jax.Array:
        return activations.leaky_relu(inputs, negative_slope=self.negative_slope)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "negative_slope": self.negative_slope}
