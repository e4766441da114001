"""`RandomBrightness`: randomly adds a brightness offset to images."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish import random
from kerasish.core.random import SeedGenerator
from kerasish.layers.preprocessing.base_image_layer import BaseImagePreprocessingLayer

_VALUE_RANGE_ERROR = "The `value_range` argument should be a list of two numbers. "


class RandomBrightness(BaseImagePreprocessingLayer):
    """A preprocessing layer which randomly adjusts brightness during training.

    Adds `delta * (high - low)` to every pixel of an image, `delta` drawn
    uniformly from the factor range per image, then clips to `value_range`.
    At inference (`training=False`) the layer is the identity.

    Args:
        factor: A float in `[-1, 1]` (range `[-f, f]`) or a pair
            `(lower, upper)`: the brightness change as a fraction of the value
            range.
        value_range: The `[low, high]` range of the inputs (default
            `(0, 255)`); outputs are clipped to it.
        seed: Integer seed of the layer's `SeedGenerator`.
        **kwargs: Base layer keyword arguments, such as `name`, `dtype` and
            `data_format`.
    """

    def __init__(
        self,
        factor: Any,
        value_range: Any = (0, 255),
        seed: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(factor=factor, **kwargs)
        self.seed = seed
        self.generator = self.seed_generator = SeedGenerator(seed)
        if not isinstance(value_range, tuple | list) or len(value_range) != 2:
            raise ValueError(
                _VALUE_RANGE_ERROR + f"Received: value_range={value_range}"
            )
        self.value_range = sorted(value_range)

    def transform_images(self, images: jax.Array, training: bool) -> jax.Array:
        if not training:
            return images
        delta = random.uniform(
            (images.shape[0], 1, 1, 1),
            minval=self.factor[0],
            maxval=self.factor[1],
            seed=self.generator,
        )
        delta = delta * (self.value_range[1] - self.value_range[0])
        images = images + delta.astype(images.dtype)
        return jnp.clip(images, self.value_range[0], self.value_range[1])

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "factor": self.factor,
            "value_range": self.value_range,
            "seed": self.seed,
        }
