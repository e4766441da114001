"""`Permute`: reorders the non-batch axes of the input."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer


class Permute(Layer):
    """Permutes the dimensions of the input according to a given pattern.

    Useful e.g. to connect RNNs and convnets.

    Example:

    >>> x = keras.Input(shape=(10, 64))
    >>> keras.layers.Permute((2, 1))(x).shape
    (None, 64, 10)

    Args:
        dims: Tuple of integers, the permutation pattern without the batch
            axis. Indexing starts at 1: `(1, 3, 2)` swaps the second and
            third axes of the input.

    Input shape:
        Any, of rank `len(dims) + 1`.

    Output shape:
        The input shape with the non-batch axes reordered by `dims`.
    """

    def __init__(self, dims: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.dims = tuple(dims)
        if sorted(self.dims) != list(range(1, len(self.dims) + 1)):
            raise ValueError(
                "Invalid permutation argument `dims` for Permute Layer. The set "
                "of indices in `dims` must be consecutive and start from 1. "
                f"Received: dims={dims}"
            )
        self.input_spec = InputSpec(ndim=len(self.dims) + 1)

    def call(self, inputs: jax.Array) -> jax.Array:
        return jnp.transpose(inputs, (0, *self.dims))

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return (input_shape[0], *(input_shape[d] for d in self.dims))

    def get_config(self) -> dict:
        return {**super().get_config(), "dims": self.dims}
