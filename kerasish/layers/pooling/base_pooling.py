"""`BasePooling`: windowed max or average pooling over N spatial axes."""

from __future__ import annotations

from typing import Any

import jax

from kerasish.backend import config
from kerasish.layers.convolutional import conv_utils
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer
from kerasish.ops import convolution


class BasePooling(Layer):
    """Abstract N-D pooling layer (the base of MaxPooling*D / AveragePooling*D).

    Args:
        pool_size: int or tuple of `pool_dimensions` ints, the window size.
        strides: int, tuple of ints or None (None means `pool_size`).
        pool_dimensions: int, the number of spatial axes.
        pool_mode: `"max"` or `"average"`.
        padding: `"valid"` or `"same"`. With `"same"`, average pooling divides
            by the number of real (unpadded) elements in each window.
        data_format: `"channels_last"` (default) or `"channels_first"`.
    """

    def __init__(
        self,
        pool_size: Any,
        strides: Any,
        pool_dimensions: int,
        pool_mode: str = "max",
        padding: str = "valid",
        data_format: str | None = None,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(name=name, **kwargs)
        self.pool_size = conv_utils.standardize_tuple(
            pool_size, pool_dimensions, "pool_size"
        )
        self.strides = conv_utils.standardize_tuple(
            pool_size if strides is None else strides, pool_dimensions, "strides"
        )
        if pool_mode not in ("max", "average"):
            raise ValueError(
                "`pool_mode` must be either 'max' or 'average'. "
                f"Received: pool_mode={pool_mode}"
            )
        self.pool_dimensions = pool_dimensions
        self.pool_mode = pool_mode
        conv_utils.standardize_padding(padding)
        # Keras keeps `padding` as given in the config ("SAME" stays "SAME").
        self.padding = padding
        self.data_format = config.standardize_data_format(data_format)
        self.input_spec = InputSpec(ndim=pool_dimensions + 2)
        self.built = True

    def call(self, inputs: jax.Array) -> jax.Array:
        self.compute_output_shape(tuple(inputs.shape))
        pool = (
            convolution.max_pool
            if self.pool_mode == "max"
            else (convolution.average_pool)
        )
        return pool(
            inputs,
            pool_size=self.pool_size,
            strides=self.strides,
            padding=self.padding,
            data_format=self.data_format,
        )

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        conv_utils.check_rank(self, input_shape, self.pool_dimensions)
        return conv_utils.pooling_output_shape(
            self,
            input_shape,
            self.pool_size,
            self.strides,
            self.padding.lower(),
            self.data_format,
        )

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "pool_size": self.pool_size,
            "padding": self.padding,
            "strides": self.strides,
            "data_format": self.data_format,
        }
