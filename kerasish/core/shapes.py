"""Shape inference: evaluates a function on abstract inputs with unknown dims."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jax
import numpy as np

Shape = tuple[int | None, ...]

# Two distinct stand-ins for unknown (None) dimensions: an output dim that
# differs between the two evaluations depends on an unknown input dim.
_PROBES = (83, 89)


def is_shape(value: Any) -> bool:
    """True for a tuple/list of ints and Nones (a single tensor shape)."""
    return isinstance(value, tuple | list) and all(
        d is None or isinstance(d, int | np.integer) for d in value
    )


def _concrete(shape_tree: Any, probe: int, dtype: Any) -> Any:
    if is_shape(shape_tree):
        dims = tuple(probe if d is None else int(d) for d in shape_tree)
        return jax.ShapeDtypeStruct(dims, dtype)
    if isinstance(shape_tree, dict):
        return {k: _concrete(v, probe, dtype) for k, v in shape_tree.items()}
    return type(shape_tree)(_concrete(s, probe, dtype) for s in shape_tree)


def _merge(a: Any, b: Any) -> Any:
    if isinstance(a, jax.ShapeDtypeStruct):
        return tuple(
            x if x == y else None for x, y in zip(a.shape, b.shape, strict=True)
        )
    if isinstance(a, dict):
        return {k: _merge(a[k], b[k]) for k in a}
    return type(a)(_merge(x, y) for x, y in zip(a, b, strict=True))


def output_shape(fn: Callable, input_shape: Any, dtype: Any = "float32") -> Any:
    """The output shape(s) of `fn` for inputs of `input_shape` (None = unknown)."""
    return jax.tree_util.tree_map(
        lambda spec: spec.shape,
        output_spec(fn, input_shape, dtype),
        is_leaf=lambda x: isinstance(x, Spec),
    )


class Spec:
    """An abstract tensor: a shape that may hold None, and a dtype."""

    def __init__(self, shape: Shape, dtype: Any) -> None:
        self.shape = shape
        self.dtype = dtype


def output_spec(fn: Callable, input_shape: Any, dtype: Any = "float32") -> Any:
    """Like `output_shape`, but with `Spec` leaves carrying the output dtypes."""
    specs = [jax.eval_shape(fn, _concrete(input_shape, p, dtype)) for p in _PROBES]
    return jax.tree_util.tree_map(
        lambda a, b: Spec(_merge(a, b), a.dtype), specs[0], specs[1]
    )
