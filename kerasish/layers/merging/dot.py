"""`Dot` and `keras.layers.dot`: batchwise dot product of two inputs."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.backend import config
from kerasish.layers.merging.base_merge import Merge


def _l2_normalize(x: jax.Array, axis: int) -> jax.Array:
    """`keras.ops.normalize(x, axis)`: `x * min(rsqrt(sum(x**2)), 1 / epsilon)`."""
    inv_norm = jax.lax.rsqrt(jnp.sum(jnp.square(x), axis=axis, keepdims=True))
    return x * jnp.minimum(inv_norm, jnp.asarray(1.0 / config.epsilon(), x.dtype))


def batch_dot(x: jax.Array, y: jax.Array, axes: list[int]) -> jax.Array:
    """Dot product of `x` and `y` over `axes`, batched over axis 0.

    The result has `x`'s remaining axes, then `y`'s (less the batch axis);
    a rank-1 result becomes `(batch, 1)`.
    """
    a0, a1 = axes
    if x.shape[0] != y.shape[0]:
        raise ValueError(
            "Cannot do batch_dot on inputs with different batch sizes. "
            f"Received inputs with shapes {x.shape} and {y.shape}."
        )
    if 0 in (a0, a1):
        raise ValueError(
            "Cannot perform batch_dot over axis 0. If your inputs are not "
            "batched, add a dummy batch dimension to your inputs using "
            "keras.ops.expand_dims(x, 0)"
        )
    if x.shape[a0] != y.shape[a1]:
        raise ValueError(
            f"Cannot do batch_dot on inputs with shapes {x.shape} and "
            f"{y.shape} with axes={list(axes)}. x.shape[{a0}] != "
            f"y.shape[{a1}] ({x.shape[a0]} != {y.shape[a1]})."
        )
    # Integer einsum labels: 0 batch, 1 the contracted axis, then x's and y's
    # remaining axes in order (Keras' transpose + matmul + reshape, in one op).
    x_labels = [0] + [1 if i == a0 else 100 + i for i in range(1, x.ndim)]
    y_labels = [0] + [1 if i == a1 else 200 + i for i in range(1, y.ndim)]
    out_labels = [0, *(i for i in x_labels[1:] if i != 1)]
    out_labels += [i for i in y_labels[1:] if i != 1]
    out = jnp.einsum(x, x_labels, y, y_labels, out_labels)
    if out.ndim == 1:
        out = jnp.expand_dims(out, -1)
    return out


class Dot(Merge):
    """Computes element-wise dot product of two tensors.

    It takes a list of inputs of size 2, and the axes corresponding to each
    input along with the dot product is to be performed. With `x` and `y` of
    shapes `(2, 3, 5)` and `(2, 10, 3)` and `axes=(1, 2)`, the result has
    shape `(2, 5, 10)`.

    Args:
        axes: Integer or tuple of integers, axis or axes along which to
            take the dot product. If a tuple, should be two integers
            corresponding to the desired axis from the first input and the
            desired axis from the second input, respectively. The batch axis
            `0` cannot be included.
        normalize: Whether to L2-normalize samples along the dot product axis
            before taking the dot product (the output is then the cosine
            proximity between the two samples).
        **kwargs: Standard layer keyword arguments.

    Returns:
        A tensor, the dot product of the samples from the inputs.
    """

    def __init__(self, axes: Any, normalize: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not isinstance(axes, int):
            if not isinstance(axes, list | tuple):
                raise TypeError(
                    "Invalid type for argument `axes`: it should be "
                    f"a list or an int. Received: axes={axes}"
                )
            if len(axes) != 2:
                raise ValueError(
                    "Invalid format for argument `axes`: it should contain "
                    f"two elements. Received: axes={axes}"
                )
            if not isinstance(axes[0], int) or not isinstance(axes[1], int):
                raise ValueError(
                    "Invalid format for argument `axes`: list elements should "
                    f"be integers. Received: axes={axes}"
                )
        self.axes = axes
        self.normalize = normalize

    def _resolve_axes(self, shape1: tuple, shape2: tuple) -> list[int]:
        if isinstance(self.axes, int):
            if self.axes < 0:
                return [self.axes % len(shape1), self.axes % len(shape2)]
            return [self.axes] * 2
        return [
            a % len(s) if a < 0 else a
            for a, s in zip(self.axes, (shape1, shape2), strict=True)
        ]

    def build(self, input_shape: Any) -> None:
        if (
            not isinstance(input_shape, list | tuple)
            or not isinstance(input_shape[0], list | tuple)
            or len(input_shape) != 2
        ):
            raise ValueError(
                "A `Dot` layer should be called on a list of 2 inputs. "
                f"Received: input_shape={input_shape}"
            )
        shape1, shape2 = input_shape
        if shape1 is None or shape2 is None:
            return
        # Keras checks negative tuple axes as given (Python indexing).
        axes = self._resolve_axes(shape1, shape2)
        if isinstance(self.axes, list | tuple):
            axes = list(self.axes)
        if shape1[axes[0]] != shape2[axes[1]]:
            raise ValueError(
                "Incompatible input shapes: "
                f"axis values {shape1[axes[0]]} (at axis {axes[0]}) != "
                f"{shape2[axes[1]]} (at axis {axes[1]}). "
                f"Full input shapes: {tuple(shape1)}, {tuple(shape2)}"
            )

    def _merge_function(self, inputs: list, masks: list | None) -> jax.Array:
        del masks
        if len(inputs) != 2:
            raise ValueError(
                "A `Dot` layer should be called on exactly 2 inputs. "
                f"Received: inputs={inputs}"
            )
        x1, x2 = inputs
        if x1.ndim < 2 or x2.ndim < 2:
            raise ValueError(
                "Cannot do batch_dot on inputs with rank < 2. Received inputs "
                f"with shapes {x1.shape} and {x2.shape}."
            )
        axes = self._resolve_axes(x1.shape, x2.shape)
        if self.normalize:
            x1 = _l2_normalize(x1, axes[0])
            x2 = _l2_normalize(x2, axes[1])
        return batch_dot(x1, x2, axes)

    def call(self, inputs: Any, mask: Any = None) -> jax.Array:
        del mask
        if not isinstance(inputs, list | tuple):
            raise ValueError(
                "A merge layer should be called on a list of inputs. "
                f"Received: inputs={inputs} (not a list of tensors)"
            )
        return self._merge_function(list(inputs), None)

    def compute_output_shape(self, input_shape: Any) -> tuple:
        if not isinstance(input_shape, list | tuple) or len(input_shape) != 2:
            raise ValueError(
                "A `Dot` layer should be called on a list of 2 inputs. "
                f"Received: input_shape={input_shape}"
            )
        shape1, shape2 = list(input_shape[0]), list(input_shape[1])
        axes = self._resolve_axes(shape1, shape2)
        shape1.pop(axes[0])
        shape2.pop(axes[1])
        shape2.pop(0)
        output_shape = shape1 + shape2
        if len(output_shape) == 1:
            output_shape += [1]
        return tuple(output_shape)

    def compute_mask(self, inputs: Any, mask: Any = None) -> None:
        del inputs, mask
        return None

    def get_config(self) -> dict:
        return {**super().get_config(), "axes": self.axes, "normalize": self.normalize}


def dot(inputs: list, axes: Any = -1, **kwargs: Any) -> Any:
    """Functional interface to the `Dot` layer.

    Args:
        inputs: A list of 2 input tensors.
        axes: Integer or tuple of integers, axis or axes along which to take
            the dot product. The batch axis `0` cannot be included.
        **kwargs: Standard layer keyword arguments (and `normalize`).

    Returns:
        A tensor, the dot product of the samples from the inputs.
    """
    return Dot(axes=axes, **kwargs)(inputs)
