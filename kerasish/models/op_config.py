"""Recorded ops (`x + y`, `keras.ops.mean(x)`) in functional configs, as Keras.

Keras turns each `keras.ops` call on symbolic tensors into an operation object
(`Mean(axis=-1)`) called on the tensors; configs name that class (module
`keras.src.ops.numpy`) with the constructor arguments as its config. kerasish
records the op function and its arguments (`layers/core/operation.py`); the
table in `saving/keras_ops_table.py` maps one form to the other.
"""

from __future__ import annotations

import functools
import inspect
from typing import Any

import jax

from kerasish.core.keras_tensor import KerasTensor
from kerasish.saving import serialization_lib
from kerasish.saving.keras_ops_table import KERAS_OPS


def _is_tensor(x: Any) -> bool:
    return isinstance(x, KerasTensor)


def _table_key(fn: Any) -> str:
    name = fn.__name__
    return f"image.{name}" if fn.__module__.endswith(".image") else name


@functools.cache
def _by_class() -> dict:
    return {
        (f"keras.src.ops.{mod}", cls): key
        for key, (mod, cls, _, _) in KERAS_OPS.items()
    }


def _entry(op: Any) -> tuple:
    key = _table_key(op.fn)
    if key not in KERAS_OPS:
        raise NotImplementedError(
            f"Operation '{op.name}' (`keras.ops.{key}`) cannot be serialized: "
            "it has no Keras operation class. Wrap it in a `Layer` with its own "
            "`get_config()` instead."
        )
    return KERAS_OPS[key]


def _bound_arguments(op: Any, tensors: list) -> dict:
    """The op's call, with `tensors` in place, bound to the op's signature."""
    leaves = list(op._static)
    for slot, value in zip(op._slots, tensors, strict=True):
        leaves[slot] = value
    args, kwargs = jax.tree_util.tree_unflatten(op._treedef, leaves)
    bound = inspect.signature(op.fn).bind(*args, **kwargs)
    bound.apply_defaults()
    return dict(bound.arguments)


def _split(op: Any, tensors: list) -> tuple[list, dict]:
    """(call arguments, constructor config) of the Keras operation class."""
    _, _, init_params, call_params = _entry(op)
    bound = _bound_arguments(op, tensors)
    missing = [p for p in (*init_params, *call_params) if p.lstrip("*") not in bound]
    if missing:
        raise NotImplementedError(
            f"Operation '{op.name}' cannot be serialized: the arguments {missing} "
            "of its Keras operation class are not arguments of "
            f"`keras.ops.{_table_key(op.fn)}` here."
        )
    call_args: list = []
    for param in call_params:
        if param.startswith("*"):
            call_args.extend(bound[param[1:]])
        else:
            call_args.append(bound[param])
    return call_args, {p: bound[p] for p in init_params}


def serialize_operation(op: Any) -> dict:
    """`{module, class_name, config, registered_name}` of a recorded op."""
    module, class_name, _, _ = _entry(op)
    nodes = op.__dict__.get("_inbound_nodes", [])
    tensors = nodes[0].args[0] if nodes else op.tensors
    _, init_config = _split(op, list(tensors))
    return {
        "module": f"keras.src.ops.{module}",
        "class_name": class_name,
        "config": serialization_lib.serialize_keras_object(
            {"name": op.name, **init_config}
        ),
        "registered_name": class_name,
    }


def call_arguments(op: Any, node: Any) -> tuple[list, dict]:
    """The positional call arguments Keras records for an op's node."""
    call_args, _ = _split(op, list(node.args[0]))
    return call_args, {}


def is_operation_config(layer_data: dict) -> bool:
    """Whether a functional `layers` entry is a Keras operation (not a layer)."""
    key = (layer_data.get("module"), layer_data.get("class_name"))
    return key in _by_class()


class PendingOperation:
    """An operation from a config, created when its (only) node is replayed."""

    def __init__(self, layer_data: dict) -> None:
        from kerasish import ops

        key = _by_class()[(layer_data["module"], layer_data["class_name"])]
        namespace, _, fn_name = key.rpartition(".")
        fn = getattr(ops.image if namespace else ops, fn_name, None)
        if fn is None:
            raise ValueError(
                f"Operation '{layer_data['class_name']}' (`keras.ops.{key}`) is "
                "not available in kerasish."
            )
        self.fn = fn
        config = serialization_lib.deserialize_keras_object(layer_data["config"])
        self.name = config.pop("name", layer_data.get("name"))
        self.config = config

    def call(self, args: list, kwargs: dict) -> Any:
        """Records the op on symbolic `args`; returns the recorded `Operation`."""
        if self.fn.__name__ == "get_item" and isinstance(args[1], list):
            # JSON turned the index tuple `x[:, :3]` into a list.
            args = [args[0], tuple(args[1]), *args[2:]]
        outputs = self.fn(*args, **kwargs, **self.config)
        op = jax.tree_util.tree_leaves(outputs, is_leaf=_is_tensor)[0]._keras_history[0]
        op.name = self.name  # the config's name, as Keras keeps it
        return op
