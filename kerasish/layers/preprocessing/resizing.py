"""`Resizing`: resizes images to a target height and width."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.layers.preprocessing.base_image_layer import BaseImagePreprocessingLayer
from kerasish.ops import image as image_ops


class Resizing(BaseImagePreprocessingLayer):
    """A preprocessing layer which resizes images.

    Resizes a batch of images `(batch, height, width, channels)` (or a single
    image) to `(height, width)`, in training and inference alike. Integer
    images are resized in float, rounded and saturate-cast back.

    Args:
        height: Integer, the height of the output shape.
        width: Integer, the width of the output shape.
        interpolation: `"bilinear"` (default), `"nearest"`, `"bicubic"`,
            `"lanczos3"` or `"lanczos5"`.
        crop_to_aspect_ratio: If `True`, center-crop the images to the target
            aspect ratio before resizing (no distortion).
        pad_to_aspect_ratio: If `True`, pad the images (with `fill_value`) to
            the target aspect ratio before resizing.
        fill_mode: Padding mode with `pad_to_aspect_ratio`; only `"constant"`.
        fill_value: Padding value with `pad_to_aspect_ratio`.
        antialias: Whether to use an antialiasing filter when downsampling.
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
        self,
        height: int,
        width: int,
        interpolation: str = "bilinear",
        crop_to_aspect_ratio: bool = False,
        pad_to_aspect_ratio: bool = False,
        fill_mode: str = "constant",
        fill_value: float = 0.0,
        antialias: bool = False,
        data_format: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        _check_size(self, height, width)
        self.height = height
        self.width = width
        self.interpolation = interpolation
        self.crop_to_aspect_ratio = crop_to_aspect_ratio
        self.pad_to_aspect_ratio = pad_to_aspect_ratio
        self.fill_mode = fill_mode
        self.fill_value = fill_value
        self.antialias = bool(antialias)

    def transform_images(self, images: jax.Array, training: bool) -> jax.Array:
        del training
        floating = jnp.issubdtype(images.dtype, jnp.floating)
        resized = image_ops.resize(
            images if floating else images.astype("float32"),
            size=(self.height, self.width),
            interpolation=self.interpolation,
            antialias=self.antialias,
            data_format=self.data_format,
            crop_to_aspect_ratio=self.crop_to_aspect_ratio,
            pad_to_aspect_ratio=self.pad_to_aspect_ratio,
            fill_mode=self.fill_mode,
            fill_value=self.fill_value,
        )
        if floating:
            return resized.astype(images.dtype)
        info = jnp.iinfo(images.dtype)
        return jnp.clip(jnp.round(resized), info.min, info.max).astype(images.dtype)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return _with_size(input_shape, self._height_width_axes, self.height, self.width)

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "height": self.height,
            "width": self.width,
            "interpolation": self.interpolation,
            "crop_to_aspect_ratio": self.crop_to_aspect_ratio,
            "pad_to_aspect_ratio": self.pad_to_aspect_ratio,
            "fill_mode": self.fill_mode,
            "fill_value": self.fill_value,
            "antialias": self.antialias,
            "data_format": self.data_format,
        }


def _check_size(layer: Any, height: Any, width: Any) -> None:
    for name, value in (("height", height), ("width", width)):
        if not isinstance(value, int) or value <= 0:
            raise ValueError(
                f"{layer.__class__.__name__}: argument `{name}` must be a "
                f"positive integer. Received: {name}={value}"
            )


def _with_size(input_shape: tuple, axes: tuple[int, int], height: int, width: int):
    shape = list(input_shape)
    shape[axes[0]] = height
    shape[axes[1]] = width
    return tuple(shape)
