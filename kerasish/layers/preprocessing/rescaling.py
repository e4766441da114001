"""`Rescaling`: multiplies inputs by `scale` and adds `offset`."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from kerasish.backend import config
from kerasish.layers.layer import Layer


class Rescaling(Layer):
    """A preprocessing layer which rescales input values to a new range.

    Every value is multiplied by `scale` and `offset` is added: to map
    `[0, 255]` to `[0, 1]` pass `scale=1./255`; to map it to `[-1, 1]` pass
    `scale=1./127.5, offset=-1`. Applied both in training and inference.
    Integer inputs give floating outputs (the layer's dtype).

    Args:
        scale: Float (or array broadcastable to the inputs), the scale.
        offset: Float (or array), the offset.
        **kwargs: Base layer keyword arguments, such as `name` and `dtype`.

    Input shape:
        Arbitrary.

    Output shape:
        Same as the input.
    """

    def __init__(self, scale: Any, offset: Any = 0.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scale = scale
        self.offset = offset
        self.supports_masking = True
        self.built = True

    def call(self, inputs: jax.Array) -> jax.Array:
        dtype = self.compute_dtype
        scale = jnp.asarray(self.scale, dtype=dtype)
        offset = jnp.asarray(self.offset, dtype=dtype)
        if scale.ndim > 0 and config.image_data_format() == "channels_first":
            # Keras: a per-channel scale is moved to the channels axis (-3).
            scale = scale.reshape(scale.shape + (1,) * (3 - scale.ndim))
        return jnp.asarray(inputs).astype(dtype) * scale + offset

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return tuple(input_shape)

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "scale": _serialize(self.scale),
            "offset": _serialize(self.offset),
        }

    @classmethod
    def from_config(cls, config: dict) -> Rescaling:
        config = dict(config)
        config["scale"] = _deserialize(config["scale"])
        config["offset"] = _deserialize(config["offset"])
        return super().from_config(config)


def _serialize(value: Any) -> Any:
    """Keras' serialized form of a NumPy array (`__numpy__`); numbers unchanged."""
    if isinstance(value, np.ndarray | jax.Array):
        value = np.asarray(value)
        return {
            "class_name": "__numpy__",
            "config": {"value": value.tolist(), "dtype": value.dtype.name},
        }
    return value


def _deserialize(value: Any) -> Any:
    if isinstance(value, dict) and value.get("class_name") == "__numpy__":
        return np.array(value["config"]["value"], dtype=value["config"]["dtype"])
    return value
