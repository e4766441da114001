"""Shape, joining, indexing and padding ops of `keras.ops.numpy`."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from kerasish.ops._dispatch import (
    axis_arg,
    keras_op,
    promote,
    shape_arg,
    to_tensor,
)


@keras_op
def reshape(x: Any, newshape: Any) -> jax.Array:
    """Gives `x` a new shape (one dimension may be -1)."""
    if not isinstance(newshape, int):
        newshape = tuple(-1 if d is None else int(d) for d in newshape)
    return jnp.reshape(to_tensor(x), newshape)


@keras_op
def transpose(x: Any, axes: Any = None) -> jax.Array:
    """Permutes the axes (reverses them when `axes=None`)."""
    return jnp.transpose(to_tensor(x), axis_arg(axes))


@keras_op
def expand_dims(x: Any, axis: Any) -> jax.Array:
    """Inserts size-1 axes at `axis` (an int or a tuple)."""
    return jnp.expand_dims(to_tensor(x), axis_arg(axis))


@keras_op
def squeeze(x: Any, axis: Any = None) -> jax.Array:
    """Removes size-1 axes (all of them, or those in `axis`)."""
    return jnp.squeeze(to_tensor(x), axis_arg(axis))


@keras_op
def ravel(x: Any) -> jax.Array:
    """Flattens `x` to 1D."""
    return jnp.ravel(to_tensor(x))


@keras_op
def broadcast_to(x: Any, shape: Any) -> jax.Array:
    """Broadcasts `x` to `shape`."""
    return jnp.broadcast_to(to_tensor(x), shape_arg(shape))


@keras_op
def swapaxes(x: Any, axis1: int, axis2: int) -> jax.Array:
    """Interchanges two axes."""
    return jnp.swapaxes(to_tensor(x), axis1, axis2)


@keras_op
def moveaxis(x: Any, source: Any, destination: Any) -> jax.Array:
    """Moves axes to new positions."""
    return jnp.moveaxis(to_tensor(x), axis_arg(source), axis_arg(destination))


@keras_op
def concatenate(xs: Any, axis: int | None = 0) -> jax.Array:
    """Joins tensors along an existing axis (dtypes promoted as in Keras)."""
    return jnp.concatenate(promote(*xs), axis=axis)


@keras_op
def append(x1: Any, x2: Any, axis: int | None = None) -> jax.Array:
    """Appends `x2` to the end of `x1` (flattened when `axis=None`)."""
    return jnp.append(*promote(x1, x2), axis=axis)


@keras_op
def stack(x: Any, axis: int = 0) -> jax.Array:
    """Joins tensors along a new axis."""
    return jnp.stack(promote(*x), axis=axis)


@keras_op
def hstack(xs: Any) -> jax.Array:
    """Stacks tensors column-wise."""
    return jnp.hstack(promote(*xs))


@keras_op
def vstack(xs: Any) -> jax.Array:
    """Stacks tensors row-wise."""
    return jnp.vstack(promote(*xs))


@keras_op
def dstack(xs: Any) -> jax.Array:
    """Stacks tensors along the third axis."""
    return jnp.dstack(promote(*xs))


@keras_op
def split(x: Any, indices_or_sections: Any, axis: int = 0) -> list[jax.Array]:
    """Splits into equal sections or at the given indices (returns a list)."""
    return list(jnp.split(to_tensor(x), indices_or_sections, axis=axis))


@keras_op
def array_split(x: Any, indices_or_sections: Any, axis: int = 0) -> list[jax.Array]:
    """Splits into possibly unequal sections (returns a list)."""
    return list(jnp.array_split(to_tensor(x), indices_or_sections, axis=axis))


@keras_op
def hsplit(x: Any, indices_or_sections: Any) -> list[jax.Array]:
    """Splits horizontally (column-wise)."""
    return list(jnp.hsplit(to_tensor(x), indices_or_sections))


@keras_op
def vsplit(x: Any, indices_or_sections: Any) -> list[jax.Array]:
    """Splits vertically (row-wise)."""
    return list(jnp.vsplit(to_tensor(x), indices_or_sections))


@keras_op
def dsplit(x: Any, indices_or_sections: Any) -> list[jax.Array]:
    """Splits along the third axis."""
    return list(jnp.dsplit(to_tensor(x), indices_or_sections))


@keras_op
def tile(x: Any, repeats: Any) -> jax.Array:
    """Repeats the whole tensor `repeats` times along each axis."""
    return jnp.tile(to_tensor(x), repeats)


@keras_op
def repeat(x: Any, repeats: Any, axis: int | None = None) -> jax.Array:
    """Repeats each element `repeats` times."""
    return jnp.repeat(to_tensor(x), repeats, axis=axis)


@keras_op
def flip(x: Any, axis: Any = None) -> jax.Array:
    """Reverses the order of elements along the axes."""
    return jnp.flip(to_tensor(x), axis=axis_arg(axis))


@keras_op
def fliplr(x: Any) -> jax.Array:
    """Reverses the second axis."""
    return jnp.fliplr(to_tensor(x))


@keras_op
def flipud(x: Any) -> jax.Array:
    """Reverses the first axis."""
    return jnp.flipud(to_tensor(x))


@keras_op
def rot90(array: Any, k: int = 1, axes: tuple[int, int] = (0, 1)) -> jax.Array:
    """Rotates by 90 degrees `k` times in the plane of `axes`."""
    return jnp.rot90(to_tensor(array), k=k, axes=tuple(axes))


@keras_op
def roll(x: Any, shift: Any, axis: Any = None) -> jax.Array:
    """Rolls elements along the axes (flattened when `axis=None`)."""
    return jnp.roll(to_tensor(x), shift, axis=axis_arg(axis))


@keras_op
def take(x: Any, indices: Any, axis: int | None = None) -> jax.Array:
    """Takes elements at `indices` along an axis (negative indices wrap)."""
    x, indices = to_tensor(x), to_tensor(indices)
    if axis is None:
        x, axis = jnp.ravel(x), 0
    # Keras (JAX backend) wraps negative indices like NumPy does.
    indices = jnp.where(indices < 0, indices + x.shape[axis], indices)
    return jnp.take(x, indices, axis=axis)


@keras_op
def take_along_axis(x: Any, indices: Any, axis: int | None = None) -> jax.Array:
    """Takes values at `indices` along an axis (like `np.take_along_axis`)."""
    return jnp.take_along_axis(to_tensor(x), to_tensor(indices), axis=axis)


@keras_op
def get_item(x: Any, key: Any) -> jax.Array:
    """Returns `x[key]`."""
    return to_tensor(x)[key]


@keras_op
def pad(
    x: Any, pad_width: Any, mode: str = "constant", constant_values: Any = None
) -> jax.Array:
    """Pads a tensor.

    Args:
        x: Tensor to pad.
        pad_width: `((before, after), ...)` per axis, or a single int/pair.
        mode: `"constant"`, `"edge"`, `"linear_ramp"`, `"maximum"`, `"mean"`,
            `"median"`, `"minimum"`, `"reflect"`, `"symmetric"`, `"wrap"`,
            `"empty"` or `"circular"`.
        constant_values: Fill value for `mode="constant"` (default 0).

    Returns:
        The padded tensor.
    """
    x = to_tensor(x)
    pad_width = (
        np.asarray(pad_width).tolist() if not isinstance(pad_width, int) else pad_width
    )
    if mode == "circular":
        mode = "wrap"
    if constant_values is not None:
        if mode != "constant":
            raise ValueError(
                "Argument `constant_values` can only be provided when `mode == "
                f"'constant'`. Received: mode={mode}"
            )
        return jnp.pad(x, pad_width, mode=mode, constant_values=constant_values)
    return jnp.pad(x, pad_width, mode=mode)


@keras_op
def diag(x: Any, k: int = 0) -> jax.Array:
    """Extracts a diagonal (2D input) or builds a diagonal matrix (1D input)."""
    return jnp.diag(to_tensor(x), k=k)


@keras_op
def diagflat(x: Any, k: int = 0) -> jax.Array:
    """A 2D tensor with the flattened `x` on its `k`-th diagonal."""
    return jnp.diagflat(to_tensor(x), k=k)


@keras_op
def diagonal(x: Any, offset: int = 0, axis1: int = 0, axis2: int = 1) -> jax.Array:
    """Returns the specified diagonals."""
    return jnp.diagonal(to_tensor(x), offset=offset, axis1=axis1, axis2=axis2)


@keras_op
def triu(x: Any, k: int = 0) -> jax.Array:
    """Zeros the elements below the `k`-th diagonal."""
    return jnp.triu(to_tensor(x), k=k)


@keras_op
def tril(x: Any, k: int = 0) -> jax.Array:
    """Zeros the elements above the `k`-th diagonal."""
    return jnp.tril(to_tensor(x), k=k)


@keras_op
def diff(a: Any, n: int = 1, axis: int = -1) -> jax.Array:
    """The `n`-th discrete difference along an axis."""
    return jnp.diff(to_tensor(a), n=n, axis=axis)


@keras_op
def nonzero(x: Any) -> tuple[jax.Array, ...]:
    """Indices of the non-zero elements, one tensor per axis."""
    return jnp.nonzero(to_tensor(x))


@keras_op
def size(x: Any) -> int:
    """Number of elements of `x`."""
    return int(np.prod(jnp.shape(to_tensor(x))))


@keras_op
def ndim(x: Any) -> int:
    """Number of dimensions of `x`."""
    return jnp.ndim(to_tensor(x))


@keras_op
def unravel_index(indices: Any, shape: Any) -> tuple[jax.Array, ...]:
    """Converts flat indices into a tuple of coordinate arrays."""
    return jnp.unravel_index(to_tensor(indices), shape_arg(shape))


@keras_op
def searchsorted(sorted_sequence: Any, values: Any, side: str = "left") -> jax.Array:
    """Insertion indices (int32) that keep `sorted_sequence` sorted."""
    seq, values = promote(sorted_sequence, values)
    return jnp.searchsorted(seq, values, side=side).astype("int32")


@keras_op
def digitize(x: Any, bins: Any) -> jax.Array:
    """Indices (int32) of the bins each value falls into."""
    x, bins = promote(x, bins)
    return jnp.digitize(x, bins).astype("int32")


@keras_op
def isin(
    x1: Any, x2: Any, assume_unique: bool = False, invert: bool = False
) -> jax.Array:
    """True where an element of `x1` is in `x2`."""
    x1, x2 = promote(x1, x2)
    return jnp.isin(x1, x2, assume_unique=assume_unique, invert=invert)


@keras_op
def isclose(
    x1: Any, x2: Any, rtol: float = 1e-5, atol: float = 1e-8, equal_nan: bool = False
) -> jax.Array:
    """Element-wise closeness test."""
    x1, x2 = promote(x1, x2)
    return jnp.isclose(x1, x2, rtol=rtol, atol=atol, equal_nan=equal_nan)


@keras_op
def allclose(
    x1: Any, x2: Any, rtol: float = 1e-5, atol: float = 1e-8, equal_nan: bool = False
) -> jax.Array:
    """True when all elements are close."""
    x1, x2 = promote(x1, x2)
    return jnp.allclose(x1, x2, rtol=rtol, atol=atol, equal_nan=equal_nan)


@keras_op
def select(condlist: Any, choicelist: Any, default: Any = 0) -> jax.Array:
    """Picks from `choicelist` by the first true condition in `condlist`."""
    *choices, default = promote(*choicelist, default)
    conds = [to_tensor(c).astype(bool) for c in condlist]
    return jnp.select(conds, choices, default)


@keras_op
def bincount(
    x: Any, weights: Any = None, minlength: int = 0, sparse: bool = False
) -> jax.Array:
    """Counts occurrences of each non-negative int (along the last axis)."""
    if sparse:
        raise ValueError("Argument `sparse=True` is not supported with kerasish.")
    x = to_tensor(x)
    length = max(minlength, int(jnp.max(x)) + 1)
    if x.ndim == 1:
        return jnp.bincount(x, weights=weights, minlength=minlength, length=length)
    weights = [None] * x.shape[0] if weights is None else to_tensor(weights)
    return jnp.stack(
        [
            jnp.bincount(row, weights=w, length=length)
            for row, w in zip(x, weights, strict=True)
        ]
    )
