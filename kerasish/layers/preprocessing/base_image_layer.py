"""`BaseImagePreprocessingLayer`: factor checks, rank handling and affine helpers
shared by the image preprocessing and augmentation layers."""

from __future__ import annotations

import math
from typing import Any

import jax
import jax.numpy as jnp

from kerasish.backend import config
from kerasish.layers.layer import Layer

SUPPORTED_FILL_MODES = ("reflect", "wrap", "constant", "nearest")
SUPPORTED_INTERPOLATIONS = ("nearest", "bilinear")


class BaseImagePreprocessingLayer(Layer):
    """Base class of the image layers (`Resizing`, `RandomFlip`, ...).

    Subclasses implement `transform_images(images, training)` for a batch of
    images (rank 4); a single image (rank 3) gets a batch axis added and
    removed around it. As in Keras, `call`'s `training` defaults to `True`, so
    a layer called on its own augments; models pass `training` explicitly.

    Args:
        factor: For layers using the base factor: a number `f` (the range
            `[-f, f]`, clipped to the class bounds) or a pair `(lower, upper)`.
        bounding_box_format: Accepted for Keras compatibility (bounding boxes
            are not supported by kerasish).
        data_format: `"channels_last"` or `"channels_first"`.
    """

    _USE_BASE_FACTOR = True
    _FACTOR_BOUNDS = (-1, 1)

    def __init__(
        self,
        factor: Any = None,
        bounding_box_format: str | None = None,
        data_format: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.bounding_box_format = bounding_box_format
        self.data_format = config.standardize_data_format(data_format)
        if self._USE_BASE_FACTOR:
            self._set_factor(factor or 0.0)
        elif factor is not None:
            raise ValueError(
                f"Layer {self.__class__.__name__} does not take "
                f"a `factor` argument. Received: factor={factor}"
            )
        self.built = True

    def _set_factor(self, factor: Any) -> None:
        low, high = self._FACTOR_BOUNDS
        error = (
            "The `factor` argument should be a number (or a list of two numbers) "
            f"in the range [{low}, {high}]. Received: factor={factor}"
        )
        if isinstance(factor, tuple | list):
            if len(factor) != 2 or factor[0] > high or factor[1] < low:
                raise ValueError(error)
            lower, upper = sorted(factor)
        elif isinstance(factor, int | float) and not isinstance(factor, bool):
            if factor < low or factor > high:
                raise ValueError(error)
            factor = abs(factor)
            # Keras quirk: a single number gives `[max(-f, low), f]`, so layers
            # bounded below by 0 (RandomContrast) only ever draw from `[0, f]`.
            lower, upper = max(-factor, low), factor
        else:
            raise ValueError(error)
        self.factor = (lower, upper)

    @property
    def _height_width_axes(self) -> tuple[int, int]:
        return (-2, -1) if self.data_format == "channels_first" else (-3, -2)

    def call(self, inputs: Any, training: bool = True) -> Any:
        if isinstance(inputs, dict):
            return self._call_dict(inputs, training)
        return self._apply_to_images(inputs, training)

    def _call_dict(self, data: dict, training: bool) -> dict:
        if "bounding_boxes" in data:
            raise NotImplementedError(
                f"{self.__class__.__name__}: `bounding_boxes` inputs are not "
                "supported by kerasish."
            )
        data = dict(data)
        data["images"] = self._apply_to_images(jnp.asarray(data["images"]), training)
        return data

    def _apply_to_images(self, images: jax.Array, training: bool) -> jax.Array:
        if images.ndim not in (3, 4):
            raise ValueError(
                "Expected image tensor to have rank 3 (single image) or 4 (batch "
                f"of images). Received: data.shape={tuple(images.shape)}"
            )
        if images.ndim == 3:
            return self.transform_images(images[None], training)[0]
        return self.transform_images(images, training)

    def transform_images(self, images: jax.Array, training: bool) -> jax.Array:
        raise NotImplementedError

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return tuple(input_shape)

    def get_config(self) -> dict:
        config_ = {**super().get_config(), "data_format": self.data_format}
        if self.bounding_box_format is not None:
            config_["bounding_box_format"] = self.bounding_box_format
        return config_


def check_fill_and_interpolation(fill_mode: str, interpolation: str) -> None:
    """Keras' (NotImplementedError) checks of the geometric layers' options."""
    if fill_mode not in SUPPORTED_FILL_MODES:
        raise NotImplementedError(
            f"Unknown `fill_mode` {fill_mode}. Expected of one {SUPPORTED_FILL_MODES}."
        )
    if interpolation not in SUPPORTED_INTERPOLATIONS:
        raise NotImplementedError(
            f"Unknown `interpolation` {interpolation}. Expected of one "
            f"{SUPPORTED_INTERPOLATIONS}."
        )


def affine_matrix(
    angle: jax.Array,  # (batch,) degrees
    height: int,
    width: int,
    scale: jax.Array | float = 1.0,
) -> jax.Array:
    """Keras' `_compute_affine_matrix` for a rotation (and scale) about the
    image centre: rows `[a0, a1, a2, b0, b1, b2, 0, 0]`, shape `(batch, 8)`."""
    theta = angle * jnp.asarray(math.pi / 180.0, angle.dtype)
    cx = 0.5 * (width - 1)
    cy = 0.5 * (height - 1)
    cos, sin = jnp.cos(theta), jnp.sin(theta)
    a0, a1 = scale * cos, scale * -sin
    b0, b1 = scale * sin, scale * cos
    a2 = cx - cx * a0 - cy * a1
    b2 = cy - cx * b0 - cy * b1
    zeros = jnp.zeros_like(a0)
    return jnp.stack([a0, a1, a2, b0, b1, b2, zeros, zeros], axis=1)


def factor_range(
    factor: Any, name: str, error: str, lower_open: bool
) -> tuple[float, float]:
    """`(lower, upper)` of a Keras height/width factor (a number or a pair)."""

    def check(value: float) -> None:
        low_bad = value <= -1.0 if lower_open else value < -1.0
        if value > 1.0 or low_bad:
            raise ValueError(error + f"Received: input_number={value}")

    if isinstance(factor, tuple | list):
        if len(factor) != 2:
            raise ValueError(error + f"Received: {name}={factor}")
        check(factor[0])
        check(factor[1])
        lower, upper = sorted(factor)
        return lower, upper
    if isinstance(factor, int | float) and not isinstance(factor, bool):
        check(factor)
        return -abs(factor), abs(factor)
    raise ValueError(error + f"Received: {name}={factor}")
