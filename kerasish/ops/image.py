"""`keras.ops.image`: resizing and patch extraction (channels_last by default)."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.backend import config
from kerasish.ops._dispatch import keras_op, to_tensor
from kerasish.ops.image_affine import affine_transform as affine_transform

RESIZE_INTERPOLATIONS = ("bilinear", "nearest", "lanczos3", "lanczos5", "bicubic")


def _spatial_axes(ndim: int, data_format: str) -> tuple[int, int]:
    return (
        (ndim - 3, ndim - 2) if data_format == "channels_last" else (ndim - 2, ndim - 1)
    )


def _crop_to_aspect(images: jax.Array, size: tuple, axes: tuple[int, int]) -> jax.Array:
    height, width = images.shape[axes[0]], images.shape[axes[1]]
    target_h, target_w = size
    crop_h = max(min(height, int(float(width * target_h) / target_w)), 1)
    crop_w = max(min(width, int(float(height * target_w) / target_h)), 1)
    start_h, start_w = int(float(height - crop_h) / 2), int(float(width - crop_w) / 2)
    images = jax.lax.slice_in_dim(images, start_h, start_h + crop_h, axis=axes[0])
    return jax.lax.slice_in_dim(images, start_w, start_w + crop_w, axis=axes[1])


def _pad_to_aspect(
    images: jax.Array, size: tuple, axes: tuple[int, int], fill_value: float
) -> jax.Array:
    height, width = images.shape[axes[0]], images.shape[axes[1]]
    target_h, target_w = size
    pad_h = max(height, int(float(width * target_h) / target_w))
    pad_w = max(width, int(float(height * target_w) / target_h))
    start_h, start_w = int(float(pad_h - height) / 2), int(float(pad_w - width) / 2)
    # Keras pads the same amount on both sides (and only one of the two axes).
    widths = [(0, 0)] * images.ndim
    if start_h > 0:
        widths[axes[0]] = (start_h, start_h)
    elif start_w > 0:
        widths[axes[1]] = (start_w, start_w)
    fill = jnp.asarray(fill_value).astype(images.dtype)
    return jnp.pad(images, widths, constant_values=fill)


@keras_op
def resize(
    images: Any,
    size: tuple[int, int],
    interpolation: str = "bilinear",
    antialias: bool = False,
    crop_to_aspect_ratio: bool = False,
    pad_to_aspect_ratio: bool = False,
    fill_mode: str = "constant",
    fill_value: float = 0.0,
    data_format: str | None = None,
) -> jax.Array:
    """Resizes images to `size` (`jax.image.resize` with half-pixel centers).

    Args:
        images: Image `(H, W, C)` or batch `(N, H, W, C)` (channels_last).
        size: Target `(height, width)`.
        interpolation: `"bilinear"`, `"nearest"`, `"lanczos3"`, `"lanczos5"`
            or `"bicubic"`.
        antialias: Use an anti-aliasing filter when downsampling.
        crop_to_aspect_ratio: Center-crop to the target aspect ratio first.
        pad_to_aspect_ratio: Pad (with `fill_value`) to the target ratio first.
        fill_mode: Only `"constant"`.
        fill_value: Padding value for `pad_to_aspect_ratio`.
        data_format: `"channels_last"` or `"channels_first"`; default from config.

    Returns:
        The resized image(s).
    """
    data_format = config.standardize_data_format(data_format)
    if len(size) != 2:
        raise ValueError(
            f"Expected `size` to be a tuple of 2 integers. Received: size={size}"
        )
    if size[0] <= 0 or size[1] <= 0:
        raise ValueError(
            f"`size` must have positive height and width. Received: size={size}"
        )
    if interpolation not in RESIZE_INTERPOLATIONS:
        raise ValueError(
            "Invalid value for argument `interpolation`. Expected of one "
            f"{RESIZE_INTERPOLATIONS}. Received: interpolation={interpolation}"
        )
    if fill_mode != "constant":
        raise ValueError(
            "Invalid value for argument `fill_mode`. Only `'constant'` is "
            f"supported. Received: fill_mode={fill_mode}"
        )
    if pad_to_aspect_ratio and crop_to_aspect_ratio:
        raise ValueError(
            "Only one of `pad_to_aspect_ratio` & `crop_to_aspect_ratio` can be `True`."
        )
    images = to_tensor(images)
    if images.ndim not in (3, 4):
        raise ValueError(
            "Invalid images rank: expected rank 3 (single image) or rank 4 (batch "
            f"of images). Received input with shape: images.shape={images.shape}"
        )
    size = tuple(int(s) for s in size)
    axes = _spatial_axes(images.ndim, data_format)
    if crop_to_aspect_ratio:
        images = _crop_to_aspect(images, size, axes)
    elif pad_to_aspect_ratio:
        images = _pad_to_aspect(images, size, axes, fill_value)
    out_shape = list(images.shape)
    out_shape[axes[0]], out_shape[axes[1]] = size
    return jax.image.resize(
        images, tuple(out_shape), method=interpolation, antialias=antialias
    )


@keras_op
def extract_patches(
    images: Any,
    size: Any,
    strides: Any = None,
    dilation_rate: Any = 1,
    padding: str = "valid",
    data_format: str | None = None,
) -> jax.Array:
    """Extracts `size` patches, flattened into the channel axis as `(ph, pw, c)`.

    Args:
        images: Image `(H, W, C)` or batch `(N, H, W, C)` (channels_last).
        size: Patch size, an int or `(patch_height, patch_width)`.
        strides: Patch strides (default: `size`, i.e. non-overlapping).
        dilation_rate: Input dilation.
        padding: `"valid"` or `"same"`.
        data_format: `"channels_last"` or `"channels_first"`.

    Returns:
        Patches of shape `(N, rows, cols, ph * pw * C)` (channels_last).
    """
    size = (size, size) if isinstance(size, int) else tuple(size)
    if len(size) != 2:
        raise TypeError(
            "Invalid `size` argument. Expected an int or a tuple of length 2. "
            f"Received: size={size}"
        )
    data_format = config.standardize_data_format(data_format)
    images = to_tensor(images)
    unbatched = images.ndim == 3
    if unbatched:
        images = images[None]
    channels = images.shape[-1] if data_format == "channels_last" else images.shape[1]
    strides = size if not strides else strides
    strides = (strides, strides) if isinstance(strides, int) else tuple(strides)
    dilation = (
        (dilation_rate,) * 2 if isinstance(dilation_rate, int) else tuple(dilation_rate)
    )
    out_dim = size[0] * size[1] * channels
    # An identity kernel turns each patch into one output pixel, as Keras does.
    kernel = jnp.eye(out_dim, dtype=images.dtype).reshape(
        size[0], size[1], channels, out_dim
    )
    spec = (
        ("NHWC", "HWIO", "NHWC")
        if data_format == "channels_last"
        else ("NCHW", "HWIO", "NCHW")
    )
    patches = jax.lax.conv_general_dilated(
        images,
        kernel,
        window_strides=strides,
        padding=padding.upper(),
        rhs_dilation=dilation,
        dimension_numbers=spec,
        precision=jax.lax.Precision.HIGHEST,
    )
    return patches[0] if unbatched else patches
