"""`Reshape`: reshapes the non-batch axes to a target shape."""

from __future__ import annotations

import math
from typing import Any

import jax
import jax.numpy as jnp

from kerasish.layers.layer import Layer


class Reshape(Layer):
    """Reshapes an input to a given shape (batch axis excluded).

    Args:
        target_shape: Tuple of ints; one entry may be -1 (inferred).

    Input shape:
        Any, with a known number of elements per sample.

    Output shape:
        `(batch_size, *target_shape)`.
    """

    def __init__(self, target_shape: tuple, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        target_shape = tuple(target_shape)
        if sum(1 for d in target_shape if d == -1) > 1:
            raise ValueError(
                "There must be at most one unknown dimension (-1) in "
                f"`target_shape`. Received: target_shape={target_shape}"
            )
        self.target_shape = target_shape
        self.built = True

    def call(self, inputs: jax.Array) -> jax.Array:
        return jnp.reshape(inputs, (inputs.shape[0], *self.target_shape))

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        rest = input_shape[1:]
        if -1 not in self.target_shape:
            return (input_shape[0], *self.target_shape)
        if any(d is None for d in rest):
            return (
                input_shape[0],
                *(None if d == -1 else d for d in self.target_shape),
            )
        known = math.prod(d for d in self.target_shape if d != -1)
        total = math.prod(rest)
        if total % known:
            raise ValueError(
                "The total size of the tensor must be unchanged. Received: "
                f"input_shape={input_shape}, target_shape={self.target_shape}"
            )
        return (
            input_shape[0],
            *(total // known if d == -1 else d for d in self.target_shape),
        )

    def get_config(self) -> dict:
        return {**super().get_config(), "target_shape": self.target_shape}
