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


class Spec:
    """An abstract tensor: a shape that may hold None, and a dtype."""

    def __init__(self, shape: Shape, dtype: Any) -> None:
        self.shape = tuple(shape)
        self.dtype = dtype


def is_shape(value: Any) -> bool:
    """True for a tuple/list of ints and Nones (a single tensor shape)."""
    return isinstance(value, tuple | list) and all(
        d is None or isinstance(d, int | np.integer) for d in value
    )


def is_spec(value: Any) -> bool:
    """True for a leaf with a shape and a dtype that is not a concrete array
    (`Spec`, `KerasTensor`)."""
    return isinstance(value, Spec) or (
        hasattr(value, "_keras_history") and hasattr(value, "dtype")
    )


def specs_from_shapes(shape_tree: Any, dtype: Any) -> Any:
    """A tree of `Spec`s (one dtype) from a tree of shape tuples."""
    if is_shape(shape_tree):
        return Spec(tuple(shape_tree), dtype)
    if isinstance(shape_tree, dict):
        return {k: specs_from_shapes(v, dtype) for k, v in shape_tree.items()}
    return type(shape_tree)(specs_from_shapes(s, dtype) for s in shape_tree)


def _concrete(specs: Any, probe: int) -> Any:
    return jax.tree_util.tree_map(
        lambda s: jax.ShapeDtypeStruct(
            tuple(probe if d is None else int(d) for d in s.shape), s.dtype
        ),
        specs,
        is_leaf=is_spec,
    )


def _merge(a: jax.ShapeDtypeStruct, b: jax.ShapeDtypeStruct) -> Spec:
    shape = tuple(x if x == y else None for x, y in zip(a.shape, b.shape, strict=True))
    return Spec(shape, a.dtype)


def output_spec(fn: Callable, specs: Any) -> Any:
    """The outputs of `fn` as a tree of `Spec`s, for a tree of input specs."""
    first, second = (jax.eval_shape(fn, _concrete(specs, p)) for p in _PROBES)
    return jax.tree_util.tree_map(_merge, first, second)


def output_shape(fn: Callable, input_shape: Any, dtype: Any = "float32") -> Any:
    """The output shape(s) of `fn` for inputs of `input_shape` (None = unknown)."""
    spec = output_spec(fn, specs_from_shapes(input_shape, dtype))
    return jax.tree_util.tree_map(
        lambda s: s.shape, spec, is_leaf=lambda x: isinstance(x, Spec)
    )
