"""`to_categorical` and `normalize`, as in `keras.utils`."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from kerasish.backend import config


def normalize(x: Any, axis: int | None = -1, order: int = 2) -> Any:
    """Normalizes an array.

    If the input is a NumPy array, a NumPy array will be returned.
    If it's a JAX array, a JAX array will be returned.

    Args:
        x: Array to normalize.
        axis: axis along which to normalize.
        order: Normalization order (e.g. `order=2` for L2 norm).

    Returns:
        A normalized copy of the array.

    Example:

    >>> keras.utils.normalize(np.array([[3.0, 4.0]]))
    array([[0.6, 0.8]])
    """
    if isinstance(x, np.ndarray):
        norm = np.atleast_1d(np.linalg.norm(x, order, axis))
        norm[norm == 0] = 1
        # Keras quirk: `axis=None` (or 0) expands the norm back on the last axis.
        axis = axis or -1
        return x / np.expand_dims(norm, axis)
    return _normalize_array(x, axis=axis, order=order)


def _normalize_array(x: Any, axis: int | None, order: int) -> jax.Array:
    """Keras' `ops.nn.normalize`: `x / max(norm, epsilon)` on a backend array."""
    if not isinstance(order, int) or not order >= 1:
        raise ValueError(
            f"Argument `order` must be an int >= 1. Received: order={order}"
        )
    x = jnp.asarray(x)
    if not jnp.issubdtype(x.dtype, jnp.floating):
        x = x.astype(config.floatx())
    if x.ndim == 0:
        x = jnp.expand_dims(x, axis=0)
    epsilon = config.epsilon()
    if order == 2:
        # Keras computes the L2 case as `x * rsqrt(sum(x**2))`.
        square_sum = jnp.sum(jnp.square(x), axis=axis, keepdims=True)
        inv_norm = jnp.minimum(jax.lax.rsqrt(square_sum), 1.0 / epsilon)
        return x * inv_norm
    norm = jnp.linalg.norm(x, ord=order, axis=axis, keepdims=True)
    return x / jnp.maximum(norm, epsilon)


def to_categorical(x: Any, num_classes: int | None = None) -> Any:
    """Converts a class vector (integers) to binary class matrix.

    E.g. for use with `categorical_crossentropy`.

    Args:
        x: Array-like with class values to be converted into a matrix
            (integers from 0 to `num_classes - 1`).
        num_classes: Total number of classes. If `None`, this would be inferred
            as `max(x) + 1`. Defaults to `None`.

    Returns:
        A binary matrix representation of the input as a NumPy array (float64
        for NumPy or list input, as in Keras; a float32 JAX array for JAX
        input). The class axis is placed last.

    Example:

    >>> a = keras.utils.to_categorical([0, 1, 2, 3], num_classes=4)
    >>> print(a)
    [[1. 0. 0. 0.]
     [0. 1. 0. 0.]
     [0. 0. 1. 0.]
     [0. 0. 0. 1.]]
    """
    if isinstance(x, jax.Array):
        if x.ndim > 1 and x.shape[-1] == 1:
            x = jnp.reshape(x, x.shape[:-1])
        if num_classes is None:
            # Keras' JAX backend fails here; inferring as for NumPy is friendlier.
            num_classes = int(jnp.max(x)) + 1
        return jax.nn.one_hot(x, num_classes)
    x = np.array(x, dtype="int64")
    input_shape = x.shape
    # Keras squeezes a trailing axis of size 1: `(n, 1)` labels give `(n, classes)`.
    if input_shape and input_shape[-1] == 1 and len(input_shape) > 1:
        input_shape = tuple(input_shape[:-1])
    x = x.reshape(-1)
    if not num_classes:
        num_classes = np.max(x) + 1
    batch_size = x.shape[0]
    categorical = np.zeros((batch_size, num_classes))
    categorical[np.arange(batch_size), x] = 1
    return np.reshape(categorical, input_shape + (num_classes,))
