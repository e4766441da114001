"""`Masking`: masks timesteps whose features all equal `mask_value`."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.core import masking
from kerasish.layers.layer import Layer


class Masking(Layer):
    """Masks a sequence by using a mask value to skip timesteps.

    For each timestep of the input `(samples, timesteps, features)`, if all
    features equal `mask_value` the timestep is masked (skipped) in all
    downstream layers that support masking, and the loss; the masked
    timesteps are also set to 0 in the output.

    Args:
        mask_value: The value marking a timestep to skip. Defaults to `0.0`.
        **kwargs: Base layer keyword arguments (e.g. `name` and `dtype`).

    Example:

    ```python
    x = np.random.rand(2, 4, 3).astype("float32")
    x[0, 2] = 0.0  # sample 0, timestep 2 is skipped downstream
    model = keras.Sequential([keras.layers.Masking(), keras.layers.LSTM(8)])
    ```
    """

    def __init__(self, mask_value: Any = 0.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.mask_value = mask_value
        self.supports_masking = True
        self.built = True

    def _keep(self, inputs: jax.Array, keepdims: bool) -> jax.Array:
        value = jnp.asarray(self.mask_value).astype(inputs.dtype)
        return jnp.any(jnp.not_equal(inputs, value), axis=-1, keepdims=keepdims)

    def compute_mask(self, inputs: Any, previous_mask: Any = None) -> jax.Array:
        del previous_mask
        return self._keep(jnp.asarray(inputs), keepdims=False)

    def call(self, inputs: jax.Array) -> jax.Array:
        keep = self._keep(inputs, keepdims=True)  # (batch, time, 1)
        outputs = jnp.where(keep, inputs, jnp.zeros((), inputs.dtype))
        masking.set_keras_mask(outputs, jnp.squeeze(keep, axis=-1))
        return outputs

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "mask_value": self.mask_value}
