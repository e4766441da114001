"""`ActivityRegularization`: an identity layer that adds an L1/L2 activity loss."""

from __future__ import annotations

from typing import Any

import jax

from kerasish import regularizers
from kerasish.layers.layer import Layer


class ActivityRegularization(Layer):
    """Layer that applies an update to the cost function based on input activity.

    The output equals the input; the layer's activity regularizer
    `L1L2(l1, l2)` adds `(l1 * sum(|x|) + l2 * sum(x**2)) / batch_size` to the
    model's losses (Keras 3 normalizes activity penalties by the batch size).

    Args:
        l1: L1 regularization factor (positive float).
        l2: L2 regularization factor (positive float).

    Input shape:
        Arbitrary.

    Output shape:
        Same shape as input.
    """

    def __init__(self, l1: float = 0.0, l2: float = 0.0, **kwargs: Any) -> None:
        super().__init__(activity_regularizer=regularizers.L1L2(l1=l1, l2=l2), **kwargs)
        self.supports_masking = True
        self.l1 = l1
        self.l2 = l2
        self.built = True

    def call(self, inputs: jax.Array) -> jax.Array:
        return inputs

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return input_shape

    def get_config(self) -> dict:
        config = super().get_config()
        config.pop("activity_regularizer", None)
        return {**config, "l1": self.l1, "l2": self.l2}
