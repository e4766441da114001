"""Functional model configs: `get_config` and `functional_from_config`, as Keras 3.

A config lists every operation (input layers, layers, recorded ops) with its
`inbound_nodes`: the arguments of each call, tensors written as
`__keras_tensor__` with a `[layer name, node index, tensor index]` history.
`input_layers` / `output_layers` name the model's tensors the same way.
"""

from __future__ import annotations

import inspect
from typing import Any

import jax

from kerasish.core.keras_tensor import KerasTensor
from kerasish.layers import layer_utils
from kerasish.layers.core.input_layer import InputLayer
from kerasish.models import op_config
from kerasish.saving import serialization_lib


def _is_tensor(x: Any) -> bool:
    return isinstance(x, KerasTensor)


def _flatten(structure: Any) -> list:
    return jax.tree_util.tree_leaves(structure, is_leaf=_is_tensor)


def _map(fn: Any, structure: Any) -> Any:
    return jax.tree_util.tree_map(fn, structure, is_leaf=_is_tensor)


def _is_functional(layer: Any) -> bool:
    from kerasish.models.functional import Functional

    return isinstance(layer, Functional)


def functional_like_constructor(cls: type) -> bool:
    """Whether `cls.__init__` takes Functional's arguments (Keras' test)."""
    from kerasish.models.functional import Functional

    spec = inspect.getfullargspec(cls.__init__)
    functional_args = inspect.getfullargspec(Functional.__init__).args[1:]
    if spec.args[1:] == functional_args:
        return True
    return spec.varargs is not None and spec.varkw is not None


# ----------------------------------------------------------------- get_config


def get_config(model: Any) -> dict:
    """Keras 3's Functional config: name, trainable, layers, input/output layers."""
    own = {id(node) for node in model._nodes}
    config: dict[str, Any] = {"name": model.name, "trainable": model.trainable}
    layer_configs = []
    for layer in model._layers:
        nodes = [
            _serialize_node(node, own)
            for node in layer.__dict__.get("_inbound_nodes", [])
            if id(node) in own
        ]
        if getattr(layer, "_is_operation", False):
            layer_config = op_config.serialize_operation(layer)
        else:
            layer_config = serialization_lib.serialize_keras_object(layer)
        layer_config["name"] = layer.name
        layer_config["inbound_nodes"] = [n for n in nodes if n is not None]
        layer_configs.append(layer_config)
    config["layers"] = layer_configs

    def tensor_config(tensor: KerasTensor) -> list:
        layer, node_index, tensor_index = tensor._keras_history
        nodes = layer.__dict__.get("_inbound_nodes", [])
        kept = [i for i, node in enumerate(nodes) if id(node) in own]
        # Keras counts a functional model's own construction node first.
        offset = 1 if _is_functional(layer) else 0
        new_index = kept.index(node_index) + offset if kept else 0
        return [layer.name, new_index, tensor_index]

    config["input_layers"] = _map(tensor_config, model._inputs_struct)
    config["output_layers"] = _map(tensor_config, model._outputs_struct)
    return config


def _history(tensor: KerasTensor, own: set) -> list:
    """A tensor's history with the node index counted among `own` nodes only."""
    layer, node_index, tensor_index = tensor._keras_history
    nodes = layer.__dict__.get("_inbound_nodes", [])
    skipped = sum(1 for node in nodes[:node_index] if id(node) not in own)
    return [layer.name, node_index - skipped, tensor_index]


def serialize_tensor(tensor: KerasTensor, own: set) -> dict:
    """`__keras_tensor__` form of a graph tensor, history relative to `own`."""
    return {
        "class_name": "__keras_tensor__",
        "config": {
            "shape": tensor.shape,
            "dtype": tensor.dtype,
            "keras_history": _history(tensor, own),
        },
    }


def _serialize_node(node: Any, own: set) -> dict | None:
    if not node.input_tensors:
        return None
    if getattr(node.layer, "_is_operation", False):
        args, kwargs = op_config.call_arguments(node.layer, node)
    else:
        args, kwargs = node.args, dict(node.kwargs)
        _add_mask_argument(node.layer, args, kwargs)

    def serialize(x: Any) -> Any:
        return serialize_tensor(x, own) if _is_tensor(x) else x

    args = serialization_lib.serialize_keras_object(_map(serialize, list(args)))
    kwargs = serialization_lib.serialize_keras_object(_map(serialize, kwargs))
    return {"args": args, "kwargs": kwargs}


# Keras built-in layers whose `call` takes masks (kerasish signatures may take
# more): Keras fills these in, so they appear in the recorded call arguments.
_KERAS_MASK_ARGS = {
    "AdditiveAttention": ("mask",),
    "Attention": ("mask",),
    "BatchNormalization": ("mask",),
    "Bidirectional": ("mask",),
    "ConvLSTM1D": ("mask",),
    "ConvLSTM2D": ("mask",),
    "ConvLSTM3D": ("mask",),
    "GRU": ("mask",),
    "GlobalAveragePooling1D": ("mask",),
    "LSTM": ("mask",),
    "Lambda": ("mask",),
    "MultiHeadAttention": ("query_mask", "value_mask", "key_mask"),
    "Pipeline": ("mask",),
    "RNN": ("mask",),
    "SimpleRNN": ("mask",),
    "Softmax": ("mask",),
    "TimeDistributed": ("mask",),
}


