"""`RepeatVector`: repeats a `(batch, features)` input `n` times along a new axis."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer


class RepeatVector(Layer):
    """Repeats the input n times.

    Example:

    >>> x = keras.Input(shape=(32,))
    >>> keras.layers.RepeatVector(3)(x).shape
    (None, 3, 32)

    Args:
        n: Integer, repetition factor.

    Input shape:
        2D tensor `(batch_size, features)`.

    Output shape:
        3D tensor `(batch_size, n, features)`.
    """

    def __init__(self, n: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not isinstance(n, int) or isinstance(n, bool):
            raise TypeError(
                f"Expected an integer value for `n`, got {type(n)}. Received: n={n}"
            )
        if n <= 0:
            raise ValueError(
                f"Argument `n` should be a positive integer. Received: n={n}"
            )
        self.n = n
        self.input_spec = InputSpec(ndim=2)

    def call(self, inputs: jax.Array) -> jax.Array:
        return jnp.repeat(inputs[:, None, :], self.n, axis=1)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return (input_shape[0], self.n, input_shape[1])

    def get_config(self) -> dict:
        return {**super().get_config(), "n": self.n}
