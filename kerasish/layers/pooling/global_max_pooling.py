"""`GlobalMaxPooling1D`/`2D`/`3D`: the maximum over all spatial axes."""

from __future__ import annotations

from typing import Any

from kerasish.layers.pooling.base_global_pooling import GlobalMaxPoolingBase


class GlobalMaxPooling1D(GlobalMaxPoolingBase):
    """Global maximum pooling for 1D data: one value per channel.

    Args:
        data_format: `"channels_last"` (default) or `"channels_first"`.
        keepdims: Whether to keep the spatial axes with length 1 (default
            False: the spatial axes are removed).

    Input shape:
        `(batch, steps, features)` or `(batch, features, steps)`.

    Output shape:
        `(batch, channels)`, or with `keepdims` the input layout with spatial
        sizes 1.
    """

    def __init__(
        self, data_format: str | None = None, keepdims: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(
            pool_dimensions=1, data_format=data_format, keepdims=keepdims, **kwargs
        )


class GlobalMaxPooling2D(GlobalMaxPoolingBase):
    """Global maximum pooling for 2D data: one value per channel.

    Args:
        data_format: `"channels_last"` (default) or `"channels_first"`.
        keepdims: Whether to keep the spatial axes with length 1 (default
            False: the spatial axes are removed).

    Input shape:
        `(batch, height, width, channels)` or `(batch, channels, height, width)`.

    Output shape:
        `(batch, channels)`, or with `keepdims` the input layout with spatial
        sizes 1.
    """

    def __init__(
        self, data_format: str | None = None, keepdims: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(
            pool_dimensions=2, data_format=data_format, keepdims=keepdims, **kwargs
        )


class GlobalMaxPooling3D(GlobalMaxPoolingBase):
    """Global maximum pooling for 3D data: one value per channel.

    Args:
        data_format: `"channels_last"` (default) or `"channels_first"`.
        keepdims: Whether to keep the spatial axes with length 1 (default
            False: the spatial axes are removed).

    Input shape:
        `(batch, dim1, dim2, dim3, channels)` or `(batch, channels, dim1, dim2, dim3)`.

    Output shape:
        `(batch, channels)`, or with `keepdims` the input layout with spatial
        sizes 1.
    """

    def __init__(
        self, data_format: str | None = None, keepdims: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(
            pool_dimensions=3, data_format=data_format, keepdims=keepdims, **kwargs
        )


GlobalMaxPool1D = GlobalMaxPooling1D
GlobalMaxPool2D = GlobalMaxPooling2D
GlobalMaxPool3D = GlobalMaxPooling3D
