"""Elementwise merges: Add, Subtract, Multiply, Average, Maximum, Minimum and
their functional forms (`keras.layers.add`, ...)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jax
import jax.numpy as jnp

from kerasish.layers.merging.base_merge import Merge, expand_mask


class Add(Merge):
    """Performs elementwise addition operation.

    It takes as input a list of tensors, all of the same shape,
    and returns a single tensor (also of the same shape).

    Example:

    >>> x1 = np.random.rand(2, 3, 4)
    >>> x2 = np.random.rand(2, 3, 4)
    >>> y = keras.layers.Add()([x1, x2])
    """

    def _merge_function(self, inputs: list, masks: list | None) -> jax.Array:
        del masks
        output = inputs[0]
        for x in inputs[1:]:
            output = output + x
        return output


class Subtract(Merge):
    """Performs elementwise subtraction: `inputs[0] - inputs[1]`.

    It takes as input a list of exactly 2 tensors of the same shape.

    Example:

    >>> y = keras.layers.Subtract()([x1, x2])
    """

    def build(self, input_shape: Any) -> None:
        super().build(input_shape)
        if len(input_shape) != 2:
            raise ValueError(
                "A `Subtract` layer should be called on exactly 2 inputs. "
                f"Received: input_shape={list(input_shape)}"
            )

    def _merge_function(self, inputs: list, masks: list | None) -> jax.Array:
        del masks
        if len(inputs) != 2:
            raise ValueError(
                "A `Subtract` layer should be called on exactly 2 inputs. "
                f"Received: inputs={inputs}"
            )
        return inputs[0] - inputs[1]


class Multiply(Merge):
    """Performs elementwise multiplication.

    It takes as input a list of tensors, all of the same shape, and returns
    a single tensor (also of the same shape). Masked positions of an input
    count as 1; positions masked in every input are 0 in the output.

    Example:

    >>> y = keras.layers.Multiply()([x1, x2])
    """

    def _merge_function(self, inputs: list, masks: list | None) -> jax.Array:
        masks = masks or [None] * len(inputs)
        all_masked = all(m is not None for m in masks)
        output, output_mask = None, None
        for x, mask in zip(inputs, masks, strict=True):
            mask = expand_mask(mask, x)
            if mask is not None:
                x = jnp.where(mask, x, jnp.ones((), x.dtype))
                if all_masked:
                    output_mask = mask if output_mask is None else output_mask | mask
            output = x if output is None else output * x
        if all_masked:
            output = jnp.where(output_mask, output, jnp.zeros((), output.dtype))
        return output


class Average(Merge):
    """Averages a list of inputs elementwise.

    It takes as input a list of tensors, all of the same shape,
    and returns a single tensor (also of the same shape).

    Example:

    >>> y = keras.layers.Average()([x1, x2])
    """

    def _merge_function(self, inputs: list, masks: list | None) -> jax.Array:
        del masks
        output = inputs[0]
        for x in inputs[1:]:
            output = output + x
        return output / len(inputs)


class Maximum(Merge):
    """Computes elementwise maximum on a list of inputs.

    Masked positions of an input do not take part in the maximum.

    Example:

    >>> y = keras.layers.Maximum()([x1, x2])
    """

    def _merge_function(self, inputs: list, masks: list | None) -> jax.Array:
        return _merge_with_masks(jnp.maximum, inputs, masks)


class Minimum(Merge):
    """Computes elementwise minimum on a list of inputs.

    Masked positions of an input do not take part in the minimum.

    Example:

    >>> y = keras.layers.Minimum()([x1, x2])
    """

    def _merge_function(self, inputs: list, masks: list | None) -> jax.Array:
        return _merge_with_masks(jnp.minimum, inputs, masks)


def _merge_with_masks(op: Callable, inputs: list, masks: list | None) -> jax.Array:
    """Folds `op` over the inputs, skipping masked positions (no identity element):
    a masked value is replaced by the running output and vice versa."""
    masks = masks or [None] * len(inputs)
    output, output_mask = None, None
    for x, mask in zip(inputs, masks, strict=True):
        mask = expand_mask(mask, x)
        if output is None:
            output, output_mask = x, mask
            continue
        if mask is not None:
            x = jnp.where(mask, x, output)
        if output_mask is not None:
            output = jnp.where(output_mask, output, x)
        if mask is not None and output_mask is not None:
            output_mask = output_mask | mask
        else:
            output_mask = None
        output = op(output, x)
    return output


def _functional(cls: type, inputs: Any, kwargs: dict) -> Any:
    return cls(**kwargs)(inputs)


def add(inputs: list, **kwargs: Any) -> Any:
    """Functional interface to the `keras.layers.Add` layer.

    Args:
        inputs: A list of input tensors with the same shape.
        **kwargs: Standard layer keyword arguments.

    Returns:
        A tensor as the sum of the inputs. It has the same shape as the inputs.
    """
    return _functional(Add, inputs, kwargs)


def subtract(inputs: list, **kwargs: Any) -> Any:
    """Functional interface to the `keras.layers.Subtract` layer.

    Args:
        inputs: A list of exactly 2 input tensors of the same shape.
        **kwargs: Standard layer keyword arguments.

    Returns:
        A tensor, the difference of the inputs.
    """
    return _functional(Subtract, inputs, kwargs)


def multiply(inputs: list, **kwargs: Any) -> Any:
    """Functional interface to the `keras.layers.Multiply` layer.

    Args:
        inputs: A list of input tensors with the same shape.
        **kwargs: Standard layer keyword arguments.

    Returns:
        A tensor, the elementwise product of the inputs.
    """
    return _functional(Multiply, inputs, kwargs)


def average(inputs: list, **kwargs: Any) -> Any:
    """Functional interface to the `keras.layers.Average` layer.

    Args:
        inputs: A list of input tensors with the same shape.
        **kwargs: Standard layer keyword arguments.

    Returns:
        A tensor, the elementwise average of the inputs.
    """
    return _functional(Average, inputs, kwargs)


def maximum(inputs: list, **kwargs: Any) -> Any:
    """Functional interface to the `keras.layers.Maximum` layer.

    Args:
        inputs: A list of input tensors with the same shape.
        **kwargs: Standard layer keyword arguments.

    Returns:
        A tensor, the elementwise maximum of the inputs.
    """
    return _functional(Maximum, inputs, kwargs)


def minimum(inputs: list, **kwargs: Any) -> Any:
    """Functional interface to the `keras.layers.Minimum` layer.

    Args:
        inputs: A list of input tensors with the same shape.
        **kwargs: Standard layer keyword arguments.

    Returns:
        A tensor, the elementwise minimum of the inputs.
    """
    return _functional(Minimum, inputs, kwargs)
