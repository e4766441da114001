"""`AveragePooling1D`, `AveragePooling2D`, `AveragePooling3D` (aliases `AvgPool*D`)."""

from __future__ import annotations

from typing import Any

from kerasish.layers.pooling.base_pooling import BasePooling


class AveragePooling1D(BasePooling):
    """Average pooling over steps.

    Takes the average over windows of `pool_size`, moved by `strides`. With
    `"valid"` padding the output size is `floor((in - pool) / stride) + 1`;
    with `"same"`, `ceil(in / stride)`.

    Args:
        pool_size: int or 1-tuple, the window size.
        strides: int, 1-tuple, or None (defaults to `pool_size`).
        padding: `"valid"` or `"same"`.
            With `"same"` each window is divided by its number of
            real (unpadded) elements, as in Keras.
        data_format: `"channels_last"` (default) or `"channels_first"`.

    Input shape:
        `(batch, steps, channels)` or `(batch, channels, steps)`.

    Output shape:
        The same layout with pooled spatial sizes.
    """

    def __init__(
        self,
        pool_size: Any,
        strides: Any = None,
        padding: str = "valid",
        data_format: str | None = None,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            pool_size,
            strides,
            pool_dimensions=1,
            pool_mode="average",
            padding=padding,
            data_format=data_format,
            name=name,
            **kwargs,
        )


class AveragePooling2D(BasePooling):
    """Average pooling over height and width.

    Takes the average over windows of `pool_size`, moved by `strides`. With
    `"valid"` padding the output size is `floor((in - pool) / stride) + 1`;
    with `"same"`, `ceil(in / stride)`.

    Args:
        pool_size: int or tuple of 2 ints, the window size.
        strides: int, tuple of 2 ints, or None (defaults to `pool_size`).
        padding: `"valid"` or `"same"`.
            With `"same"` each window is divided by its number of
            real (unpadded) elements, as in Keras.
        data_format: `"channels_last"` (default) or `"channels_first"`.

    Input shape:
        `(batch, height, width, channels)` or `(batch, channels, height, width)`.

    Output shape:
        The same layout with pooled spatial sizes.
    """

    def __init__(
        self,
        pool_size: Any,
        strides: Any = None,
        padding: str = "valid",
        data_format: str | None = None,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            pool_size,
            strides,
            pool_dimensions=2,
            pool_mode="average",
            padding=padding,
            data_format=data_format,
            name=name,
            **kwargs,
        )


class AveragePooling3D(BasePooling):
    """Average pooling over the three spatial axes.

    Takes the average over windows of `pool_size`, moved by `strides`. With
    `"valid"` padding the output size is `floor((in - pool) / stride) + 1`;
    with `"same"`, `ceil(in / stride)`.

    Args:
        pool_size: int or tuple of 3 ints, the window size.
        strides: int, tuple of 3 ints, or None (defaults to `pool_size`).
        padding: `"valid"` or `"same"`.
            With `"same"` each window is divided by its number of
            real (unpadded) elements, as in Keras.
        data_format: `"channels_last"` (default) or `"channels_first"`.

    Input shape:
        `(batch, dim1, dim2, dim3, channels)` or `(batch, channels, dim1, dim2, dim3)`.

    Output shape:
        The same layout with pooled spatial sizes.
    """

    def __init__(
        self,
        pool_size: Any,
        strides: Any = None,
        padding: str = "valid",
        data_format: str | None = None,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            pool_size,
            strides,
            pool_dimensions=3,
            pool_mode="average",
            padding=padding,
            data_format=data_format,
            name=name,
            **kwargs,
        )


AvgPool1D = AveragePooling1D
AvgPool2D = AveragePooling2D
AvgPool3D = AveragePooling3D
