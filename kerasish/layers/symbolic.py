"""Calling a layer on `KerasTensor`s: shape inference and graph recording."""

from __future__ import annotations

from typing import Any

import jax

from kerasish.core import shapes
from kerasish.core.keras_tensor import KerasTensor


class Node:
    """One call of `layer` on symbolic inputs, producing symbolic outputs."""

    def __init__(self, layer: Any, args: tuple, kwargs: dict, outputs: Any) -> None:
        self.layer = layer
        self.args = args
        self.kwargs = kwargs
        self.outputs = outputs
        self.input_tensors = [
            t
            for t in jax.tree_util.tree_leaves((args, kwargs))
            if isinstance(t, KerasTensor)
        ]


def symbolic_call(layer: Any, args: tuple, kwargs: dict) -> Any:
    """Builds `layer` from the symbolic inputs' shapes and returns symbolic outputs."""
    is_tensor = lambda x: isinstance(x, KerasTensor)  # noqa: E731
    input_shapes = jax.tree_util.tree_map(lambda t: t.shape, args[0], is_leaf=is_tensor)
    first = jax.tree_util.tree_leaves(args[0], is_leaf=is_tensor)[0]
    if not layer.built:
        layer._maybe_build(input_shapes)

    def run(x: Any) -> Any:
        return layer(x, *args[1:], **kwargs)

    from kerasish.layers.layer import symbolic_run

    spec = shapes.output_spec(symbolic_run(run), input_shapes, first.dtype)
    node_index = len(layer.__dict__.setdefault("_inbound_nodes", []))
    leaves, treedef = jax.tree_util.tree_flatten(
        spec, is_leaf=lambda x: isinstance(x, shapes.Spec)
    )
    outputs = jax.tree_util.tree_unflatten(
        treedef,
        [
            KerasTensor(s.shape, s.dtype, keras_history=(layer, node_index, i))
            for i, s in enumerate(leaves)
        ],
    )
    layer._inbound_nodes.append(Node(layer, args, kwargs, outputs))
    return outputs
