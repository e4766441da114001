"""`RandomCrop`: crops a random `(height, width)` window of images."""

from __future__ import annotations

import random as python_random
from typing import Any

import jax
import jax.numpy as jnp

from kerasish import random
from kerasish.core.random import SeedGenerator
from kerasish.layers.preprocessing.base_image_layer import BaseImagePreprocessingLayer
from kerasish.layers.preprocessing.resizing import _check_size, _with_size
from kerasish.ops import image as image_ops


class RandomCrop(BaseImagePreprocessingLayer):
    """A preprocessing layer which randomly crops images during training.

    In training, one random `(height, width)` window (the same for the whole
    batch, as in Keras) is cut from images larger than the target in both
    dimensions; otherwise the images are center-cropped to the target aspect
    ratio and resized.

    Keras 3.15.1 quirk, copied: at inference (`training=False`, e.g.
    `predict`) the layer returns its inputs unchanged, not cropped.

    Args:
        height: Integer, the height of the output shape.
        width: Integer, the width of the output shape.
        seed: Integer seed (a random one is drawn and kept in the config when
            `None`, as Keras does).
        data_format: `"channels_last"` or `"channels_first"`.
        **kwargs: Base layer keyword arguments, such as `name` and `dtype`.
    """

    _USE_BASE_FACTOR = False

    def __init__(
        self,
        height: int,
        width: int,
        seed: int | None = None,
        data_format: str | None = None,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(name=name, data_format=data_format, **kwargs)
        _check_size(self, height, width)
        self.height = height
        self.width = width
        self.seed = seed if seed is not None else python_random.randint(1, int(1e9))
        # Keras seeds the generator with the argument (None stays random).
        self.generator = self.seed_generator = SeedGenerator(seed)

    def transform_images(self, images: jax.Array, training: bool) -> jax.Array:
        if not training:
            return images
        images = images.astype(self.compute_dtype)
        h_axis, w_axis = (2, 3) if self.data_format == "channels_first" else (1, 2)
        in_h, in_w = images.shape[h_axis], images.shape[w_axis]
        if in_h > self.height and in_w > self.width:
            h_start = random.uniform(
                (), 0, float(in_h - self.height + 1), seed=self.generator
            ).astype("int32")
            w_start = random.uniform(
                (), 0, float(in_w - self.width + 1), seed=self.generator
            ).astype("int32")
        else:
            crop_h = max(min(in_h, int(float(in_w * self.height) / self.width)), 1)
            crop_w = max(min(in_w, int(float(in_h * self.width) / self.height)), 1)
            h_start = jnp.int32(int(float(in_h - crop_h) / 2))
            w_start = jnp.int32(int(float(in_w - crop_w) / 2))
        # Keras slices `height` x `width` from the start (clipped at the edge),
        # then resizes if that did not give the target size.
        size_h, size_w = min(self.height, in_h), min(self.width, in_w)
        images = jax.lax.dynamic_slice_in_dim(images, h_start, size_h, axis=h_axis)
        images = jax.lax.dynamic_slice_in_dim(images, w_start, size_w, axis=w_axis)
        if (size_h, size_w) != (self.height, self.width):
            images = image_ops.resize(
                images, (self.height, self.width), data_format=self.data_format
            ).astype(self.compute_dtype)
        return images

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return _with_size(input_shape, self._height_width_axes, self.height, self.width)

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "height": self.height,
            "width": self.width,
            "seed": self.seed,
            "data_format": self.data_format,
        }
