"""`keras.models.clone_model`: the same architecture with new weights."""

from __future__ import annotations

from typing import Any

import jax

from kerasish.core.keras_tensor import KerasTensor
from kerasish.layers.core.input_layer import Input, InputLayer
from kerasish.models.functional import Functional
from kerasish.models.functional_config import functional_like_constructor
from kerasish.models.sequential import Sequential
from kerasish.saving import serialization_lib


def _is_tensor(x: Any) -> bool:
    return isinstance(x, KerasTensor)


def clone_model(
    model: Any,
    input_tensors: Any = None,
    clone_function: Any = None,
    call_function: Any = None,
    recursive: bool = False,
    **kwargs: Any,
) -> Any:
    """Clone a Functional or Sequential `Model` instance.

    Cloning is like calling the model on new inputs, except that it creates
    new layers (and thus new weights) instead of sharing the existing ones.
    A compiled model's clone is compiled the same way. Other models are cloned
    through their config.

    Args:
        model: Instance of `Model`.
        input_tensors: Optional structure of `KerasTensor`s to build the new
            model on (new `keras.Input`s by default).
        clone_function: Callable `layer -> new layer` applied to every layer
            (default: `layer.__class__.from_config(layer.get_config())`).
        call_function: Callable `(layer, *args, **kwargs) -> outputs` that
            replaces each layer call (Functional models only).
        recursive: Whether to clone nested Sequential/Functional models
            layer by layer (instead of through `clone_function`).

    Returns:
        A new model instance of the same architecture.

    Example:

    ```python
    new_model = keras.models.clone_model(model)
    ```
    """
    cache = kwargs.pop("cache", None)
    if kwargs:
        raise ValueError(f"Unexpected keyword argument(s): {tuple(kwargs.keys())}")
    if isinstance(model, Sequential):
        wrapped = _wrap_clone_function(clone_function, call_function, recursive, cache)
        if call_function is not None:
            raise ValueError(
                "`call_function` argument is not supported with Sequential "
                "models.  In a Sequential model, layers aren't called "
                "at model-construction time (they're merely listed). "
                "Use `call_function` with Functional models only. "
                "Received model of "
                f"type '{model.__class__.__name__}', with "
                f"call_function={wrapped}"
            )
        return _clone_sequential_model(model, wrapped, input_tensors)
    if isinstance(model, Functional):
        wrapped = _wrap_clone_function(clone_function, call_function, recursive, cache)
        default_config = type(model).get_config is Functional.get_config
        if default_config or clone_function or input_tensors:
            return _clone_functional_model(model, wrapped, input_tensors, call_function)
    if clone_function or input_tensors:
        raise ValueError(
            "Arguments `clone_function` and `input_tensors` "
            "are only supported for Sequential models "
            "or Functional models. Received model of "
            f"type '{model.__class__.__name__}', with "
            f"clone_function={clone_function} and "
            f"input_tensors={input_tensors}"
        )
    if call_function is not None:
        raise ValueError(
            "Argument `call_function` is only supported "
            "for Functional models. Received model of "
            f"type '{model.__class__.__name__}', with "
            f"call_function={clone_function}"
        )
    config = serialization_lib.serialize_keras_object(model)
    return serialization_lib.deserialize_keras_object(
        config, custom_objects={model.__class__.__name__: model.__class__}
    )


def _wrap_clone_function(
    clone_function: Any, call_function: Any, recursive: bool, cache: dict | None
) -> Any:
    """Clones each layer once (shared layers stay shared), recursing if asked."""
    if clone_function is None:

        def clone_function(layer: Any) -> Any:
            return layer.__class__.from_config(layer.get_config())

    cache = {} if cache is None else cache

    def wrapped(layer: Any) -> Any:
        if id(layer) in cache:
            return cache[id(layer)]
        if recursive and isinstance(layer, Sequential | Functional):
            clone = clone_model(
                layer,
                clone_function=clone_function,
                call_function=None if isinstance(layer, Sequential) else call_function,
                recursive=True,
                cache=cache,
            )
        else:
            clone = clone_function(layer)
        cache[id(layer)] = clone
        return clone

    return wrapped


