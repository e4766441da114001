"""`Activation`: applies an activation function to its input."""

from __future__ import annotations

from typing import Any

import jax

from kerasish import activations
from kerasish.layers.layer import Layer


class Activation(Layer):
    """Applies an activation function to an output.

    Args:
        activation: Activation function name (e.g. `"relu"`) or callable.

    Example:

    ```python
    layer = keras.layers.Activation("relu")
    layer([-3.0, 0.0, 2.0])  # [0.0, 0.0, 2.0]
    ```
    """

    def __init__(self, activation: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.supports_masking = True
        self.activation = activations.get(activation)
        self.built = True

    def call(self, inputs: jax.Array) -> jax.Array:
        return self.activation(inputs)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return input_shape

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "activation": activations.serialize(self.activation),
        }
