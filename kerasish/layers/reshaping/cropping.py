"""`Cropping1D`, `Cropping2D`, `Cropping3D`: trim the ends of spatial axes."""

from __future__ import annotations

from typing import Any

import jax

from kerasish.backend import config
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer
from kerasish.layers.reshaping._arguments import (
    spatial_axes,
    standardize_pairs,
    standardize_tuple,
)


class _Cropping(Layer):
    """Crops `self._pairs` entries off both ends of the `rank` spatial axes."""

    _rank = 0

    def __init__(self, data_format: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data_format = config.standardize_data_format(data_format)
        self.input_spec = InputSpec(ndim=self._rank + 2)
        self._pairs: tuple[tuple[int, int], ...] = ()

    def _check(self, shape: tuple, argument: str) -> None:
        axes = spatial_axes(self._rank, self.data_format)
        for axis, pair in zip(axes, self._pairs, strict=True):
            if shape[axis] is not None and sum(pair) >= shape[axis]:
                raise ValueError(
                    "Values in `cropping` argument should be smaller than the "
                    "corresponding spatial dimension of the input. Received: "
                    f"{argument}={tuple(shape)}, cropping={self.cropping}"
                )

    def call(self, inputs: jax.Array) -> jax.Array:
        self._check(inputs.shape, "inputs.shape")
        index = [slice(None)] * inputs.ndim
        for axis, (before, after) in zip(
            spatial_axes(self._rank, self.data_format), self._pairs, strict=True
        ):
            index[axis] = slice(before, inputs.shape[axis] - after)
        return inputs[tuple(index)]

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        self._check(input_shape, "input_shape")
        shape = list(input_shape)
        for axis, (before, after) in zip(
            spatial_axes(self._rank, self.data_format), self._pairs, strict=True
        ):
            if shape[axis] is not None:
                shape[axis] -= before + after
        return tuple(shape)

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "cropping": self.cropping,
            "data_format": self.data_format,
        }


class Cropping1D(_Cropping):
    """Cropping layer for 1D input (e.g. temporal sequence).

    It crops along the time dimension (axis 1).

    Example:

    >>> x = np.arange(12).reshape((2, 3, 2))
    >>> keras.layers.Cropping1D(cropping=1)(x)
    [[[2 3]]
     [[8 9]]]

    Args:
        cropping: Int, or tuple of 2 ints: how many entries to trim off the
            beginning and end of axis 1 (`(left_crop, right_crop)`).

    Input shape:
        3D tensor `(batch_size, axis_to_crop, features)`.

    Output shape:
        3D tensor `(batch_size, cropped_axis, features)`.
    """

    _rank = 1

    def __init__(self, cropping: Any = (1, 1), **kwargs: Any) -> None:
        # Keras' Cropping1D has no `data_format`: it always crops axis 1.
        super().__init__(data_format="channels_last", **kwargs)
        self.cropping = standardize_tuple(cropping, 2, "cropping", allow_zero=True)
        self._pairs = (self.cropping,)

    def _check(self, shape: tuple, argument: str) -> None:
        if shape[1] is not None and sum(self.cropping) >= shape[1]:
            raise ValueError(
                "`cropping` parameter of `Cropping1D` layer must be smaller "
                f"than the input length. Received: {argument}={tuple(shape)}, "
                f"cropping={self.cropping}"
            )

    def get_config(self) -> dict:
        config = super().get_config()
        del config["data_format"]
        return config


class Cropping2D(_Cropping):
    """Cropping layer for 2D input (e.g. picture).

    It crops along the spatial dimensions, i.e. height and width.

    Example:

    >>> x = np.zeros((2, 28, 28, 3))
    >>> keras.layers.Cropping2D(cropping=((2, 2), (4, 4)))(x).shape
    (2, 24, 20, 3)

    Args:
        cropping: Int, or tuple of 2 ints, or tuple of 2 tuples of 2 ints.
            - int: the same symmetric cropping for height and width.
            - tuple of 2 ints: `(symmetric_height_crop, symmetric_width_crop)`.
            - tuple of 2 tuples of 2 ints:
              `((top_crop, bottom_crop), (left_crop, right_crop))`.
        data_format: `"channels_last"` (default) or `"channels_first"`; when
            `None`, `keras.config.image_data_format()`.

    Input shape:
        4D tensor `(batch_size, height, width, channels)` (channels_last) or
        `(batch_size, channels, height, width)` (channels_first).

    Output shape:
        4D tensor with height and width cropped.
    """

    _rank = 2

    def __init__(
        self,
        cropping: Any = ((0, 0), (0, 0)),
        data_format: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        self.cropping = standardize_pairs(
            cropping,
            2,
            "cropping",
            "a tuple of 2 ints (symmetric_height_crop, symmetric_width_crop), "
            "or a tuple of 2 tuples of 2 ints ((top_crop, bottom_crop), "
            "(left_crop, right_crop))",
        )
        self._pairs = self.cropping


class Cropping3D(_Cropping):
    """Cropping layer for 3D data (e.g. spatial or spatio-temporal).

    Example:

    >>> x = np.zeros((2, 28, 28, 10, 3))
    >>> keras.layers.Cropping3D(cropping=(2, 2, 2))(x).shape
    (2, 24, 24, 6, 3)

    Args:
        cropping: Int, or tuple of 3 ints, or tuple of 3 tuples of 2 ints.
            - int: the same symmetric cropping for all three spatial axes.
            - tuple of 3 ints: `(symmetric_dim1_crop, symmetric_dim2_crop,
              symmetric_dim3_crop)`.
            - tuple of 3 tuples of 2 ints: `((left_dim1_crop, right_dim1_crop),
              (left_dim2_crop, right_dim2_crop), (left_dim3_crop,
              right_dim3_crop))`.
        data_format: `"channels_last"` (default) or `"channels_first"`; when
            `None`, `keras.config.image_data_format()`.

    Input shape:
        5D tensor `(batch_size, dim1, dim2, dim3, channels)` (channels_last)
        or `(batch_size, channels, dim1, dim2, dim3)` (channels_first).

    Output shape:
        5D tensor with the three spatial axes cropped.
    """

    _rank = 3

    def __init__(
        self,
        cropping: Any = ((1, 1), (1, 1), (1, 1)),
        data_format: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        self.cropping = standardize_pairs(
            cropping,
            3,
            "cropping",
            "a tuple of 3 ints (symmetric_dim1_crop, symmetric_dim2_crop, "
            "symmetric_dim3_crop), or a tuple of 3 tuples of 2 ints",
        )
        self._pairs = self.cropping
