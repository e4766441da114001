"""`Functional`: a model defined by a graph of layer calls on `keras.Input`s."""

from __future__ import annotations

from typing import Any

import jax

from kerasish.core import naming
from kerasish.core.keras_tensor import KerasTensor
from kerasish.layers.core.input_layer import InputLayer
from kerasish.layers.layer import Layer
from kerasish.models.model import Model


def _is_tensor(x: Any) -> bool:
    return isinstance(x, KerasTensor)


def _flatten(structure: Any) -> list:
    return jax.tree_util.tree_leaves(structure, is_leaf=_is_tensor)


class Functional(Model):
    """A model built from symbolic inputs and outputs (`keras.Model(inputs, outputs)`).

    Calling it replays the recorded layer calls in dependency order; shared
    layers keep one set of weights however often they are called.

    Args:
        inputs: A `keras.Input` tensor, or a list/dict of them.
        outputs: The tensor(s) computed from `inputs`, as a tensor, list or dict.
        name: Optional model name (`functional`, `functional_1`, ...).

    Example:

    ```python
    inputs = keras.Input((784,))
    x = keras.layers.Dense(64, activation="relu")(inputs)
    outputs = keras.layers.Dense(10)(x)
    model = keras.Model(inputs, outputs)
    ```
    """

    def __init__(
        self,
        inputs: Any,
        outputs: Any,
        name: str | None = None,
        trainable: bool = True,
        **kwargs: Any,
    ) -> None:
        Model.__init__(
            self,
            name=name or naming.auto_name("Functional"),
            trainable=trainable,
            **kwargs,
        )
        if isinstance(inputs, tuple):
            inputs = list(inputs)
        if isinstance(outputs, tuple):
            outputs = list(outputs)
        self._inputs_struct = inputs
        self._outputs_struct = outputs
        self._input_tensors = _flatten(inputs)
        self._output_tensors = _flatten(outputs)
        _check_symbolic(self._input_tensors, "inputs")
        _check_symbolic(self._output_tensors, "outputs")
        self._nodes = _graph_nodes(self._input_tensors, self._output_tensors)
        self._tracking()["_layers"] = _layer_order(
            self._nodes, self._input_tensors, self._output_tensors
        )
        self._is_sequential_like = _sequential_like(self._nodes)
        self._describe_for_summary()
        self.built = True

    # ----------------------------------------------------------- graph face

    @property
    def layers(self) -> list[Layer]:
        """Every layer of the graph in Keras' order (recorded ops excluded)."""
        return [x for x in self._layers if not getattr(x, "_is_operation", False)]

    @property
    def inputs(self) -> list[KerasTensor]:
        return list(self._input_tensors)

    @property
    def outputs(self) -> list[KerasTensor]:
        return list(self._output_tensors)

    @property
    def input(self) -> Any:
        """The input tensor, or the structure of them for several inputs."""
        return self._inputs_struct

    @property
    def output(self) -> Any:
        """The output tensor, or the structure of them for several outputs."""
        return self._outputs_struct

    @property
    def input_names(self) -> list[str]:
        return [t._keras_history[0].name for t in self._input_tensors]

    @property
    def output_names(self) -> list[str]:
        return [t._keras_history[0].name for t in self._output_tensors]

    # ----------------------------------------------------------- calling

    def call(self, inputs: Any, training: bool | None = None, mask: Any = None) -> Any:
        del mask  # reaches the layers through the call context
        values = dict(
            zip(map(id, self._input_tensors), self._flat_inputs(inputs), strict=True)
        )

        def value_of(x: Any) -> Any:
            return values[id(x)] if _is_tensor(x) else x

        for node in self._nodes:
            args, kwargs = jax.tree_util.tree_map(
                value_of, (node.args, node.kwargs), is_leaf=_is_tensor
            )
            # Keras: the model's own `training` value overrides one fixed when
            # the graph was built (`Dropout()(x, training=False)` still drops).
            if training is not None and "training" in kwargs:
                kwargs["training"] = training
            outputs = node.layer(*args, **kwargs)
            for tensor, value in zip(
                _flatten(node.outputs), jax.tree_util.tree_leaves(outputs), strict=True
            ):
                values[id(tensor)] = value
        outputs = jax.tree_util.tree_map(
            lambda t: values[id(t)], self._outputs_struct, is_leaf=_is_tensor
        )
        # Keras unpacks a one-element list of outputs (`unpack_singleton`).
        if isinstance(outputs, list) and len(outputs) == 1:
            return outputs[0]
        return outputs

    def _flat_inputs(self, inputs: Any) -> list:
        expected = len(self._input_tensors)
        if isinstance(self._inputs_struct, dict) and isinstance(inputs, dict):
            missing = [k for k in self._inputs_struct if k not in inputs]
            if missing:
                raise ValueError(
                    f"Model '{self.name}' expects inputs with keys "
                    f"{sorted(self._inputs_struct)}. Missing: {missing}. "
                    f"Received keys: {sorted(inputs)}"
                )
            return [inputs[k] for k in self._inputs_struct]
        flat = inputs if isinstance(inputs, list | tuple) else [inputs]
        if isinstance(inputs, dict):
            flat = list(inputs.values())
        if len(flat) != expected:
            raise ValueError(
                f'Layer "{self.name}" expects {expected} input(s), but it received '
                f"{len(flat)} input tensors."
            )
        return list(flat)

    def compute_output_shape(self, input_shape: Any) -> Any:
        return jax.tree_util.tree_map(
            lambda t: t.shape, self._outputs_struct, is_leaf=_is_tensor
        )

    def _describe_for_summary(self) -> None:
        """Output shapes and "Connected to" cells, as Keras' summary shows them."""
        for layer in self._layers:
            if isinstance(layer, InputLayer):
                layer._summary_output_shape = layer.batch_shape
                layer._summary_connections = []
        described: set[int] = set()
        for node in self._nodes:
            layer = node.layer
            if id(layer) in described:
                continue
            described.add(id(layer))
            outs = _flatten(node.outputs)
            layer._summary_output_shape = (
                outs[0].shape if len(outs) == 1 else [t.shape for t in outs]
            )
            layer._summary_connections = [
                f"{t._keras_history[0].name}[{t._keras_history[1]}][{t._keras_history[2]}]"
                for t in node.input_tensors
            ]

    def get_config(self) -> dict:
        """Keras 3's config: `name`, `trainable`, `layers` (with their
        `inbound_nodes`), `input_layers` and `output_layers`.

        A subclass with its own constructor gets `Model`'s config instead.
        """
        from kerasish.models import functional_config

        if not functional_config.functional_like_constructor(type(self)):
            return Model.get_config(self)
        return functional_config.get_config(self)

    @classmethod
    def from_config(cls, config: dict, custom_objects: dict | None = None) -> Model:
        """Rebuilds the model's graph from `get_config()`'s output."""
        return Model.from_config.__func__(cls, config, custom_objects)

    def get_build_config(self) -> dict:
        # A functional model is built at construction; Keras writes this.
        return {"input_shape": None}

    def build_from_config(self, config: dict) -> None:
        del config  # built at construction


