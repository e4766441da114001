"""`BaseGlobalPooling`: reduces all spatial axes (max or mean) to one value each."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.backend import config
from kerasish.layers.convolutional import conv_utils
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer


class BaseGlobalPooling(Layer):
    """Abstract global pooling layer: one value per channel.

    Args:
        pool_dimensions: int, the number of spatial axes.
        data_format: `"channels_last"` (default) or `"channels_first"`.
        keepdims: Whether to keep the spatial axes with length 1.
    """

    def __init__(
        self,
        pool_dimensions: int,
        data_format: str | None = None,
        keepdims: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.pool_dimensions = pool_dimensions
        self.data_format = config.standardize_data_format(data_format)
        self.keepdims = keepdims
        self.input_spec = InputSpec(ndim=pool_dimensions + 2)
        self.built = True

    def spatial_axes(self) -> tuple[int, ...]:
        start = 1 if self.data_format == "channels_last" else 2
        return tuple(range(start, start + self.pool_dimensions))

    def reduce(self, inputs: jax.Array) -> jax.Array:
        raise NotImplementedError

    def call(self, inputs: jax.Array) -> jax.Array:
        conv_utils.check_rank(self, inputs.shape, self.pool_dimensions)
        return self.reduce(inputs)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        conv_utils.check_rank(self, input_shape, self.pool_dimensions)
        channels_last = self.data_format == "channels_last"
        channels = input_shape[-1] if channels_last else input_shape[1]
        if not self.keepdims:
            return (input_shape[0], channels)
        ones = (1,) * self.pool_dimensions
        return conv_utils.with_spatial(input_shape, ones, channels, self.data_format)

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "data_format": self.data_format,
            "keepdims": self.keepdims,
        }


class GlobalMaxPoolingBase(BaseGlobalPooling):
    """Global max over the spatial axes."""

    def reduce(self, inputs: jax.Array) -> jax.Array:
        return jnp.max(inputs, axis=self.spatial_axes(), keepdims=self.keepdims)


class GlobalAveragePoolingBase(BaseGlobalPooling):
    """Global mean over the spatial axes."""

    def reduce(self, inputs: jax.Array) -> jax.Array:
        return jnp.mean(inputs, axis=self.spatial_axes(), keepdims=self.keepdims)
