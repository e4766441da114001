"""`RandomZoom`: randomly zooms images in or out about their centre."""

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

_ZOOM_FACTOR_ERROR = (
    "The `height_factor` and `width_factor` arguments "
    "should be a number (or a list of two numbers) "
    "in the range (-1.0, 1.0]. "
)


class RandomZoom(BaseImagePreprocessingLayer):
    """A preprocessing layer which randomly zooms images during training.

    Each image is scaled about its centre by `1 + z`, `z` drawn uniformly from
    the factor range, independently for height and width when `width_factor`
    is given (else the height zoom is used for both). A positive factor zooms
    out (the image shrinks), a negative one zooms in. At inference
    (`training=False`) the layer is the identity.

    Args:
        height_factor: A float in `(-1, 1]` (range `[-f, f]`) or a pair
            `(lower, upper)`.
        width_factor: Same for the width; `None` (default) keeps the aspect
            ratio by reusing the height zoom.
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
        width_factor: Any = None,
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
            height_factor, "height_factor", _ZOOM_FACTOR_ERROR, lower_open=True
        )
        self.width_factor = width_factor
        if width_factor is not None:
            self.width_lower, self.width_upper = factor_range(
                width_factor, "width_factor", _ZOOM_FACTOR_ERROR, lower_open=True
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
        shape = (images.shape[0], 1)
        height_zoom = random.uniform(
            shape, 1.0 + self.height_lower, 1.0 + self.height_upper, seed=self.generator
        )
        width_zoom = height_zoom
        if self.width_factor is not None:
            width_zoom = random.uniform(
                shape,
                1.0 + self.width_lower,
                1.0 + self.width_upper,
                seed=self.generator,
            )
        h_axis, w_axis = self._height_width_axes
        height, width = images.shape[h_axis], images.shape[w_axis]
        zeros = jnp.zeros_like(width_zoom)
        matrix = jnp.concatenate(
            [
                width_zoom,
                zeros,
                (width - 1.0) / 2.0 * (1.0 - width_zoom),
                zeros,
                height_zoom,
                (height - 1.0) / 2.0 * (1.0 - height_zoom),
                zeros,
                zeros,
            ],
            axis=1,
        )
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
