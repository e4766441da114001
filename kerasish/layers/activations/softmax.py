"""`Softmax`: the softmax activation as a layer, honouring an attention mask."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish import activations
from kerasish.layers.layer import Layer


def _large_negative_number(dtype: Any) -> float:
    # Keras fills masked logits with -1e9 (-3e4 in float16, which has no 1e9).
    return -3e4 if jnp.dtype(dtype) == jnp.float16 else -1e9


class Softmax(Layer):
    """Softmax activation layer.

    Formula: `exp(x) / sum(exp(x), axis)`.

    Args:
        axis: Integer, or list of integers, axis along which the softmax is
            applied.
        **kwargs: Base layer keyword arguments, such as `name` and `dtype`.

    Call arguments:
        inputs: The inputs (logits) to the softmax layer.
        mask: A boolean mask broadcastable to `inputs` (or a float mask, kept
            where `> 0.5`). Masked positions get probability 0; the softmax
            runs on the kept ones.

    Returns:
        Softmaxed output with the same shape as `inputs`.
    """

    def __init__(self, axis: Any = -1, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.axis = axis
        self.supports_masking = True
        self.built = True

    def call(self, inputs: jax.Array, mask: Any = None) -> jax.Array:
        if mask is not None:
            mask = jnp.asarray(mask)
            self._check_mask(inputs.shape, mask.shape)
            if mask.dtype != jnp.bool_:
                mask = mask > jnp.asarray(0.5, mask.dtype)
            fill = jnp.asarray(_large_negative_number(inputs.dtype), inputs.dtype)
            inputs = jnp.where(mask, inputs, fill)
        if isinstance(self.axis, list | tuple) and len(self.axis) > 1:
            axis = tuple(self.axis)
            lse = jax.scipy.special.logsumexp(inputs, axis=axis, keepdims=True)
            outputs = jnp.exp(inputs - lse)
        else:
            axis = self.axis[0] if isinstance(self.axis, list | tuple) else self.axis
            outputs = activations.softmax(inputs, axis=axis)
        if mask is not None:
            # A fully masked row would otherwise come out uniform.
            outputs = jnp.where(mask, outputs, jnp.zeros((), outputs.dtype))
        return outputs

    def _check_mask(self, input_shape: tuple, mask_shape: tuple) -> None:
        broadcastable = len(mask_shape) <= len(input_shape) and all(
            m in (1, i)
            for m, i in zip(mask_shape[::-1], input_shape[::-1], strict=False)
        )
        if not broadcastable:
            raise ValueError(
                f"The `mask` of layer '{self.name}' must be broadcastable to "
                "`inputs`: each mask dimension must be 1 or match the "
                f"corresponding input dimension. Received: "
                f"inputs.shape={tuple(input_shape)}, mask.shape={tuple(mask_shape)}"
            )

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "axis": self.axis}
