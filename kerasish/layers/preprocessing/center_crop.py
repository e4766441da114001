"""`CenterCrop`: crops the central part of images (resizing when too small)."""

from __future__ import annotations

from typing import Any

import jax

from kerasish.layers.preprocessing.base_image_layer import BaseImagePreprocessingLayer
from kerasish.layers.preprocessing.resizing import _check_size, _with_size
from kerasish.ops import image as image_ops


class CenterCrop(BaseImagePreprocessingLayer):
    """A preprocessing layer which crops images.

    Returns the central `(height, width)` part of each image. If an input is
    smaller than the target in either dimension, it is instead center-cropped
    to the target aspect ratio and resized (bilinear), as Keras'
    `smart_resize`. Inputs are cast to the layer's dtype.

    Args:
        height: Integer, the height of the output shape.
        width: Integer, the width of the output shape.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `keras.config.image_data_format()`.
        **kwargs: Base layer keyword arguments, such as `name` and `dtype`.

    Input shape:
        3D (unbatched) or 4D (batched) tensor, in `data_format`.

    Output shape:
        The input shape with the spatial dimensions replaced by
        `(height, width)`.
    """

    _USE_BASE_FACTOR = False

    def __init__(
        self, height: int, width: int, data_format: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        _check_size(self, height, width)
        self.height = height
        self.width = width

    def transform_images(self, images: jax.Array, training: bool) -> jax.Array:
        del training
        images = images.astype(self.compute_dtype)
        h_axis, w_axis = (2, 3) if self.data_format == "channels_first" else (1, 2)
        h_diff = images.shape[h_axis] - self.height
        w_diff = images.shape[w_axis] - self.width
        if h_diff >= 0 and w_diff >= 0:
            images = jax.lax.slice_in_dim(
                images, h_diff // 2, h_diff // 2 + self.height, axis=h_axis
            )
            return jax.lax.slice_in_dim(
                images, w_diff // 2, w_diff // 2 + self.width, axis=w_axis
            )
        return image_ops.resize(
            images,
            (self.height, self.width),
            crop_to_aspect_ratio=True,
            data_format=self.data_format,
        )

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        if len(input_shape) not in (3, 4):
            raise ValueError(
                "`input_shape` must be a non-nested tuple or list "
                "of rank-1 with size 3 (unbatched) or 4 (batched). "
            )
        return _with_size(input_shape, self._height_width_axes, self.height, self.width)

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "height": self.height,
            "width": self.width,
            "data_format": self.data_format,
        }