def _clone_sequential_model(model: Any, clone_function: Any, input_tensors: Any) -> Any:
    if not callable(clone_function):
        raise ValueError(
            "Expected `clone_function` argument to be a callable. "
            f"Received: clone_function={clone_function}"
        )
    new_layers: list = [clone_function(layer) for layer in model.layers]
    first = model._stack[0] if model._stack else None
    reference = first if isinstance(first, InputLayer) else None
    if input_tensors is not None:
        if isinstance(input_tensors, list | tuple):
            if len(input_tensors) != 1:
                raise ValueError(
                    "Argument `input_tensors` must contain a single tensor."
                )
            input_tensors = input_tensors[0]
        if not _is_tensor(input_tensors):
            raise ValueError(
                "Argument `input_tensors` must be a KerasTensor. "
                f"Received invalid value: input_tensors={input_tensors}"
            )
        inputs = Input(
            tensor=input_tensors,
            name=reference.name if reference else None,
            optional=reference.optional if reference else False,
        )
        new_layers = [inputs, *new_layers]
    elif reference is not None:
        inputs = Input(
            batch_shape=reference.batch_shape,
            dtype=reference.dtype,
            name=reference.name,
            optional=reference.optional,
        )
        new_layers = [inputs, *new_layers]
    clone = Sequential(new_layers, name=model.name, trainable=model.trainable)
    if model.compiled:
        clone.compile_from_config(model.get_compile_config())
    return clone


def _clone_functional_model(
    model: Any, clone_function: Any, input_tensors: Any, call_function: Any
) -> Any:
    if not callable(clone_function):
        raise ValueError(
            "Expected `clone_function` argument to be a callable. "
            f"Received: clone_function={clone_function}"
        )
    if input_tensors is not None:
        leaves = jax.tree_util.tree_leaves(input_tensors, is_leaf=_is_tensor)
        if not all(_is_tensor(x) for x in leaves):
            raise ValueError(
                "All entries in `input_tensors` must be KerasTensors. "
                f"Received invalid values: inputs_tensors={input_tensors}"
            )
        given = jax.tree_util.tree_structure(input_tensors, is_leaf=_is_tensor)
        expected = jax.tree_util.tree_structure(model.input, is_leaf=_is_tensor)
        if given != expected:
            raise ValueError(
                "`input_tensors` must have the same structure as model.input"
                f"\nReference structure: {model.input}"
                f"\nReceived structure: {input_tensors}"
            )
    else:
        input_tensors = jax.tree_util.tree_map(
            lambda x: Input(batch_shape=x.shape, dtype=x.dtype, name=x.name),
            model.input,
            is_leaf=_is_tensor,
        )
    outputs = _run_through_graph(model, input_tensors, clone_function, call_function)
    cls = type(model) if functional_like_constructor(type(model)) else Functional
    clone = cls(input_tensors, outputs, name=model.name)
    if model.compiled:
        clone.compile_from_config(model.get_compile_config())
    return clone


def _run_through_graph(
    model: Any, inputs: Any, clone_function: Any, call_function: Any
) -> Any:
    """Replays the model's recorded calls on `inputs` with cloned layers."""
    flat_inputs = jax.tree_util.tree_leaves(inputs, is_leaf=_is_tensor)
    values = {id(t): x for t, x in zip(model._input_tensors, flat_inputs, strict=True)}

    def value_of(x: Any) -> Any:
        return values[id(x)] if _is_tensor(x) else x

    for node in model._nodes:
        args, kwargs = jax.tree_util.tree_map(
            value_of, (node.args, node.kwargs), is_leaf=_is_tensor
        )
        layer = node.layer
        if getattr(layer, "_is_operation", False):
            outputs = layer.call(*args, **kwargs)
        else:
            new_layer = clone_function(layer)
            if call_function is not None:
                outputs = call_function(new_layer, *args, **kwargs)
            else:
                outputs = new_layer(*args, **kwargs)
        old = jax.tree_util.tree_leaves(node.outputs, is_leaf=_is_tensor)
        new = jax.tree_util.tree_leaves(outputs, is_leaf=_is_tensor)
        for tensor, value in zip(old, new, strict=True):
            values[id(tensor)] = value
    return jax.tree_util.tree_map(
        lambda t: values[id(t)], model._outputs_struct, is_leaf=_is_tensor
    )
