"""Helpers of the Layer base: call signatures, shapes, dtype policies, build marking."""

from __future__ import annotations

import functools
import inspect
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from kerasish.core import naming, scope, shapes


def symbolic_run(fn: Any) -> Any:
    """`fn` run inside a symbolic scope, so state writes during shape inference
    are dropped instead of leaking tracers into the variables."""

    def run(*args: Any) -> Any:
        with scope.enter(scope.Scope(kind="symbolic")):
            return fn(*args)

    return run


def activity_penalties(regularizer: Any, outputs: Any) -> list:
    """One penalty per output array; Keras 3 divides each by the batch size."""
    penalties = []
    for output in jax.tree_util.tree_leaves(outputs):
        if not hasattr(output, "ndim"):
            continue
        penalty = regularizer(output)
        if output.ndim > 0 and output.shape[0]:
            penalty = penalty / jnp.asarray(output.shape[0], penalty.dtype)
        penalties.append(penalty)
    return penalties


def mark_built(build: Any) -> Any:
    @functools.wraps(build)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        with naming.name_scope(self.name, self):
            result = build(self, *args, **kwargs)
        object.__setattr__(self, "built", True)
        if args and self.__dict__.get("_build_shapes") is None:
            object.__setattr__(self, "_build_shapes", args[0])
        return result

    return wrapper


@functools.cache
def call_parameters(cls: type) -> dict:
    """Names (and defaults) of `cls.call`'s parameters, cached per class."""
    params = inspect.signature(cls.call).parameters
    result = {}
    for name, p in params.items():
        if name == "self" or p.kind is inspect.Parameter.VAR_POSITIONAL:
            continue
        if p.kind is inspect.Parameter.VAR_KEYWORD:
            result.setdefault("training", None)
            continue
        default = p.default if p.default is not inspect.Parameter.empty else None
        result[name] = default
    return result


def numbers_to_array(x: Any) -> Any:
    """A (nested) list of Python numbers becomes one array, as Keras converts it."""
    if isinstance(x, list | tuple) and x:
        leaves = jax.tree_util.tree_leaves(x)
        if leaves and all(isinstance(v, int | float | bool) for v in leaves):
            return np.asarray(x)
    return x


def shape_of(x: Any) -> Any:
    if x is None:
        return None
    if hasattr(x, "shape") and not isinstance(x, list | tuple | dict):
        return tuple(x.shape)
    if isinstance(x, dict):
        return {k: shape_of(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [shape_of(v) for v in x]
    return ()


def as_shape(value: Any) -> Any:
    if shapes.is_shape(value):
        return tuple(value)
    if isinstance(value, list | tuple):
        return [as_shape(v) for v in value]
    return value


def to_list(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [to_list(v) for v in value]
    return value


def all_layers(layer: Any) -> list:
    result = []
    for child in layer._layers:
        result.append(child)
        result.extend(all_layers(child))
    return result
