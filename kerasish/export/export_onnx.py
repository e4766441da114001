"""`format="onnx"`: the forward pass as an ONNX graph through `jax2onnx`."""

from __future__ import annotations

import importlib
from typing import Any

import jax
import numpy as np

from kerasish.core.keras_tensor import KerasTensor
from kerasish.export import export_utils
from kerasish.export.atomic import write_bytes_atomic


def export_onnx(
    model: Any,
    filepath: Any,
    verbose: bool | None = None,
    input_signature: Any = None,
    opset_version: int | None = None,
    **kwargs: Any,
) -> None:
    """Exports the model's inference pass as an ONNX file (needs `jax2onnx`).

    As Keras on the JAX backend does: `jax2onnx` converts
    `model.call(..., training=False)` with the weights as initializers; axis 0
    of every input is the dynamic dimension `batch`, other `None` axes are
    `dim_{input}_{axis}`. Inputs are named after the model's inputs (else
    `input_{i}`), outputs `output_{i}`.

    Args:
        model: A built `keras.Model`.
        filepath: `str` or `pathlib.Path` of the `.onnx` file to write.
        verbose: Whether to print a message once saved (default `True`).
        input_signature: Optional shapes and dtypes of the inputs; computed from
            the model when `None`.
        opset_version: ONNX opset (jax2onnx's default when `None`).
        **kwargs: Unused, accepted as Keras does.

    Raises:
        ImportError: If `jax2onnx` is not installed.
        ValueError: If the model is not built, the directory does not exist,
            or a layer cannot be expressed in ONNX (the layer is named).
    """
    del kwargs
    jax2onnx = _require_jax2onnx()
    from kerasish.export.onnx_pooling import runtime_friendly_pooling

    filepath = export_utils.check_filepath(filepath)
    input_signature, specs = export_utils.prepare_signature(model, input_signature)
    fn = export_utils.make_inference_fn(model, input_signature)
    options: dict[str, Any] = {
        "input_names": export_utils.input_names(specs),
        "return_mode": "proto",
        "model_name": model.name,
    }
    if opset_version is not None:
        options["opset"] = opset_version
    try:
        with runtime_friendly_pooling():
            proto = jax2onnx.to_onnx(fn, inputs=_abstract_inputs(specs), **options)
    except Exception as e:
        raise _export_error(e, model, jax2onnx) from e
    _name_outputs(proto)
    write_bytes_atomic(filepath, proto.SerializeToString())
    if verbose is None or verbose:
        print(f"Saved artifact at '{filepath}'.")


def _require_jax2onnx() -> Any:
    try:
        return importlib.import_module("jax2onnx")
    except ImportError:
        raise ImportError(
            "This requires the jax2onnx module. You can install it via "
            "`pip install jax2onnx` (or `pip install kerasish[onnx]`, which "
            "also installs onnxruntime)"
        ) from None


def _abstract_inputs(specs: list) -> list[jax.ShapeDtypeStruct]:
    """Keras' dynamic-axis names: `batch` for axis 0, `dim_{i}_{axis}` else."""
    inputs = []
    for i, spec in enumerate(specs):
        shape = tuple(
            ("batch" if axis == 0 else f"dim_{i}_{axis}") if d is None else d
            for axis, d in enumerate(spec.shape)
        )
        inputs.append(jax.ShapeDtypeStruct(shape, np.dtype(spec.dtype)))
    return inputs


def _name_outputs(proto: Any) -> None:
    """Names the graph outputs `output_{i}` through `Identity` nodes.

    jax2onnx names outputs after the op producing them, and an output can be
    an input passed through (a model of inference-time `Dropout`), which
    cannot simply be renamed.
    """
    from onnx import helper

    taken = {v for node in proto.graph.node for v in (*node.input, *node.output)}
    taken |= {v.name for v in proto.graph.input}
    for i, output in enumerate(proto.graph.output):
        name = f"output_{i}"
        if output.name == name or name in taken:
            continue
        proto.graph.node.append(helper.make_node("Identity", [output.name], [name]))
        output.name = name


def _export_error(error: Exception, model: Any, jax2onnx: Any) -> Exception:
    """A `ValueError` naming the layer ONNX cannot express, when one is found."""
    layer = export_utils.culprit_layer(error) or _probe_layers(model, jax2onnx, error)
    reason = f"{type(error).__name__}: {error}"
    if layer is None:
        return ValueError(
            f"The model cannot be converted to ONNX by jax2onnx. Received: {reason}"
        )
    return ValueError(
        f"Layer {export_utils.describe_layer(layer)} cannot be expressed in ONNX "
        "by jax2onnx. Export with format='stablehlo' instead, or replace the "
        f"layer. Received: {reason}"
    )


def _probe_layers(model: Any, jax2onnx: Any, error: Exception) -> Any:
    """The first leaf layer that fails alone as the whole model did, if any.

    Errors raised while lowering (rather than tracing) carry no layer, so each
    layer is converted alone on the symbolic inputs of its first call.
    """
    from kerasish.export.onnx_pooling import runtime_friendly_pooling

    def is_tensor(x: Any) -> bool:
        return isinstance(x, KerasTensor)

    for layer in _leaf_layers(model):
        nodes = layer.__dict__.get("_inbound_nodes")
        if not nodes:
            continue
        call = (tuple(nodes[0].args), dict(nodes[0].kwargs))
        leaves, treedef = jax.tree_util.tree_flatten(call, is_leaf=is_tensor)
        positions = [i for i, x in enumerate(leaves) if is_tensor(x)]
        if not positions:
            continue
        specs = [export_utils.make_input_spec(leaves[i]) for i in positions]

        def fn(
            *xs: Any,
            layer: Any = layer,
            leaves: list = leaves,
            positions: list = positions,
            treedef: Any = treedef,
        ) -> Any:
            filled = list(leaves)
            for i, x in zip(positions, xs, strict=True):
                filled[i] = x
            args, kwargs = jax.tree_util.tree_unflatten(treedef, filled)
            return layer(*args, **kwargs)

        try:
            with runtime_friendly_pooling():
                jax2onnx.to_onnx(fn, inputs=_abstract_inputs(specs))
        except Exception as layer_error:
            if type(layer_error) is type(error):
                return layer
    return None


def _leaf_layers(model: Any) -> list:
    from kerasish.models.model import Model

    leaves = []
    for layer in model.layers:
        leaves.extend(_leaf_layers(layer) if isinstance(layer, Model) else [layer])
    return leaves
