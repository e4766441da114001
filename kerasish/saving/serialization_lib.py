"""Keras' object config format: `{module, class_name, config, registered_name}`."""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import Any


def serialize_object(
    obj: Any, module: str, builtins: Mapping[str, Any] | None = None
) -> Any:
    """A Keras-style config: `{"module", "class_name", "config", "registered_name"}`.

    Functions serialize as `{"class_name": "function", "config": fn.__name__}`,
    exactly as Keras writes them; plain values and dicts of them pass through.
    When `builtins` (the module name table) is given, an object whose class is
    not in it is a user class: its own module and its class name as
    `registered_name`, as Keras writes custom objects.
    """
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    if isinstance(obj, Mapping):
        return {key: serialize_object(value, module) for key, value in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [serialize_object(value, module) for value in obj]
    if inspect.isfunction(obj):
        return {
            "module": "builtins",
            "class_name": "function",
            "config": obj.__name__,
            "registered_name": "function",
        }
    if hasattr(obj, "get_config"):
        cls = type(obj)
        custom = builtins is not None and builtins.get(cls.__name__) is not cls
        return {
            "module": cls.__module__ if custom else module,
            "class_name": cls.__name__,
            "config": serialize_object(obj.get_config(), module),
            "registered_name": cls.__name__ if custom else None,
        }
    raise TypeError(
        f"Cannot serialize object {obj!r} of type {type(obj)}: expected a Keras "
        "object with `get_config()` or a function."
    )


def deserialize_object(
    config: Any,
    module_objects: Mapping[str, Any],
    custom_objects: Mapping[str, Any] | None = None,
    kind: str = "object",
    functions: Mapping[str, Any] | None = None,
) -> Any:
    """Rebuilds what `serialize_object` wrote, looking names up in the tables.

    A string resolves to the named class or function; a class config is
    rebuilt with the class's `from_config`. A function config looks in
    `functions` first (metric tables map snake_case names to classes).
    """
    objects = {**module_objects, **(custom_objects or {})}
    if config is None:
        return None
    if isinstance(config, str):
        return _lookup(config, objects, kind)
    if not isinstance(config, Mapping) or "class_name" not in config:
        raise ValueError(
            f"Could not interpret {kind} identifier: {config}. Expected a name or "
            "a dict with keys 'class_name' and 'config'."
        )
    if config["class_name"] == "function":
        if functions is not None:
            objects = {**objects, **functions, **(custom_objects or {})}
        return _lookup(config["config"], objects, kind)
    cls = _lookup(config["class_name"], objects, kind)
    return cls.from_config(dict(config.get("config") or {}))


def _lookup(name: str, objects: Mapping[str, Any], kind: str) -> Any:
    if name not in objects:
        raise ValueError(
            f"Could not interpret {kind} identifier: {name}. Known names: "
            f"{sorted(objects)}"
        )
    return objects[name]
