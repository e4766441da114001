"""Calling a layer on `KerasTensor`s: shape inference and graph recording."""

from __future__ import annotations

from typing import Any

import jax

from kerasish.core import masking, shapes
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
    """Builds `layer` from the symbolic inputs' shapes and returns symbolic outputs.

    Masks travel with the tensors: an input's `_keras_mask` (a `KerasTensor`)
    is attached while the layer runs abstractly, and the mask the layer
    computes becomes the outputs' `_keras_mask`.
    """
    from kerasish.layers.layer import symbolic_run

    inputs = args[0]
    if not layer.built:
        layer._maybe_build(
            jax.tree_util.tree_map(lambda t: t.shape, inputs, is_leaf=shapes.is_spec)
        )
    input_masks = jax.tree_util.tree_map(
        lambda t: getattr(t, "_keras_mask", None), inputs, is_leaf=shapes.is_spec
    )

    def run(inputs_and_masks: tuple) -> Any:
        x, masks = inputs_and_masks
        for leaf, mask in zip(_leaves(x), _leaves(masks, keep_none=True), strict=False):
            masking.set_keras_mask(leaf, mask)
        outputs = layer(x, *args[1:], **kwargs)
        return outputs, [masking.get_keras_mask(o) for o in _leaves(outputs)]

    spec, mask_specs = shapes.output_spec(symbolic_run(run), (inputs, input_masks))
    node_index = len(layer.__dict__.setdefault("_inbound_nodes", []))
    leaves, treedef = jax.tree_util.tree_flatten(
        spec, is_leaf=lambda x: isinstance(x, shapes.Spec)
    )
    tensors = []
    for i, (s, mask) in enumerate(zip(leaves, mask_specs, strict=True)):
        tensor = KerasTensor(s.shape, s.dtype, keras_history=(layer, node_index, i))
        if mask is not None:
            tensor._keras_mask = KerasTensor(mask.shape, mask.dtype)
        tensors.append(tensor)
    outputs = jax.tree_util.tree_unflatten(treedef, tensors)
    layer._inbound_nodes.append(Node(layer, args, kwargs, outputs))
    return outputs


def _leaves(tree: Any, keep_none: bool = False) -> list:
    if keep_none:
        return jax.tree_util.tree_leaves(tree, is_leaf=lambda x: x is None)
    return jax.tree_util.tree_leaves(tree)
