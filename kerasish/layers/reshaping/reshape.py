"""`Reshape`: reshapes the non-batch axes to a target shape."""

from __future__ import annotations

import math
from typing import Any

import jax
import jax.numpy as jnp

from kerasish.layers.layer import Layer


class Reshape(Layer):
    """Reshapes an input to a given shape (batch axis excluded).

    Example:

    >>> x = keras.Input(shape=(12,))
    >>> keras.layers.Reshape((3, 4))(x).shape
    (None, 3, 4)
    >>> keras.layers.Reshape((-1, 2, 2))(x).shape
    (None, 3, 2, 2)

    Args:
        target_shape: Tuple of ints, without the batch axis; one entry may be
            -1 (inferred from the input size).

    Input shape:
        Any, with as many elements per sample as `target_shape` holds.

    Output shape:
        `(batch_size, *target_shape)`.
    """

    def __init__(self, target_shape: tuple, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        target_shape = tuple(target_shape)
        _validate_target_shape(target_shape)
        self.target_shape = target_shape
        self.built = True

    def call(self, inputs: jax.Array) -> jax.Array:
        resolved = _resolve(tuple(inputs.shape[1:]), self.target_shape)
        return jnp.reshape(inputs, (inputs.shape[0], *resolved))

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        resolved = _resolve(tuple(input_shape[1:]), self.target_shape)
        return (input_shape[0], *(None if d == -1 else d for d in resolved))

    def get_config(self) -> dict:
        return {**super().get_config(), "target_shape": self.target_shape}


def _validate_target_shape(target_shape: tuple) -> None:
    for dim in target_shape:
        if isinstance(dim, int) and dim < -1:
            raise ValueError(
                "Each dimension in `target_shape` must be a non-negative integer, "
                "or `-1` for a single unknown dimension. Received: "
                f"target_shape={target_shape}."
            )
    if sum(1 for d in target_shape if d == -1) > 1:
        raise ValueError(
            "There must be at most one unknown dimension (-1) in "
            f"`target_shape`. Received: target_shape={target_shape}."
        )


def _resolve(input_shape: tuple, target_shape: tuple) -> tuple:
    """`target_shape` with its -1 resolved; -1 stays when the input has a None.

    Raises Keras' ValueError when the sizes cannot match.
    """
    if None in input_shape:
        return target_shape
    size = math.prod(input_shape)
    if -1 not in target_shape:
        if size != math.prod(target_shape):
            raise ValueError(
                "The total size of the tensor must be unchanged. Received: "
                f"input_shape={input_shape}, target_shape={target_shape}"
            )
        return target_shape
    known = math.prod(d for d in target_shape if d != -1)
    if known == 0 or size % known:
        raise ValueError(
            "The total size of the tensor must be unchanged, however, the input "
            "size cannot by divided by the specified dimensions in target_shape. "
            f"Received: input_shape={input_shape}, target_shape={target_shape}"
        )
    return tuple(size // known if d == -1 else d for d in target_shape)
