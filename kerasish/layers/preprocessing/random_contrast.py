"""`RandomContrast`: randomly scales each image's deviation from its mean."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish import random
from kerasish.core.random import SeedGenerator
from kerasish.layers.preprocessing.base_image_layer import BaseImagePreprocessingLayer


class RandomContrast(BaseImagePreprocessingLayer):
    """A preprocessing layer which randomly adjusts contrast during training.

    For each image and channel, `(x - mean) * contrast_factor + mean`, with
    `mean` over the spatial axes and `contrast_factor` drawn uniformly from
    `[1 - lower, 1 + upper]`; the result is clipped to `value_range`. At
    inference (`training=False`) the layer is the identity.

    Keras quirk, copied: the factor range is bounded below by 0, so a single
    number `f` gives `factor=(0, f)` and contrast factors in `[1, 1 + f]`;
    pass a pair `(f, f)` for `[1 - f, 1 + f]`.

    Args:
        factor: A non-negative float or a pair `(lower, upper)` in `[0, 1]`.
        value_range: The `[low, high]` range of the inputs (default
            `(0, 255)`); outputs are clipped to it.
        seed: Integer seed of the layer's `SeedGenerator`.
        **kwargs: Base layer keyword arguments, such as `name`, `dtype` and
            `data_format`.
    """

    _FACTOR_BOUNDS = (0, 1)

    def __init__(
        self,
        factor: Any,
        value_range: Any = (0, 255),
        seed: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self._set_factor(factor)
        self.value_range = value_range
        self.seed = seed
        self.generator = self.seed_generator = SeedGenerator(seed)

    def transform_images(self, images: jax.Array, training: bool) -> jax.Array:
        if not training:
            return images
        if not jnp.issubdtype(images.dtype, jnp.floating):
            images = images.astype(self.compute_dtype)
        contrast_factor = random.uniform(
            (images.shape[0], 1, 1, 1),
            minval=1.0 - self.factor[0],
            maxval=1.0 + self.factor[1],
            dtype=self.compute_dtype,
            seed=self.generator,
        )
        h_axis, w_axis = self._height_width_axes
        mean = jnp.mean(images, axis=h_axis, keepdims=True)
        mean = jnp.mean(mean, axis=w_axis, keepdims=True)
        outputs = (images - mean) * contrast_factor + mean
        return jnp.clip(outputs, self.value_range[0], self.value_range[1])

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "factor": self.factor,
            "value_range": self.value_range,
            "seed": self.seed,
        }
