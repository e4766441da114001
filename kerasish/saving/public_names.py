"""Keras API names of kerasish objects (`keras.layers.Dense`), and back.

Keras writes a built-in object's `module` as the namespace of its canonical
export (the first name it is exported under), and finds a class again from
`module` + `class_name`. Here both directions go through the public kerasish
namespaces: nothing named in a config is ever imported.
"""

from __future__ import annotations

import functools
import importlib
import types
from typing import Any

# Keras namespaces whose exports kerasish mirrors, in lookup order.
_NAMESPACES = (
    "layers",
    "initializers",
    "regularizers",
    "constraints",
    "optimizers.schedules",
    "optimizers",
    "losses",
    "metrics",
    "activations",
    "models",
)

# Classes whose canonical Keras export is top-level (`keras.Layer`, ...).
_TOP_LEVEL = {
    "Constraint": "constraints",
    "DTypePolicy": "dtype_policies",
    "Initializer": "initializers",
    "InputSpec": "layers",
    "Layer": "layers",
    "Loss": "losses",
    "Metric": "metrics",
    "Model": "models",
    "Optimizer": "optimizers",
    "Regularizer": "regularizers",
    "Sequential": "models",
}
# `keras.constraints.Constraint` stays in its namespace (not top-level).
_NOT_TOP_LEVEL = frozenset({"Constraint"})
# Exported by kerasish but not by Keras (Keras writes its internal module).
_NOT_PUBLIC = frozenset({"Functional"})

# Keras-internal modules (`keras.src....`) whose classes a config may name.
_SRC_CLASSES = {
    "keras.src.models.functional": ("models", "Functional"),
    "keras.src.models.model": ("models", "Model"),
    "keras.src.models.sequential": ("models", "Sequential"),
}


def _module(namespace: str) -> types.ModuleType:
    return importlib.import_module(f"kerasish.{namespace}")


def _namespace_of(obj: Any) -> str | None:
    name = getattr(obj, "__name__", None)
    if name is None:
        return None
    for namespace in _NAMESPACES:
        if getattr(_module(namespace), name, None) is obj:
            return namespace
    return None


@functools.cache
def _public_module_of_class(cls: type) -> str | None:
    name = cls.__name__
    if name in _NOT_PUBLIC:
        return None
    if name in _TOP_LEVEL and name not in _NOT_TOP_LEVEL:
        if getattr(_module(_TOP_LEVEL[name]), name, None) is cls:
            return "keras"
    namespace = _namespace_of(cls)
    return None if namespace is None else f"keras.{namespace}"


def public_module(cls: type) -> str | None:
    """The Keras module of `cls`'s canonical export (`"keras.layers"`), or None.

    None means the class is not a public built-in (a user class, or an internal
    one such as `Functional`).
    """
    try:
        return _public_module_of_class(cls)
    except TypeError:  # unhashable class objects
        return None


def internal_module(cls: type) -> str | None:
    """The `keras.src....` module Keras writes for a non-exported built-in."""
    for module, (namespace, name) in _SRC_CLASSES.items():
        if getattr(_module(namespace), name, None) is cls:
            return module
    return None


def lookup(module: str, name: str) -> Any:
    """The kerasish object Keras finds as `module.name`, or None.

    Only `keras` / `keras.*` modules resolve, through kerasish's own public
    namespaces and a fixed table of internal ones.
    """
    if module == "keras":
        if name in _TOP_LEVEL:
            return getattr(_module(_TOP_LEVEL[name]), name, None)
        return None
    if module in _SRC_CLASSES:
        namespace, class_name = _SRC_CLASSES[module]
        return getattr(_module(namespace), name, None) if name == class_name else None
    if not module.startswith("keras."):
        return None
    namespace = module[len("keras.") :]
    if namespace not in _NAMESPACES:
        return None
    found = getattr(_module(namespace), name, None)
    return None if isinstance(found, types.ModuleType) else found


def builtin_function(name: str) -> Any:
    """A function named in a `{"module": "builtins", "class_name": "function"}`
    config: Keras searches its built-in function namespaces in this order."""
    for namespace in (
        "activations",
        "constraints",
        "initializers",
        "losses",
        "metrics",
        "optimizers",
        "regularizers",
    ):
        found = getattr(_module(namespace), name, None)
        if found is not None and not isinstance(found, types.ModuleType):
            return found
    return None
