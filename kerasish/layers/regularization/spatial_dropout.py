"""`SpatialDropout1D/2D/3D`: dropout of whole feature maps (channels)."""

from __future__ import annotations

from typing import Any

from kerasish.backend import config
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.regularization.dropout import Dropout


class _SpatialDropout(Dropout):
    """Dropout whose mask is shared across the spatial axes."""

    # Keras' spatial dropouts take only these arguments (no `trainable`, no
    # `noise_shape`), and their config is just these keys with `dtype` as a
    # plain string instead of a serialized policy.
    def __init__(
        self,
        rate: float,
        seed: int | None = None,
        name: str | None = None,
        dtype: Any = None,
    ) -> None:
        super().__init__(rate, seed=seed, name=name, dtype=dtype)

    def get_config(self) -> dict:
        return {
            "rate": self.rate,
            "seed": self.seed,
            "name": self.name,
            "dtype": self.dtype,
        }


class SpatialDropout1D(_SpatialDropout):
    """Spatial 1D version of Dropout.

    Drops entire 1D feature maps instead of individual elements: when
    adjacent frames are strongly correlated, regular dropout does not
    regularize the activations, this does. Active only when training.

    Args:
        rate: Float between 0 and 1, the fraction of channels to drop.
        seed: Integer seed for the layer's `SeedGenerator`.

    Call arguments:
        inputs: A 3D tensor.
        training: Whether the layer is running in training mode.

    Input shape:
        3D tensor `(samples, timesteps, channels)`.

    Output shape:
        Same as input.
    """

    def __init__(
        self,
        rate: float,
        seed: int | None = None,
        name: str | None = None,
        dtype: Any = None,
    ) -> None:
        super().__init__(rate, seed=seed, name=name, dtype=dtype)
        self.input_spec = InputSpec(ndim=3)

    def _noise_shape(self, input_shape: tuple) -> tuple:
        return (input_shape[0], 1, input_shape[2])


class _SpatialDropoutND(_SpatialDropout):
    """Spatial dropout over `_rank` spatial axes, with a `data_format`."""

    _rank = 0

    def __init__(
        self,
        rate: float,
        data_format: str | None = None,
        seed: int | None = None,
        name: str | None = None,
        dtype: Any = None,
    ) -> None:
        super().__init__(rate, seed=seed, name=name, dtype=dtype)
        self.data_format = config.standardize_data_format(data_format)
        self.input_spec = InputSpec(ndim=self._rank + 2)

    def _noise_shape(self, input_shape: tuple) -> tuple:
        ones = (1,) * self._rank
        if self.data_format == "channels_first":
            return (input_shape[0], input_shape[1], *ones)
        return (input_shape[0], *ones, input_shape[-1])

    def get_config(self) -> dict:
        return {**super().get_config(), "data_format": self.data_format}


class SpatialDropout2D(_SpatialDropoutND):
    """Spatial 2D version of Dropout.

    Drops entire 2D feature maps (channels) instead of individual elements,
    which helps when adjacent pixels are strongly correlated (early conv
    layers). Active only when training.

    Args:
        rate: Float between 0 and 1, the fraction of channels to drop.
        data_format: `"channels_last"` (default) or `"channels_first"`; when
            `None`, `keras.config.image_data_format()`.
        seed: Integer seed for the layer's `SeedGenerator`.

    Call arguments:
        inputs: A 4D tensor.
        training: Whether the layer is running in training mode.

    Input shape:
        4D tensor `(samples, rows, cols, channels)` (channels_last) or
        `(samples, channels, rows, cols)` (channels_first).

    Output shape:
        Same as input.
    """

    _rank = 2


class SpatialDropout3D(_SpatialDropoutND):
    """Spatial 3D version of Dropout.

    Drops entire 3D feature maps (channels) instead of individual elements.
    Active only when training.

    Args:
        rate: Float between 0 and 1, the fraction of channels to drop.
        data_format: `"channels_last"` (default) or `"channels_first"`; when
            `None`, `keras.config.image_data_format()`.
        seed: Integer seed for the layer's `SeedGenerator`.

    Call arguments:
        inputs: A 5D tensor.
        training: Whether the layer is running in training mode.

    Input shape:
        5D tensor `(samples, dim1, dim2, dim3, channels)` (channels_last) or
        `(samples, channels, dim1, dim2, dim3)` (channels_first).

    Output shape:
        Same as input.
    """

    _rank = 3
