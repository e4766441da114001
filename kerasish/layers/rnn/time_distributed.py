"""`TimeDistributed`: applies a layer to every temporal slice of an input."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.layers import layer_utils
from kerasish.layers.layer import Layer
from kerasish.layers.rnn import cell_config


class TimeDistributed(Layer):
    """This wrapper applies a layer to every temporal slice of an input.

    Every input has at least 3 dimensions, `(batch, time, ...)`; the wrapped
    layer sees `(batch, ...)` slices, one call per time step (as in Keras, so
    e.g. BatchNormalization statistics are per step), and the outputs are
    stacked back along axis 1.

    Args:
        layer: A `keras.layers.Layer` instance.
        **kwargs: Base layer keyword arguments (e.g. `name` and `dtype`).

    Call arguments:
        inputs: Input tensor of shape `(batch, time, ...)`.
        training: Passed to the wrapped layer when its `call` takes it.
        mask: Optional `(batch, time)` mask, passed per step to the wrapped
            layer when its `call` takes it.

    Example:

    ```python
    inputs = keras.Input(shape=(10, 128, 128, 3), batch_size=32)
    outputs = keras.layers.TimeDistributed(keras.layers.Conv2D(64, (3, 3)))(inputs)
    outputs.shape  # (32, 10, 126, 126, 64)
    ```
    """

    def __init__(self, layer: Layer, **kwargs: Any) -> None:
        if not isinstance(layer, Layer):
            raise ValueError(
                "Please initialize `TimeDistributed` layer with a "
                f"`keras.layers.Layer` instance. Received: {layer}"
            )
        super().__init__(**kwargs)
        self.layer = layer
        self.supports_masking = True

    def _get_child_input_shape(self, input_shape: Any) -> tuple:
        if not isinstance(input_shape, tuple | list) or len(input_shape) < 3:
            raise ValueError(
                "`TimeDistributed` Layer should be passed an `input_shape` "
                f"with at least 3 dimensions, received: {input_shape}"
            )
        return (input_shape[0], *input_shape[2:])

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        child_input_shape = self._get_child_input_shape(input_shape)
        child_output_shape = self.layer.compute_output_shape(child_input_shape)
        return (child_output_shape[0], input_shape[1], *child_output_shape[1:])

    def build(self, input_shape: tuple) -> None:
        child_input_shape = self._get_child_input_shape(input_shape)
        if not self.layer.built:
            self.layer.build(child_input_shape)
            self.layer.built = True

    def call(
        self, inputs: jax.Array, training: bool | None = None, mask: Any = None
    ) -> jax.Array:
        if mask is not None:
            self._check_mask(mask, inputs)
        params = layer_utils.call_parameters(type(self.layer))
        outputs = []
        for t in range(inputs.shape[1]):
            kwargs: dict = {}
            if "mask" in params and mask is not None:
                kwargs["mask"] = mask[:, t]
            if "training" in params:
                kwargs["training"] = training
            outputs.append(self.layer.call(inputs[:, t], **kwargs))
        return jnp.stack(outputs, axis=1)

    @staticmethod
    def _check_mask(mask: Any, inputs: jax.Array) -> None:
        mask_shape, input_shape = tuple(mask.shape), tuple(inputs.shape)
        if len(mask_shape) < 2:
            raise ValueError(
                "The `mask` passed to the `TimeDistributed` layer must be "
                "at least 2D (e.g., `(batch_size, timesteps)`), but it has "
                f"{len(mask_shape)} dimension(s) with shape {mask_shape}."
            )
        if mask_shape[:2] != input_shape[:2]:
            raise ValueError(
                "The `mask` passed to the `TimeDistributed` layer has a "
                f"shape {mask_shape} that is incompatible with the input "
                f"shape {input_shape}. The first two dimensions of the "
                "mask (batch size and timesteps) must match the input's "
                "first two dimensions. Expected mask shape prefix: "
                f"({input_shape[0]}, {input_shape[1]})."
            )

    def get_config(self) -> dict:
        from kerasish.layers.serialization import serialize_layer

        return {**super().get_config(), "layer": serialize_layer(self.layer)}

    @classmethod
    def from_config(
        cls, config: dict, custom_objects: dict | None = None
    ) -> TimeDistributed:
        from kerasish.layers.serialization import layer_from_config

        config = dict(config)
        layer = cell_config.deserialize_built(
            config.pop("layer"), custom_objects=custom_objects
        )
        return layer_from_config(lambda **kw: cls(layer, **kw), config)
