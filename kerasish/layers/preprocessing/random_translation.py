"""`RandomTranslation`: randomly shifts images vertically and horizontally."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish import random
from kerasish.core.random import SeedGenerator
from kerasish.layers.preprocessing.base_image_layer import (
    BaseImagePreprocessingLayer,
    check_fill_and_interpolation,
    factor_range,
)
from kerasish.ops import image as image_ops

_TRANSLATION_FACTOR_ERROR = (
    "The `factor` argument should be a number (or a list of two numbers) "
    "in the range [-1.0, 1.0]. "
)


class RandomTranslation(BaseImagePreprocessingLayer):
    """A preprocessing layer which randomly translates images during training.

    Each image is shifted by `dy * height` rows and `dx * width` columns,
    `dy` and `dx` drawn uniformly from the height and width factor ranges
    (positive moves down / right). At inference (`training=False`) the layer
    is the identity.

    Args:
        height_factor: A float in `[-1, 1]` (range `[-f, f]`) or a pair
            `(lower, upper)`, a fraction of the height.
        width_factor: Same, a fraction of the width.
        fill_mode: `"reflect"` (default), `"wrap"`, `"constant"` or
            `"nearest"`.
        interpolation: `"bilinear"` (default) or `"nearest"`.
        seed: Integer seed of the layer's `SeedGenerator`.
        fill_value: Value outside the image with `fill_mode="constant"`.
        data_format: `"channels_last"` or `"channels_first"`.
        **kwargs: Base layer keyword arguments, such as `name` and `dtype`.
    """

    _USE_BASE_FACTOR = False

    def __init__(
        self,
        height_factor: Any,
        width_factor: Any,
        fill_mode: str = "reflect",
        interpolation: str = "bilinear",
        seed: int | None = None,
        fill_value: float = 0.0,
        data_format: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        self.height_factor = height_factor
        self.height_lower, self.height_upper = factor_range(
            height_factor, "height_factor", _TRANSLATION_FACTOR_ERROR, False
        )
        self.width_factor = width_factor
        self.width_lower, self.width_upper = factor_range(
            width_factor, "width_factor", _TRANSLATION_FACTOR_ERROR, False
        )
        check_fill_and_interpolation(fill_mode, interpolation)
        self.fill_mode = fill_mode
        self.fill_value = fill_value
        self.interpolation = interpolation
        self.seed = seed
        self.generator = self.seed_generator = SeedGenerator(seed)

    def transform_images(self, images: jax.Array, training: bool) -> jax.Array:
        images = images.astype(self.compute_dtype)
        if not training:
            return images
        h_axis, w_axis = self._height_width_axes
        shape = (images.shape[0], 1)
        dy = random.uniform(
            shape, self.height_lower, self.height_upper, seed=self.generator
        ) * float(images.shape[h_axis])
        dx = random.uniform(
            shape, self.width_lower, self.width_upper, seed=self.generator
        ) * float(images.shape[w_axis])
        ones, zeros = jnp.ones_like(dx), jnp.zeros_like(dx)
        matrix = jnp.concatenate([ones, zeros, -dx, zeros, ones, -dy, zeros, zeros], 1)
        return image_ops.affine_transform(
            images,
            matrix,
            interpolation=self.interpolation,
            fill_mode=self.fill_mode,
            fill_value=self.fill_value,
            data_format=self.data_format,
        )

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "height_factor": self.height_factor,
            "width_factor": self.width_factor,
            "fill_mode": self.fill_mode,
            "interpolation": self.interpolation,
            "seed": self.seed,
            "fill_value": self.fill_value,
            "data_format": self.data_format,
        }
