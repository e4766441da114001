"""`UpSampling1D`, `UpSampling2D`, `UpSampling3D`: repeat or resize spatial axes."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.backend import config
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer
from kerasish.layers.reshaping._arguments import spatial_axes, standardize_tuple
from kerasish.ops import image

_INTERPOLATIONS = ("bicubic", "bilinear", "lanczos3", "lanczos5", "nearest")


def _scaled_shape(
    input_shape: tuple, axes: tuple[int, ...], factors: tuple[int, ...]
) -> tuple:
    shape = list(input_shape)
    for axis, factor in zip(axes, factors, strict=True):
        if shape[axis] is not None:
            shape[axis] *= factor
    return tuple(shape)


def _repeat(x: jax.Array, axes: tuple[int, ...], factors: tuple[int, ...]) -> jax.Array:
    for axis, factor in zip(axes, factors, strict=True):
        x = jnp.repeat(x, factor, axis=axis)
    return x


class UpSampling1D(Layer):
    """Upsampling layer for 1D inputs.

    Repeats each temporal step `size` times along the time axis.

    Example:

    >>> x = np.arange(12).reshape((2, 2, 3))
    >>> keras.layers.UpSampling1D(size=2)(x).shape
    (2, 4, 3)

    Args:
        size: Positive integer, the upsampling factor.

    Input shape:
        3D tensor `(batch_size, steps, features)`.

    Output shape:
        3D tensor `(batch_size, upsampled_steps, features)`.
    """

    def __init__(self, size: int = 2, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not isinstance(size, int) or isinstance(size, bool):
            raise TypeError(
                f"Expected an integer value for `size`, got {type(size)}. "
                f"Received: size={size}"
            )
        if size <= 0:
            raise ValueError(
                f"Argument `size` should be a positive integer. Received: size={size}"
            )
        self.size = size
        self.input_spec = InputSpec(ndim=3)

    def call(self, inputs: jax.Array) -> jax.Array:
        return jnp.repeat(inputs, self.size, axis=1)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return _scaled_shape(input_shape, (1,), (self.size,))

    def get_config(self) -> dict:
        return {**super().get_config(), "size": self.size}


class UpSampling2D(Layer):
    """Upsampling layer for 2D inputs.

    With `interpolation="nearest"` (the default) rows and columns are
    repeated; any other method resizes with `keras.ops.image.resize` (JAX's
    `jax.image.resize`, half-pixel centers, no antialiasing).

    Example:

    >>> x = np.arange(12).reshape((2, 2, 1, 3))
    >>> keras.layers.UpSampling2D(size=(1, 2))(x).shape
    (2, 2, 2, 3)

    Args:
        size: Int, or tuple of 2 ints: the upsampling factors for rows and
            columns.
        data_format: `"channels_last"` (default) or `"channels_first"`; when
            `None`, `keras.config.image_data_format()`.
        interpolation: One of `"bicubic"`, `"bilinear"`, `"lanczos3"`,
            `"lanczos5"`, `"nearest"`.

    Input shape:
        4D tensor `(batch_size, rows, cols, channels)` (channels_last) or
        `(batch_size, channels, rows, cols)` (channels_first).

    Output shape:
        4D tensor `(batch_size, upsampled_rows, upsampled_cols, channels)`
        (channels_last) or `(batch_size, channels, upsampled_rows,
        upsampled_cols)` (channels_first).
    """

    def __init__(
        self,
        size: Any = (2, 2),
        data_format: str | None = None,
        interpolation: str = "nearest",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.data_format = config.standardize_data_format(data_format)
        self.size = standardize_tuple(size, 2, "size")
        self.interpolation = interpolation.lower()
        # Keras only fails inside `ops.image.resize` at call time; failing at
        # construction gives the same ValueError earlier.
        if self.interpolation not in _INTERPOLATIONS:
            raise ValueError(
                "Invalid value for argument `interpolation`. Expected one of "
                f"{_INTERPOLATIONS}. Received: interpolation={interpolation}"
            )
        self.input_spec = InputSpec(ndim=4)

    def call(self, inputs: jax.Array) -> jax.Array:
        axes = spatial_axes(2, self.data_format)
        if self.interpolation == "nearest":
            return _repeat(inputs, axes, self.size)
        size = _scaled_shape(inputs.shape, axes, self.size)
        return image.resize(
            inputs,
            (size[axes[0]], size[axes[1]]),
            interpolation=self.interpolation,
            data_format=self.data_format,
        )

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return _scaled_shape(input_shape, spatial_axes(2, self.data_format), self.size)

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "size": self.size,
            "data_format": self.data_format,
            "interpolation": self.interpolation,
        }


class UpSampling3D(Layer):
    """Upsampling layer for 3D inputs.

    Repeats the 1st, 2nd and 3rd spatial axes `size[0]`, `size[1]` and
    `size[2]` times.

    Example:

    >>> x = np.ones((2, 1, 2, 1, 3))
    >>> keras.layers.UpSampling3D(size=(2, 2, 2))(x).shape
    (2, 2, 4, 2, 3)

    Args:
        size: Int, or tuple of 3 ints: the upsampling factors for dim1, dim2
            and dim3.
        data_format: `"channels_last"` (default) or `"channels_first"`; when
            `None`, `keras.config.image_data_format()`.

    Input shape:
        5D tensor `(batch_size, dim1, dim2, dim3, channels)` (channels_last)
        or `(batch_size, channels, dim1, dim2, dim3)` (channels_first).

    Output shape:
        5D tensor with the three spatial axes upsampled.
    """

    def __init__(
        self, size: Any = (2, 2, 2), data_format: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.data_format = config.standardize_data_format(data_format)
        self.size = standardize_tuple(size, 3, "size")
        self.input_spec = InputSpec(ndim=5)

    def call(self, inputs: jax.Array) -> jax.Array:
        return _repeat(inputs, spatial_axes(3, self.data_format), self.size)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return _scaled_shape(input_shape, spatial_axes(3, self.data_format), self.size)

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "size": self.size,
            "data_format": self.data_format,
        }
