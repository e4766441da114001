"""`ZeroPadding1D`, `ZeroPadding2D`, `ZeroPadding3D`: zeros around spatial axes."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.backend import config
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer
from kerasish.layers.reshaping._arguments import (
    spatial_axes,
    standardize_pairs,
    standardize_tuple,
)


class _ZeroPadding(Layer):
    """Pads the `rank` spatial axes with `self._pairs` zeros before and after."""

    _rank = 0

    def __init__(self, data_format: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data_format = config.standardize_data_format(data_format)
        self.input_spec = InputSpec(ndim=self._rank + 2)
        self._pairs: tuple[tuple[int, int], ...] = ()

    def call(self, inputs: jax.Array) -> jax.Array:
        pads = [(0, 0)] * inputs.ndim
        for axis, pair in zip(
            spatial_axes(self._rank, self.data_format), self._pairs, strict=True
        ):
            pads[axis] = pair
        return jnp.pad(inputs, pads)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        shape = list(input_shape)
        for axis, (before, after) in zip(
            spatial_axes(self._rank, self.data_format), self._pairs, strict=True
        ):
            if shape[axis] is not None:
                shape[axis] += before + after
        return tuple(shape)

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "padding": self.padding,
            "data_format": self.data_format,
        }


class ZeroPadding1D(_ZeroPadding):
    """Zero-padding layer for 1D input (e.g. temporal sequence).

    Example:

    >>> x = np.arange(12).reshape((2, 2, 3))
    >>> keras.layers.ZeroPadding1D(padding=2)(x).shape
    (2, 6, 3)

    Args:
        padding: Int, or tuple of 2 ints. An int adds that many zeros at both
            the beginning and the end of the padding axis (axis 1); a tuple is
            `(left_pad, right_pad)`.
        data_format: `"channels_last"` (default) or `"channels_first"`; when
            `None`, `keras.config.image_data_format()`.

    Input shape:
        3D tensor `(batch_size, axis_to_pad, features)` (channels_last) or
        `(batch_size, features, axis_to_pad)` (channels_first).

    Output shape:
        3D tensor `(batch_size, padded_axis, features)` (channels_last) or
        `(batch_size, features, padded_axis)` (channels_first).
    """

    _rank = 1

    def __init__(
        self, padding: Any = 1, data_format: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        self.padding = standardize_tuple(padding, 2, "padding", allow_zero=True)
        self._pairs = (self.padding,)


class ZeroPadding2D(_ZeroPadding):
    """Zero-padding layer for 2D input (e.g. picture).

    Adds rows and columns of zeros at the top, bottom, left and right of an
    image tensor.

    Example:

    >>> x = np.arange(4).reshape((1, 1, 2, 2))
    >>> keras.layers.ZeroPadding2D(padding=1)(x).shape
    (1, 3, 4, 2)

    Args:
        padding: Int, or tuple of 2 ints, or tuple of 2 tuples of 2 ints.
            - int: the same symmetric padding for height and width.
            - tuple of 2 ints: `(symmetric_height_pad, symmetric_width_pad)`.
            - tuple of 2 tuples of 2 ints:
              `((top_pad, bottom_pad), (left_pad, right_pad))`.
        data_format: `"channels_last"` (default) or `"channels_first"`; when
            `None`, `keras.config.image_data_format()`.

    Input shape:
        4D tensor `(batch_size, height, width, channels)` (channels_last) or
        `(batch_size, channels, height, width)` (channels_first).

    Output shape:
        4D tensor `(batch_size, padded_height, padded_width, channels)`
        (channels_last) or `(batch_size, channels, padded_height,
        padded_width)` (channels_first).
    """

    _rank = 2

    def __init__(
        self, padding: Any = (1, 1), data_format: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        self.padding = standardize_pairs(
            padding,
            2,
            "padding",
            "a tuple of 2 ints (symmetric_height_pad, symmetric_width_pad), or "
            "a tuple of 2 tuples of 2 ints ((top_pad, bottom_pad), "
            "(left_pad, right_pad))",
        )
        self._pairs = self.padding


class ZeroPadding3D(_ZeroPadding):
    """Zero-padding layer for 3D data (spatial or spatio-temporal).

    Example:

    >>> x = np.ones((1, 1, 2, 2, 3))
    >>> keras.layers.ZeroPadding3D(padding=2)(x).shape
    (1, 5, 6, 6, 3)

    Args:
        padding: Int, or tuple of 3 ints, or tuple of 3 tuples of 2 ints.
            - int: the same symmetric padding for all three spatial axes.
            - tuple of 3 ints: `(symmetric_dim1_pad, symmetric_dim2_pad,
              symmetric_dim3_pad)`.
            - tuple of 3 tuples of 2 ints: `((left_dim1_pad, right_dim1_pad),
              (left_dim2_pad, right_dim2_pad), (left_dim3_pad,
              right_dim3_pad))`.
        data_format: `"channels_last"` (default) or `"channels_first"`; when
            `None`, `keras.config.image_data_format()`.

    Input shape:
        5D tensor `(batch_size, dim1, dim2, dim3, channels)` (channels_last)
        or `(batch_size, channels, dim1, dim2, dim3)` (channels_first).

    Output shape:
        5D tensor with the three spatial axes padded.
    """

    _rank = 3

    def __init__(
        self,
        padding: Any = ((1, 1), (1, 1), (1, 1)),
        data_format: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        self.padding = standardize_pairs(
            padding,
            3,
            "padding",
            "a tuple of 3 ints (symmetric_dim1_pad, symmetric_dim2_pad, "
            "symmetric_dim3_pad), or a tuple of 3 tuples of 2 ints",
        )
        self._pairs = self.padding
