"""What every exporter shares: input signatures, the traced function, culprits."""

from __future__ import annotations

import os
import sys
from typing import Any

import jax
import numpy as np

from kerasish.core.keras_tensor import KerasTensor
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer


def get_input_signature(model: Any) -> list:
    """The model's input signature as Keras computes it (batch axis `None`).

    Functional models give `[structure of InputSpec]` (one positional argument
    holding every input), Sequential models `[InputSpec]`, and subclassed models
    one spec per shape recorded when they were first called.

    Raises:
        TypeError: If `model` is not a `keras.Model`.
        ValueError: If the model was never built or called.
    """
    from kerasish.models.functional import Functional
    from kerasish.models.model import Model
    from kerasish.models.sequential import Sequential

    if not isinstance(model, Model):
        raise TypeError(
            "The model must be a `keras.Model`. "
            f"Received: model={model} of the type {type(model)}"
        )
    if not model.built:
        raise ValueError(
            "The model provided has not yet been built. It must be built before export."
        )
    if isinstance(model, Functional):
        return [jax.tree_util.tree_map(make_input_spec, model._inputs_struct)]
    if isinstance(model, Sequential):
        return [make_input_spec(x) for x in model.inputs]
    shapes = model._build_shapes
    if not shapes:
        raise ValueError(
            "The model provided has never called. "
            "It must be called at least once before export."
        )
    return _specs_from_shapes(shapes, model.compute_dtype)


def _specs_from_shapes(shapes: Any, dtype: str) -> list:
    """One `InputSpec` per recorded build shape of a subclassed model."""

    def is_shape(x: Any) -> bool:
        return isinstance(x, tuple | list) and all(
            isinstance(d, int | type(None)) for d in x
        )

    if is_shape(shapes):
        shapes = [shapes]
    elif isinstance(shapes, dict):
        shapes = list(shapes.values())
    return [InputSpec(shape=(None, *tuple(s)[1:]), dtype=dtype) for s in shapes]


def make_input_spec(x: Any) -> InputSpec:
    """An `InputSpec` (batch axis `None`) from a spec, a `KerasTensor` or an array."""
    if isinstance(x, InputSpec):
        if x.shape is None or x.dtype is None:
            raise ValueError(
                f"The `shape` and `dtype` must be provided. Received: x={x}"
            )
        return x
    if isinstance(x, KerasTensor):
        return InputSpec(dtype=x.dtype, shape=(None, *x.shape[1:]), name=x.name)
    if isinstance(x, jax.ShapeDtypeStruct | jax.Array | np.ndarray):
        shape = (None, *tuple(x.shape)[1:])
        return InputSpec(dtype=str(np.dtype(x.dtype)), shape=shape, name=None)
    raise TypeError(
        f"Unsupported x={x} of the type ({type(x)}). Supported types are: "
        "`keras.InputSpec`, `keras.KerasTensor` and backend tensor."
    )


def flatten_signature(input_signature: Any) -> list[InputSpec]:
    """The signature's specs in order (nested lists/tuples/dicts flattened)."""
    leaves = jax.tree_util.tree_leaves(input_signature, is_leaf=_is_spec_leaf)
    return [make_input_spec(x) for x in leaves]


def _is_spec_leaf(x: Any) -> bool:
    return isinstance(x, InputSpec | KerasTensor | jax.ShapeDtypeStruct)


def input_names(specs: list[InputSpec]) -> list[str]:
    """Keras' export names: the spec's name, else `input_{i}`; made unique."""
    names: list[str] = []
    for i, spec in enumerate(specs):
        name = getattr(spec, "name", None) or f"input_{i}"
        while name in names:
            name = f"{name}_{i}"
        names.append(name)
    return names


def make_inference_fn(model: Any, input_signature: Any) -> Any:
    """`fn(*flat_inputs) -> outputs`: the inference forward pass, weights baked in.

    The flat inputs are packed back into the signature's structure and passed
    as Keras' exporters do: one argument when the signature has one entry,
    else one positional argument per entry.
    """
    treedef = jax.tree_util.tree_structure(input_signature, is_leaf=_is_spec_leaf)
    params, state = model.params, model.state

    def fn(*flat_inputs: jax.Array) -> Any:
        args = jax.tree_util.tree_unflatten(treedef, flat_inputs)
        if len(args) == 1:
            return model.apply(params, args[0], state=state, training=False)
        return model.apply(params, *args, state=state, training=False)

    return fn


def prepare_signature(model: Any, input_signature: Any) -> tuple[Any, list]:
    """`(input_signature, flat_specs)`, computing the signature when not given."""
    if input_signature is None:
        input_signature = get_input_signature(model)
    else:
        get_input_signature(model)  # same built/called checks as Keras
        if not isinstance(input_signature, list | tuple):
            input_signature = [input_signature]
    return input_signature, flatten_signature(input_signature)


def check_filepath(filepath: Any) -> str:
    """`filepath` as a string, after checking that its directory exists."""
    try:
        path = os.fspath(filepath)
    except TypeError:
        raise TypeError(
            "`filepath` must be a `str` or `pathlib.Path` object. "
            f"Received: filepath={filepath} of type {type(filepath)}"
        ) from None
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise ValueError(
            f"The directory of `filepath` does not exist: '{directory}'. Create "
            f"it before exporting. Received: filepath={path}"
        )
    if os.path.isdir(path):
        raise ValueError(
            "`filepath` must name a file, not an existing directory. "
            f"Received: filepath={path}"
        )
    return path


def culprit_layer(error: BaseException) -> Layer | None:
    """The innermost layer whose code is on `error`'s traceback, if any."""
    found = None
    tb = error.__traceback__
    while tb is not None:
        candidate = tb.tb_frame.f_locals.get("self")
        if isinstance(candidate, Layer) and not _is_model(candidate):
            found = candidate
        tb = tb.tb_next
    return found


def _is_model(layer: Layer) -> bool:
    models = sys.modules.get("kerasish.models.model")
    return models is not None and isinstance(layer, models.Model)


def describe_layer(layer: Layer) -> str:
    return f"'{layer.name}' (of type {type(layer).__name__})"
