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

    Every `KerasTensor` among the arguments (positional or keyword, at any
    depth) is evaluated abstractly. Masks travel with the tensors: an input's
    `_keras_mask` (a `KerasTensor`) is attached while the layer runs, and the
    mask the layer computes becomes the outputs' `_keras_mask`.
    """
    from kerasish.layers.layer_utils import symbolic_run

    if not layer.built:
        layer._maybe_build(
            jax.tree_util.tree_map(lambda t: t.shape, args[0], is_leaf=shapes.is_spec)
        )
    leaves, structure = jax.tree_util.tree_flatten((args, kwargs), is_leaf=_is_tensor)
    slots = [i for i, leaf in enumerate(leaves) if _is_tensor(leaf)]
    tensors = [leaves[i] for i in slots]
    masks = [getattr(t, "_keras_mask", None) for t in tensors]

    def run(tensors_and_masks: tuple) -> Any:
        values, value_masks = tensors_and_masks
        filled = list(leaves)
        for slot, value, mask in zip(slots, values, value_masks, strict=True):
            masking.set_keras_mask(value, mask)
            filled[slot] = value
        call_args, call_kwargs = jax.tree_util.tree_unflatten(structure, filled)
        outputs = layer(*call_args, **call_kwargs)
        return outputs, [masking.get_keras_mask(o) for o in _leaves(outputs)]

    spec, mask_specs = shapes.output_spec(symbolic_run(run), (tensors, masks))
    node_index = len(layer.__dict__.setdefault("_inbound_nodes", []))
    out_leaves, treedef = jax.tree_util.tree_flatten(
        spec, is_leaf=lambda x: isinstance(x, shapes.Spec)
    )
    outputs = []
    for i, (s, mask) in enumerate(zip(out_leaves, mask_specs, strict=True)):
        tensor = KerasTensor(s.shape, s.dtype, keras_history=(layer, node_index, i))
        if mask is not None:
            tensor._keras_mask = KerasTensor(mask.shape, mask.dtype)
        outputs.append(tensor)
    outputs = jax.tree_util.tree_unflatten(treedef, outputs)
    layer._inbound_nodes.append(Node(layer, args, kwargs, outputs))
    return outputs


def _is_tensor(x: Any) -> bool:
    return isinstance(x, KerasTensor)


def _leaves(tree: Any, keep_none: bool = False) -> list:
    if keep_none:
        return jax.tree_util.tree_leaves(tree, is_leaf=lambda x: x is None)
    return jax.tree_util.tree_leaves(tree)
