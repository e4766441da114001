"""Tensor products of `keras.ops.numpy`: matmul, dot, tensordot, einsum, ..."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.ops._dispatch import keras_op, promote, to_tensor


@keras_op
def matmul(x1: Any, x2: Any) -> jax.Array:
    """Matrix product of two tensors (batched over leading axes).

    Args:
        x1: First tensor.
        x2: Second tensor.

    Returns:
        The matrix product, in the promoted dtype of the inputs.
    """
    return jnp.matmul(*promote(x1, x2))


@keras_op
def dot(x1: Any, x2: Any) -> jax.Array:
    """Dot product (`np.dot` semantics)."""
    return jnp.dot(*promote(x1, x2))


@keras_op
def tensordot(x1: Any, x2: Any, axes: Any = 2) -> jax.Array:
    """Tensor contraction over `axes` (an int or a pair of axis lists)."""
    if isinstance(axes, list | tuple) and not isinstance(axes, int):
        axes = tuple(tuple(a) if isinstance(a, list | tuple) else a for a in axes)
    return jnp.tensordot(*promote(x1, x2), axes=axes)


@keras_op
def einsum(subscripts: str, *operands: Any, **kwargs: Any) -> jax.Array:
    """Einstein summation over `operands`.

    Args:
        subscripts: The summation spec, e.g. `"ij,jk->ik"`.
        *operands: Input tensors (dtypes promoted as in Keras).
        **kwargs: Passed to `jnp.einsum` (e.g. `precision`).

    Returns:
        The contracted tensor.
    """
    return jnp.einsum(subscripts, *promote(*operands), **kwargs)


@keras_op
def outer(x1: Any, x2: Any) -> jax.Array:
    """Outer product of two flattened tensors."""
    return jnp.outer(*promote(x1, x2))


@keras_op
def inner(x1: Any, x2: Any) -> jax.Array:
    """Inner product over the last axes."""
    return jnp.inner(*promote(x1, x2))


@keras_op
def vdot(x1: Any, x2: Any) -> jax.Array:
    """Dot product of two flattened tensors."""
    return jnp.vdot(*promote(x1, x2))


@keras_op
def kron(x1: Any, x2: Any) -> jax.Array:
    """Kronecker product."""
    return jnp.kron(*promote(x1, x2))


@keras_op
def cross(
    x1: Any,
    x2: Any,
    axisa: int = -1,
    axisb: int = -1,
    axisc: int = -1,
    axis: int | None = None,
) -> jax.Array:
    """Cross product of 3-vectors (or 2-vectors)."""
    return jnp.cross(*promote(x1, x2), axisa=axisa, axisb=axisb, axisc=axisc, axis=axis)


@keras_op
def trace(x: Any, offset: int = 0, axis1: int = 0, axis2: int = 1) -> jax.Array:
    """Sum along a diagonal."""
    x = to_tensor(x)
    if x.dtype == jnp.bool_:
        x = x.astype("int32")
    return jnp.trace(x, offset=offset, axis1=axis1, axis2=axis2)


@keras_op
def correlate(x1: Any, x2: Any, mode: str = "valid") -> jax.Array:
    """Cross-correlation of two 1D tensors."""
    return jnp.correlate(*promote(x1, x2), mode=mode)
