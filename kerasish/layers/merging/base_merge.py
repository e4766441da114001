"""`Merge`: the base of the elementwise merging layers (shape checks, masks)."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.core import masking
from kerasish.core.keras_tensor import KerasTensor
from kerasish.layers.layer import Layer


def collect_masks(inputs: Any) -> list | None:
    """The Keras masks of a list of inputs, or `None` when none carries one."""
    if not isinstance(inputs, list | tuple):
        return None
    if any(isinstance(x, KerasTensor) for x in inputs):
        return None
    masks = [masking.get_keras_mask(x) for x in inputs]
    return masks if any(m is not None for m in masks) else None


class MultiInputMaskMixin:
    """Passes the masks of a LIST of inputs as `mask=[...]`, as Keras' `__call__`
    does (`Layer.__call__` here only reads the mask of a single first input)."""

    def __call__(self, inputs: Any, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("mask") is None:
            masks = collect_masks(inputs)
            if masks is not None:
                kwargs["mask"] = masks
        return super().__call__(inputs, *args, **kwargs)


class Merge(MultiInputMaskMixin, Layer):
    """Generic merge layer for elementwise merge functions.

    Used to implement `Add`, `Average`, etc. Inputs of different ranks are
    broadcast by inserting axes after the batch axis.

    Args:
        **kwargs: Standard layer keyword arguments.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.supports_masking = True
        self._reshape_required = False

    def _merge_function(self, inputs: list, masks: list | None) -> jax.Array:
        raise NotImplementedError

    def _compute_elemwise_op_output_shape(
        self, shape1: tuple | None, shape2: tuple | None
    ) -> tuple | None:
        """Broadcast of two shapes aligned on the right (Keras' check)."""
        if shape1 is None or shape2 is None:
            return None
        if len(shape1) < len(shape2):
            return self._compute_elemwise_op_output_shape(shape2, shape1)
        if not shape2:
            return tuple(shape1)
        output_shape = list(shape1[: -len(shape2)])
        for i, j in zip(shape1[-len(shape2) :], shape2, strict=True):
            if i is None or j is None:
                output_shape.append(None)
            elif i == 1:
                output_shape.append(j)
            elif j == 1 or i == j:
                output_shape.append(i)
            else:
                raise ValueError(
                    "Inputs have incompatible shapes. "
                    f"Received shapes {tuple(shape1)} and {tuple(shape2)}"
                )
        return tuple(output_shape)

    def _broadcast_shape(self, input_shape: list) -> tuple | None:
        output_shape = None if input_shape[0] is None else tuple(input_shape[0][1:])
        for shape in input_shape[1:]:
            shape = None if shape is None else tuple(shape[1:])
            output_shape = self._compute_elemwise_op_output_shape(output_shape, shape)
        return output_shape

    def build(self, input_shape: Any) -> None:
        if not isinstance(input_shape, list | tuple) or not isinstance(
            input_shape[0], list | tuple
        ):
            raise ValueError(
                "A merge layer should be called on a list of inputs. "
                f"Received: input_shape={input_shape} (not a list of shapes)"
            )
        batch_sizes = {s[0] for s in input_shape if s} - {None}
        if len(batch_sizes) > 1:
            raise ValueError(
                "Cannot merge tensors with different batch sizes. "
                f"Received tensors with shapes {list(input_shape)}"
            )
        self._broadcast_shape(list(input_shape))
        # Inputs of different ranks get axes inserted after the batch axis.
        self._reshape_required = len({len(s) for s in input_shape}) != 1

    def call(self, inputs: Any, mask: Any = None) -> jax.Array:
        if not isinstance(inputs, list | tuple):
            raise ValueError(
                "A merge layer should be called on a list of inputs. "
                f"Received: inputs={inputs} (not a list of tensors)"
            )
        inputs = list(inputs)
        if len({x.ndim for x in inputs}) != 1:
            max_ndim = max(x.ndim for x in inputs)
            inputs = [
                jnp.reshape(x, (x.shape[0], *(1,) * (max_ndim - x.ndim), *x.shape[1:]))
                for x in inputs
            ]
            # Keras reads masks off the reshaped tensors, which carry none.
            mask = None
        masks = list(mask) if isinstance(mask, list | tuple) else None
        return self._merge_function(inputs, masks)

    def compute_output_shape(self, input_shape: Any) -> tuple:
        output_shape = self._broadcast_shape(list(input_shape))
        batch_sizes = {s[0] for s in input_shape if s is not None} - {None}
        batch = next(iter(batch_sizes)) if len(batch_sizes) == 1 else None
        return (batch, *output_shape)

    def compute_mask(self, inputs: Any, mask: Any = None) -> Any:
        if mask is None:
            return None
        _check_mask_list(inputs, mask)
        if any(m is None for m in mask):
            return None
        output_mask = jnp.asarray(mask[0])
        for m in mask[1:]:
            output_mask = jnp.logical_or(output_mask, m)
        return output_mask

    def get_config(self) -> dict:
        return super().get_config()


def _check_mask_list(inputs: Any, mask: Any) -> None:
    if not isinstance(mask, list | tuple):
        raise ValueError(f"`mask` should be a list. Received: mask={mask}")
    if not isinstance(inputs, list | tuple):
        raise ValueError(f"`inputs` should be a list. Received: inputs={inputs}")
    if len(mask) != len(inputs):
        raise ValueError(
            "The lists `inputs` and `mask` should have the same length. "
            f"Received: inputs={inputs} of length {len(inputs)}, and "
            f"mask={mask} of length {len(mask)}"
        )


def expand_mask(mask: Any, x: jax.Array) -> jax.Array | None:
    """A `(batch, ...)` mask broadcast over the last axis of `x`."""
    if mask is None:
        return None
    return jnp.broadcast_to(jnp.expand_dims(jnp.asarray(mask, bool), -1), x.shape)
