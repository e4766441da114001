"""`Flatten`: flattens all but the batch axis."""

from __future__ import annotations

import math
from typing import Any

import jax
import jax.numpy as jnp

from kerasish.backend import config
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer


class Flatten(Layer):
    """Flattens the input. Does not affect the batch size.

    With `data_format="channels_first"` the channel axis is moved last before
    flattening, so the feature order matches a channels_last model.

    Args:
        data_format: `"channels_last"` (default) or `"channels_first"`.

    Input shape:
        N-D tensor `(batch, ...)`.

    Output shape:
        2-D tensor `(batch, prod(...))`; `(batch, 1)` for 1-D input.
    """

    def __init__(self, data_format: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data_format = config.standardize_data_format(data_format)
        self.input_spec = InputSpec(min_ndim=1)

    def call(self, inputs: jax.Array) -> jax.Array:
        x = inputs
        if self.data_format == "channels_first" and x.ndim > 2:
            x = jnp.moveaxis(x, 1, -1)
        return jnp.reshape(x, (x.shape[0], -1))

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        rest = input_shape[1:]
        if not rest:
            return (input_shape[0], 1)
        if any(d is None for d in rest):
            return (input_shape[0], None)
        return (input_shape[0], math.prod(rest))

    def get_config(self) -> dict:
        return {**super().get_config(), "data_format": self.data_format}