def _mask_parameters(layer: Any) -> set:
    from kerasish.saving import public_names

    params = set(layer_utils.call_parameters(type(layer)))
    if public_names.public_module(type(layer)) == "keras.layers":
        return params & set(_KERAS_MASK_ARGS.get(type(layer).__name__, ()))
    return params


def _add_mask_argument(layer: Any, args: tuple, kwargs: dict) -> None:
    """Keras records the inputs' masks (None here) among the call arguments:
    `mask=` for a call with one tensor argument, `<arg>_mask=` for several."""
    masks = _mask_parameters(layer)
    if not masks:
        return
    names = [n for n in inspect.signature(type(layer).call).parameters if n != "self"]
    tensor_args = {
        name: value
        for name, value in (*zip(names, args, strict=False), *kwargs.items())
        if _flatten(value)
    }
    if len(tensor_args) == 1:
        if "mask" in masks and "mask" not in kwargs:
            kwargs["mask"] = _map(lambda t: None, next(iter(tensor_args.values())))
        return
    for name, value in tensor_args.items():
        if f"{name}_mask" in masks and f"{name}_mask" not in kwargs:
            kwargs[f"{name}_mask"] = _map(lambda t: None, value)


# ----------------------------------------------------------------- from_config


def functional_from_config(
    cls: type, config: dict, custom_objects: dict | None = None
) -> Any:
    """Instantiates a Functional model (of class `cls`) from its config."""
    config = dict(config)
    layers_data = config.pop("layers")
    input_layers = config.pop("input_layers")
    output_layers = config.pop("output_layers")
    name = config.pop("name", None)
    trainable = config.pop("trainable", None)
    created: dict[str, Any] = {}
    pending: dict[str, list] = {}
    for layer_data in layers_data:
        layer_name = layer_data["name"]
        if op_config.is_operation_config(layer_data):
            created[layer_name] = op_config.PendingOperation(layer_data)
        else:
            created[layer_name] = _deserialize_layer(layer_data, custom_objects)
        if layer_data["inbound_nodes"]:
            pending[layer_name] = list(layer_data["inbound_nodes"])
    while pending:
        progressed = False
        for layer_data in layers_data:
            layer_name = layer_data["name"]
            while pending.get(layer_name):
                try:
                    _process_node(layer_name, pending[layer_name][0], created)
                except IndexError:
                    break
                pending[layer_name].pop(0)
                progressed = True
            if layer_name in pending and not pending[layer_name]:
                del pending[layer_name]
        if not progressed and pending:
            raise ValueError(
                "Invalid Functional model configuration. The graph of the "
                "Functional model either has loops or disconnected nodes. "
                f"The following nodes failed to be resolved: {pending}"
            )
    inputs = _map_tensor_refs(input_layers, created)
    outputs = _map_tensor_refs(output_layers, created)
    kwargs = {} if trainable is None else {"trainable": trainable}
    return cls(inputs=inputs, outputs=outputs, name=name, **kwargs, **config)


def _deserialize_layer(layer_data: dict, custom_objects: dict | None) -> Any:
    from kerasish.layers.layer import Layer

    layer = serialization_lib.deserialize_keras_object(
        layer_data, custom_objects=custom_objects
    )
    if not isinstance(layer, Layer):
        raise ValueError(
            "Unexpected object from deserialization, expected a layer or "
            f"operation, got a {type(layer)}"
        )
    return layer


def _node_outputs(layer: Any, node_index: int) -> list:
    if isinstance(layer, InputLayer):
        return [layer.output]
    nodes = layer.__dict__.get("_inbound_nodes", [])
    if len(nodes) <= node_index or node_index < 0:
        raise IndexError(
            "Layer node index out of bounds.\n"
            f"inbound_layer = {layer}\n"
            f"inbound_layer._inbound_nodes = {nodes}\n"
            f"inbound_node_index = {node_index}"
        )
    return _flatten(nodes[node_index].outputs)


def _process_node(layer_name: str, node_data: Any, created: dict) -> None:
    args = serialization_lib.deserialize_keras_object(node_data["args"])
    kwargs = serialization_lib.deserialize_keras_object(node_data["kwargs"])

    def revive(x: Any) -> Any:
        if not _is_tensor(x):
            return x
        history = getattr(x, "_pre_serialization_keras_history", None)
        if history is None:
            return None  # a mask Keras recorded without history: recomputed
        if history[0] not in created:
            raise ValueError(f"Unknown layer: {history[0]}")
        producer = created[history[0]]
        if isinstance(producer, op_config.PendingOperation):
            raise IndexError(f"Operation {history[0]} is not created yet.")
        return _node_outputs(producer, history[1])[history[2]]

    args = _map(revive, args)
    kwargs = _map(revive, kwargs)
    layer = created[layer_name]
    if isinstance(layer, op_config.PendingOperation):
        created[layer_name] = layer.call(args, kwargs)
    else:
        layer(*args, **kwargs)


def _map_tensor_refs(refs: Any, created: dict) -> Any:
    if isinstance(refs, list) and len(refs) == 3 and isinstance(refs[0], str):
        layer_name, node_index, tensor_index = refs
        if layer_name not in created:
            raise RuntimeError(f"Internal error: could not find layer {layer_name}.")
        layer = created[layer_name]
        if _is_functional(layer):
            node_index -= 1
        return _node_outputs(layer, node_index)[tensor_index]
    if isinstance(refs, dict):
        return {k: _map_tensor_refs(v, created) for k, v in refs.items()}
    if isinstance(refs, tuple):
        return tuple(_map_tensor_refs(v, created) for v in refs)
    return [_map_tensor_refs(v, created) for v in refs]
