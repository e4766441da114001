"""`Concatenate` and `keras.layers.concatenate`: join inputs along one axis."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.layers.merging.base_merge import Merge, _check_mask_list


class Concatenate(Merge):
    """Concatenates a list of inputs.

    It takes as input a list of tensors, all of the same shape except
    for the concatenation axis, and returns a single tensor that is the
    concatenation of all inputs.

    Args:
        axis: Axis along which to concatenate.
        **kwargs: Standard layer keyword arguments.

    Returns:
        A tensor, the concatenation of the inputs alongside axis `axis`.

    Example:

    >>> x = np.arange(20).reshape(2, 2, 5)
    >>> y = np.arange(20, 30).reshape(2, 1, 5)
    >>> keras.layers.Concatenate(axis=1)([x, y]).shape
    (2, 3, 5)
    """

    def __init__(self, axis: int = -1, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.axis = axis

    def build(self, input_shape: Any) -> None:
        if (
            not isinstance(input_shape, list | tuple)
            or len(input_shape) < 1
            or not isinstance(input_shape[0], list | tuple)
        ):
            raise ValueError(
                "A `Concatenate` layer should be called on a list of "
                f"at least 1 input. Received: input_shape={input_shape}"
            )
        if all(shape is None for shape in input_shape):
            return
        reduced = []
        for shape in input_shape:
            shape = list(shape)
            # Keras drops `self.axis` as given (a negative axis counts from
            # the end), only when `len(shape) > self.axis`.
            if len(shape) > self.axis:
                del shape[self.axis]
            reduced.append(tuple(shape))
        if len(set(reduced)) == 1:
            return
        message = (
            "A `Concatenate` layer requires inputs with matching shapes "
            "except for the concatenation axis. "
            f"Received: input_shape={list(input_shape)}"
        )
        if len({len(s) for s in reduced}) != 1:
            raise ValueError(message)
        for dims in zip(*reduced, strict=True):
            if len({d for d in dims if d is not None}) > 1:
                raise ValueError(message)

    def _merge_function(self, inputs: list, masks: list | None) -> jax.Array:
        del masks
        return jnp.concatenate(inputs, axis=self.axis)

    def compute_output_shape(self, input_shape: Any) -> tuple:
        if not isinstance(input_shape, list | tuple) or not isinstance(
            input_shape[0], list | tuple
        ):
            raise ValueError(
                "A `Concatenate` layer should be called on a list of inputs. "
                f"Received: input_shape={input_shape}"
            )
        output_shape = list(input_shape[0])
        for shape in input_shape[1:]:
            if output_shape[self.axis] is None or shape[self.axis] is None:
                output_shape[self.axis] = None
                break
            output_shape[self.axis] += shape[self.axis]
        return tuple(output_shape)

    def compute_mask(self, inputs: Any, mask: Any = None) -> Any:
        if mask is None:
            return None
        _check_mask_list(inputs, mask)
        if all(m is None for m in mask):
            return None
        masks = []
        for x, m in zip(inputs, mask, strict=True):
            if m is None:
                masks.append(jnp.ones(jnp.shape(x), bool))
            elif jnp.ndim(m) < jnp.ndim(x):
                masks.append(
                    jnp.broadcast_to(jnp.expand_dims(jnp.asarray(m, bool), -1), x.shape)
                )
            else:
                masks.append(jnp.asarray(m, bool))
        return jnp.any(jnp.concatenate(masks, axis=self.axis), axis=-1)

    def get_config(self) -> dict:
        return {**super().get_config(), "axis": self.axis}


def concatenate(inputs: list, axis: int = -1, **kwargs: Any) -> Any:
    """Functional interface to the `Concatenate` layer.

    Args:
        inputs: A list of input tensors.
        axis: Concatenation axis.
        **kwargs: Standard layer keyword arguments.

    Returns:
        A tensor, the concatenation of the inputs alongside axis `axis`.
    """
    return Concatenate(axis=axis, **kwargs)(inputs)
