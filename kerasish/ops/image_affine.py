"""`keras.ops.image.affine_transform`: projective-free affine warps of images."""

from __future__ import annotations

import functools
from typing import Any

import jax
import jax.numpy as jnp

from kerasish.backend import config
from kerasish.ops._dispatch import keras_op, to_tensor

AFFINE_TRANSFORM_INTERPOLATIONS = {"nearest": 0, "bilinear": 1}
AFFINE_TRANSFORM_FILL_MODES = ("constant", "nearest", "wrap", "mirror", "reflect")


def _validate(interpolation: str, fill_mode: str) -> None:
    if interpolation not in AFFINE_TRANSFORM_INTERPOLATIONS:
        raise ValueError(
            "Invalid value for argument `interpolation`. Expected of one "
            f"{set(AFFINE_TRANSFORM_INTERPOLATIONS)}. Received: "
            f"interpolation={interpolation}"
        )
    if fill_mode not in AFFINE_TRANSFORM_FILL_MODES:
        raise ValueError(
            "Invalid value for argument `fill_mode`. Expected of one "
            f"{set(AFFINE_TRANSFORM_FILL_MODES)}. Received: fill_mode={fill_mode}"
        )


@keras_op
def affine_transform(
    images: Any,
    transform: Any,
    interpolation: str = "bilinear",
    fill_mode: str = "constant",
    fill_value: float = 0,
    data_format: str | None = None,
) -> jax.Array:
    """Applies the given transform(s) to the image(s).

    Args:
        images: Input image or batch of images. Must be 3D or 4D.
        transform: Transform matrix/matrices: a vector of length 8 or a tensor
            of size `(N, 8)`. A row `[a0, a1, a2, b0, b1, b2, c0, c1]` maps the
            output point `(x, y)` to the input point
            `(a0 x + a1 y + a2, b0 x + b1 y + b2)`; `c0` and `c1` are taken as
            0, as on Keras' JAX backend.
        interpolation: `"nearest"` or `"bilinear"`. Defaults to `"bilinear"`.
        fill_mode: How points outside the input are filled: `"constant"`,
            `"nearest"`, `"wrap"`, `"mirror"` or `"reflect"`.
        fill_value: Value used outside the input with `fill_mode="constant"`.
        data_format: `"channels_last"` or `"channels_first"`; default from config.

    Returns:
        The transformed image(s), same shape as `images`.

    Example:
    ```python
    x = np.random.random((2, 64, 80, 3))
    transform = np.array([[1.0, 0.0, -20, 0.0, 1.0, -16, 0, 0]] * 2)
    y = keras.ops.image.affine_transform(x, transform)  # shifted by (20, 16)
    ```
    """
    data_format = config.standardize_data_format(data_format)
    _validate(interpolation, fill_mode)
    images = to_tensor(images)
    transform = to_tensor(transform)
    if images.ndim not in (3, 4):
        raise ValueError(
            "Invalid images rank: expected rank 3 (single image) or rank 4 (batch "
            f"of images). Received input with shape: images.shape={images.shape}"
        )
    if transform.ndim not in (1, 2):
        raise ValueError(
            "Invalid transform rank: expected rank 1 (single transform) or rank 2 "
            "(batch of transforms). Received input with shape: "
            f"transform.shape={transform.shape}"
        )
    unbatched = images.ndim == 3
    if unbatched:
        images = images[None]
    if transform.ndim == 1:
        transform = transform[None]
    if data_format == "channels_last":
        images = jnp.moveaxis(images, -1, 1)  # (batch, channels, height, width)
    transform = jnp.broadcast_to(transform, (images.shape[0], transform.shape[1]))
    out = _warp_batch(
        images, transform.astype(jnp.float32), interpolation, fill_mode, fill_value
    )
    if data_format == "channels_last":
        out = jnp.moveaxis(out, 1, -1)
    return out[0] if unbatched else out


@functools.partial(jax.jit, static_argnums=(2, 3, 4))
def _warp_batch(
    images: jax.Array,  # (batch, channels, height, width)
    transform: jax.Array,  # (batch, 8)
    interpolation: str,
    fill_mode: str,
    fill_value: float,
) -> jax.Array:
    """Jitted once per signature, so eager calls do not dispatch op by op."""
    height, width = images.shape[2], images.shape[3]
    return jax.vmap(
        lambda image, t: _warp(
            image, t, height, width, interpolation, fill_mode, fill_value
        )
    )(images, transform)


def _warp(
    image: jax.Array,  # (channels, height, width)
    t: jax.Array,  # (8,)
    height: int,
    width: int,
    interpolation: str,
    fill_mode: str,
    fill_value: float,
) -> jax.Array:
    y, x = jnp.meshgrid(
        jnp.arange(height, dtype=jnp.float32),
        jnp.arange(width, dtype=jnp.float32),
        indexing="ij",
    )
    src_x = t[0] * x + t[1] * y + t[2]
    src_y = t[3] * x + t[4] * y + t[5]
    order = AFFINE_TRANSFORM_INTERPOLATIONS[interpolation]

    def one_channel(channel: jax.Array) -> jax.Array:
        dtype = channel.dtype if jnp.issubdtype(channel.dtype, jnp.floating) else None
        coords = [
            src_y.astype(dtype or jnp.float32),
            src_x.astype(dtype or jnp.float32),
        ]
        return jax.scipy.ndimage.map_coordinates(
            channel, coords, order=order, mode=fill_mode, cval=fill_value
        )

    return jax.vmap(one_channel)(image)