def _check_symbolic(tensors: list, argument: str) -> None:
    for t in tensors:
        if not _is_tensor(t) or t._keras_history is None:
            raise ValueError(
                f"All `{argument}` of a functional model must be symbolic tensors "
                "created by `keras.Input` and layer calls. "
                f"Received: {argument}={t!r} (of type {type(t)})"
            )


def _graph_nodes(inputs: list, outputs: list) -> list:
    """Layer calls needed for `outputs`, in dependency order; raises Keras'
    "Graph disconnected" error when an output needs an input not given."""
    given = {id(t) for t in inputs}
    ordered: list = []
    seen: set[int] = set()

    def visit(tensor: KerasTensor, path: list) -> None:
        if id(tensor) in given:
            return
        layer, node_index, _ = tensor._keras_history
        if isinstance(layer, InputLayer):
            reached = [n.layer.name for n in ordered]
            raise ValueError(
                f"Graph disconnected: cannot obtain value for tensor {tensor} at "
                f'layer "{layer.name}". The following previous layers were accessed '
                f"without issue: {reached}"
            )
        node = layer._inbound_nodes[node_index]
        if id(node) in seen:
            return
        for t in node.input_tensors:
            visit(t, path)
        seen.add(id(node))
        ordered.append(node)

    for tensor in outputs:
        visit(tensor, [])
    return ordered


class _InputNode:
    """Stands for an InputLayer in the graph (it has no recorded call)."""

    def __init__(self, layer: InputLayer) -> None:
        self.layer = layer
        self.input_tensors: list = []


def _layer_order(nodes: list, inputs: list, outputs: list) -> list:
    """`model.layers` in Keras' order: by decreasing depth from the outputs,
    ties broken by first visit in a depth-first walk from the outputs."""
    producer: dict[int, Any] = {}
    for tensor in inputs:
        layer = tensor._keras_history[0]
        producer[id(tensor)] = producer.get(id(layer)) or _InputNode(layer)
        producer[id(layer)] = producer[id(tensor)]
    for node in nodes:
        for tensor in _flatten(node.outputs):
            producer[id(tensor)] = node
    first_visit: dict[int, int] = {}
    finished: set[int] = set()

    def visit(node: Any) -> None:
        if id(node) in finished:
            return
        first_visit.setdefault(id(node.layer), len(first_visit))
        for tensor in node.input_tensors:
            visit(producer[id(tensor)])
        finished.add(id(node))

    for tensor in outputs:
        visit(producer[id(tensor)])
    node_depth: dict[int, int] = {}
    layer_depth: dict[int, int] = {}
    layers: dict[int, Any] = {}
    for node in [*reversed(nodes), *(producer[id(t)] for t in inputs)]:
        depth = max(node_depth.get(id(node), 0), layer_depth.get(id(node.layer), 0))
        layer_depth[id(node.layer)] = depth
        layers[id(node.layer)] = node.layer
        for tensor in node.input_tensors:
            parent = producer[id(tensor)]
            node_depth[id(parent)] = max(depth + 1, node_depth.get(id(parent), 0))
    return sorted(
        layers.values(),
        key=lambda layer: (-layer_depth[id(layer)], first_visit.get(id(layer), -1)),
    )


def _sequential_like(nodes: list) -> bool:
    """Keras' test for a summary without "Connected to": a chain of single-input
    calls with no shared layer."""
    layers = [n.layer for n in nodes]
    if any(len(n.input_tensors) > 1 for n in nodes):
        return False
    if len({id(layer) for layer in layers}) != len(layers):
        return False
    produced = [id(t) for n in nodes for t in _flatten(n.outputs)]
    consumed = [id(t) for n in nodes for t in n.input_tensors]
    return len(consumed) == len(set(consumed)) and len(produced) == len(nodes)
