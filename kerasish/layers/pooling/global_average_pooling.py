"""`GlobalAveragePooling1D`/`2D`/`3D`: the mean over all spatial axes."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.layers.pooling.base_global_pooling import GlobalAveragePoolingBase


class GlobalAveragePooling1D(GlobalAveragePoolingBase):
    """Global mean pooling for 1D data: one value per channel.

    Args:
        data_format: `"channels_last"` (default) or `"channels_first"`.
        keepdims: Whether to keep the spatial axes with length 1 (default
            False: the spatial axes are removed).

    Call arguments:
        inputs: A 3D tensor.
        mask: Optional `(batch, steps)` boolean mask; masked steps are
            excluded from the mean.

    Input shape:
        `(batch, steps, features)` or `(batch, features, steps)`.

    Output shape:
        `(batch, channels)`, or with `keepdims` the input layout with spatial
        sizes 1.
    """

    def __init__(
        self, data_format: str | None = None, keepdims: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(
            pool_dimensions=1, data_format=data_format, keepdims=keepdims, **kwargs
        )
        self.supports_masking = True

    def call(self, inputs: jax.Array, mask: jax.Array | None = None) -> jax.Array:
        if mask is None:
            return super().call(inputs)
        steps_axis = self.spatial_axes()[0]
        keep = jnp.expand_dims(jnp.asarray(mask).astype(bool), 3 - steps_axis)
        total = jnp.sum(
            jnp.where(keep, inputs, 0), axis=steps_axis, keepdims=self.keepdims
        )
        count = jnp.sum(keep.astype(inputs.dtype), axis=steps_axis, keepdims=True)
        if not self.keepdims:
            count = jnp.squeeze(count, axis=steps_axis)
        return total / count

    def compute_mask(self, inputs: Any, previous_mask: Any) -> None:
        del inputs, previous_mask
        return None


class GlobalAveragePooling2D(GlobalAveragePoolingBase):
    """Global mean pooling for 2D data: one value per channel.

    Args:
        data_format: `"channels_last"` (default) or `"channels_first"`.
        keepdims: Whether to keep the spatial axes with length 1 (default
            False: the spatial axes are removed).

    Input shape:
        `(batch, height, width, channels)` or `(batch, channels, height, width)`.

    Output shape:
        `(batch, channels)`, or with `keepdims` the input layout with spatial
        sizes 1.
    """

    def __init__(
        self, data_format: str | None = None, keepdims: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(
            pool_dimensions=2, data_format=data_format, keepdims=keepdims, **kwargs
        )


class GlobalAveragePooling3D(GlobalAveragePoolingBase):
    """Global mean pooling for 3D data: one value per channel.

    Args:
        data_format: `"channels_last"` (default) or `"channels_first"`.
        keepdims: Whether to keep the spatial axes with length 1 (default
            False: the spatial axes are removed).

    Input shape:
        `(batch, dim1, dim2, dim3, channels)` or `(batch, channels, dim1, dim2, dim3)`.

    Output shape:
        `(batch, channels)`, or with `keepdims` the input layout with spatial
        sizes 1.
    """

    def __init__(
        self, data_format: str | None = None, keepdims: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(
            pool_dimensions=3, data_format=data_format, keepdims=keepdims, **kwargs
        )


GlobalAvgPool1D = GlobalAveragePooling1D
GlobalAvgPool2D = GlobalAveragePooling2D
GlobalAvgPool3D = GlobalAveragePooling3D
