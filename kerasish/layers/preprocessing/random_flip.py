"""`RandomFlip`: randomly flips images horizontally and/or vertically."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish import random
from kerasish.core.random import SeedGenerator
from kerasish.layers.preprocessing.base_image_layer import BaseImagePreprocessingLayer

HORIZONTAL = "horizontal"
VERTICAL = "vertical"
HORIZONTAL_AND_VERTICAL = "horizontal_and_vertical"


class RandomFlip(BaseImagePreprocessingLayer):
    """A preprocessing layer which randomly flips images during training.

    Each image of the batch is flipped with probability 0.5. With
    `"horizontal_and_vertical"`, one draw decides both flips (Keras
    behaviour), so a chosen image is flipped along both axes at once. At
    inference (`training=False`) the layer is the identity.

    Args:
        mode: `"horizontal"`, `"vertical"` or `"horizontal_and_vertical"`
            (default).
        seed: Integer seed of the layer's `SeedGenerator`.
        data_format: `"channels_last"` or `"channels_first"`.
        **kwargs: Base layer keyword arguments, such as `name` and `dtype`.

    Call arguments:
        inputs: A 3D (unbatched) or 4D (batched) image tensor.
        training: Whether to flip (defaults to `True` when the layer is called
            on its own; models pass their mode).
    """

    _USE_BASE_FACTOR = False

    def __init__(
        self,
        mode: str = HORIZONTAL_AND_VERTICAL,
        seed: int | None = None,
        data_format: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        if mode not in (HORIZONTAL, VERTICAL, HORIZONTAL_AND_VERTICAL):
            raise ValueError(
                "RandomFlip layer: `mode` must be one of 'horizontal', "
                f"'vertical' or 'horizontal_and_vertical'. Received: mode={mode}"
            )
        self.seed = seed
        self.generator = self.seed_generator = SeedGenerator(seed)
        self.mode = mode

    def transform_images(self, images: jax.Array, training: bool) -> jax.Array:
        images = images.astype(self.compute_dtype)
        if not training:
            return images
        flips = random.uniform((images.shape[0], 1, 1, 1), seed=self.generator) <= 0.5
        h_axis, w_axis = self._height_width_axes
        if self.mode in (HORIZONTAL, HORIZONTAL_AND_VERTICAL):
            images = jnp.where(flips, jnp.flip(images, axis=w_axis), images)
        if self.mode in (VERTICAL, HORIZONTAL_AND_VERTICAL):
            images = jnp.where(flips, jnp.flip(images, axis=h_axis), images)
        return images

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "seed": self.seed,
            "mode": self.mode,
            "data_format": self.data_format,
        }
