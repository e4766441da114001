"""`Operation`: a `keras.ops` call (or tensor operator) recorded in a graph."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jax

from kerasish.core import naming
from kerasish.core.keras_tensor import KerasTensor
from kerasish.layers.layer import Layer


def _is_tensor(x: Any) -> bool:
    return isinstance(x, KerasTensor)


class Operation(Layer):
    """One op applied to symbolic tensors (`x + y`, `x[:, 0]`, `ops.mean(x)`).

    Like Keras' own operations it holds no weights and is not listed in
    `model.layers`; functional models replay it with the other calls.
    Arguments that are not tensors (axes, shapes, constants) are kept as given.
    """

    _is_operation = True

    def __init__(self, fn: Callable, args: tuple, kwargs: dict) -> None:
        super().__init__(name=naming.auto_name(getattr(fn, "__name__", "operation")))
        leaves, self._treedef = jax.tree_util.tree_flatten(
            (args, kwargs), is_leaf=_is_tensor
        )
        self._slots = [i for i, leaf in enumerate(leaves) if _is_tensor(leaf)]
        self._static = [None if _is_tensor(leaf) else leaf for leaf in leaves]
        self.tensors = [leaves[i] for i in self._slots]
        self.fn = fn
        self.built = True

    def call(self, tensors: list) -> Any:
        leaves = list(self._static)
        for slot, value in zip(self._slots, tensors, strict=True):
            leaves[slot] = value
        args, kwargs = jax.tree_util.tree_unflatten(self._treedef, leaves)
        return self.fn(*args, **kwargs)


def symbolic_op(fn: Callable, args: tuple, kwargs: dict) -> Any:
    """Records `fn(*args, **kwargs)` on symbolic tensors; returns its outputs."""
    op = Operation(fn, args, kwargs)
    return op(op.tensors)


def has_symbolic(args: tuple, kwargs: dict) -> bool:
    """Whether any argument (at any depth) is a `KerasTensor`."""
    return any(
        _is_tensor(leaf)
        for leaf in jax.tree_util.tree_leaves((args, kwargs), is_leaf=_is_tensor)
    )
