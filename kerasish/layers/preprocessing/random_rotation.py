"""`RandomRotation`: randomly rotates images about their centre."""

from __future__ import annotations

from typing import Any

import jax

from kerasish import random
from kerasish.core.random import SeedGenerator
from kerasish.layers.preprocessing.base_image_layer import (
    BaseImagePreprocessingLayer,
    affine_matrix,
    check_fill_and_interpolation,
)
from kerasish.ops import image as image_ops


class RandomRotation(BaseImagePreprocessingLayer):
    """A preprocessing layer which randomly rotates images during training.

    Each image gets an angle drawn uniformly from `factor * 2pi` (i.e.
    `factor * 360` degrees); a positive angle rotates counter-clockwise.
    Points outside the input are filled according to `fill_mode`. At
    inference (`training=False`) the layer is the identity.

    Args:
        factor: A float (range `[-factor, factor]`) or a pair `(lower, upper)`,
            fractions of 2pi; e.g. `0.2` rotates by up to 72 degrees.
        fill_mode: `"reflect"` (default), `"wrap"`, `"constant"` or
            `"nearest"`.
        interpolation: `"bilinear"` (default) or `"nearest"`.
        seed: Integer seed of the layer's `SeedGenerator`.
        fill_value: Value outside the image with `fill_mode="constant"`.
        data_format: `"channels_last"` or `"channels_first"`.
        **kwargs: Base layer keyword arguments, such as `name` and `dtype`.
    """

    def __init__(
        self,
        factor: Any,
        fill_mode: str = "reflect",
        interpolation: str = "bilinear",
        seed: int | None = None,
        fill_value: float = 0.0,
        data_format: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(factor=factor, data_format=data_format, **kwargs)
        check_fill_and_interpolation(fill_mode, interpolation)
        self.seed = seed
        self.generator = self.seed_generator = SeedGenerator(seed)
        self.fill_mode = fill_mode
        self.interpolation = interpolation
        self.fill_value = fill_value

    def transform_images(self, images: jax.Array, training: bool) -> jax.Array:
        images = images.astype(self.compute_dtype)
        if not training:
            return images
        h_axis, w_axis = self._height_width_axes
        angle = random.uniform(
            (images.shape[0],),
            minval=self.factor[0] * 360.0,
            maxval=self.factor[1] * 360.0,
            seed=self.generator,
        )
        matrix = affine_matrix(angle, images.shape[h_axis], images.shape[w_axis])
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
            "factor": self.factor,
            "data_format": self.data_format,
            "fill_mode": self.fill_mode,
            "fill_value": self.fill_value,
            "interpolation": self.interpolation,
            "seed": self.seed,
        }
