"""Keras' object config format: `{module, class_name, config, registered_name}`."""

from __future__ import annotations

import inspect
import types
import warnings
from collections.abc import Mapping
from typing import Any

import jax
import numpy as np

from kerasish.saving import object_registration


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
            "module": (cls.__module__ if cls.__module__ != "__main__" else None)
            if custom
            else module,
            "class_name": cls.__name__,
            "config": serialize_object(obj.get_config(), module),
            "registered_name": object_registration.get_registered_name(cls)
            if custom
            else None,
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
    custom_objects = {
        **(custom_objects or {}),
        **object_registration.scope_objects(),
        **object_registration.GLOBAL_CUSTOM_OBJECTS,
    }
    objects = {**module_objects, **custom_objects}
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
    registered = config.get("registered_name")
    if registered and registered in custom_objects:
        cls = custom_objects[registered]
    else:
        cls = _lookup(config["class_name"], objects, kind)
    return cls.from_config(dict(config.get("config") or {}))


def _lookup(name: str, objects: Mapping[str, Any], kind: str) -> Any:
    if name not in objects:
        raise ValueError(
            f"Could not interpret {kind} identifier: {name}. Known names: "
            f"{sorted(objects)}"
        )
    return objects[name]


# ----------------------------------------------------------------- Keras 3 API

PLAIN_TYPES = (str, int, float, bool)

# Keras-exported functions that a model config may never name (they would
# load files or switch safety off while deserializing).
NON_MODELING_APIS = frozenset(
    {
        "keras.backend.clear_session",
        "keras.config.enable_unsafe_deserialization",
        "keras.models.load_model",
        "keras.models.model_from_json",
        "keras.models.save_model",
        "keras.saving.deserialize_keras_object",
        "keras.saving.load_model",
        "keras.saving.load_weights",
        "keras.saving.register_keras_serializable",
        "keras.saving.save_model",
        "keras.saving.save_weights",
        "keras.saving.serialize_keras_object",
        "keras.utils.clear_session",
        "keras.utils.deserialize_keras_object",
        "keras.utils.get_file",
        "keras.utils.register_keras_serializable",
        "keras.utils.serialize_keras_object",
    }
)

_safe_mode: bool | None = None
_shared: dict | None = None  # {"objects": {id: obj}, "configs": {id: config}}


class SafeModeScope:
    """Scope that sets the safe mode seen by nested deserialization calls."""

    def __init__(self, safe_mode: bool | None = True) -> None:
        self.safe_mode = safe_mode

    def __enter__(self) -> SafeModeScope:
        global _safe_mode
        self.original_value = _safe_mode
        _safe_mode = self.safe_mode
        return self

    def __exit__(self, *args: Any) -> None:
        global _safe_mode
        _safe_mode = self.original_value


def enable_unsafe_deserialization() -> None:
    """Disables safe mode globally, allowing deserialization of lambdas."""
    global _safe_mode
    _safe_mode = False


def in_safe_mode() -> bool | None:
    """The safe mode set by an enclosing `SafeModeScope` (None when unset)."""
    return _safe_mode


class ObjectSharingScope:
    """Scope in which an object serialized (or deserialized) twice is shared.

    Inside it, a second serialization of the same object marks both configs
    with `shared_object_id`, and deserialization returns one instance for them.
    """

    def __enter__(self) -> ObjectSharingScope:
        global _shared
        self._previous = _shared
        _shared = {"objects": {}, "configs": {}}
        return self

    def __exit__(self, *args: Any) -> None:
        global _shared
        _shared = self._previous


def _record_serialized(obj: Any, config: dict) -> None:
    if config["module"] == "__main__":
        config["module"] = None
    if _shared is None:
        return
    configs = _shared["configs"]
    if id(obj) not in configs:
        configs[id(obj)] = config
    else:
        config["shared_object_id"] = id(obj)
        configs[id(obj)]["shared_object_id"] = id(obj)


def serialize_keras_object(obj: Any) -> Any:
    """Retrieve the config dict by serializing the Keras object.

    The reciprocal of `deserialize_keras_object`. Objects become Keras 3's
    `{"module", "class_name", "config", "registered_name"}` dicts (plus
    `build_config` / `compile_config` when the object has them); plain values,
    lists, tuples and dicts are serialized element-wise.

    Args:
        obj: The Keras object to serialize.

    Returns:
        A JSON-compatible Python structure representing the object.
    """
    if obj is None or isinstance(obj, PLAIN_TYPES):
        return obj
    if isinstance(obj, list | tuple):
        values = [serialize_keras_object(x) for x in obj]
        return tuple(values) if isinstance(obj, tuple) else values
    if isinstance(obj, dict):
        return serialize_dict(obj)
    special = _serialize_special(obj)
    if special is not None:
        return special
    if isinstance(obj, types.FunctionType):
        # Keras serializes every plain function through the `function` class.
        return {
            "module": "builtins",
            "class_name": "function",
            "config": object_registration.get_registered_name(obj),
            "registered_name": "function",
        }
    return _serialize_class_instance(obj)


def serialize_dict(obj: Mapping) -> dict:
    """Serializes every value of a dict with `serialize_keras_object`."""
    return {key: serialize_keras_object(value) for key, value in obj.items()}


def _serialize_special(obj: Any) -> Any:
    from kerasish.core.keras_tensor import KerasTensor
    from kerasish.core.variables import Variable

    if isinstance(obj, bytes):
        return {"class_name": "__bytes__", "config": {"value": obj.decode("utf-8")}}
    if isinstance(obj, slice):
        return {
            "class_name": "__slice__",
            "config": {
                "start": serialize_keras_object(obj.start),
                "stop": serialize_keras_object(obj.stop),
                "step": serialize_keras_object(obj.step),
            },
        }
    if obj is Ellipsis:
        return {"class_name": "__ellipsis__", "config": {}}
    if isinstance(obj, KerasTensor):
        history = obj._keras_history
        if history:
            history = [history[0].name, *history[1:]]
        return {
            "class_name": "__keras_tensor__",
            "config": {
                "shape": obj.shape,
                "dtype": obj.dtype,
                "keras_history": history,
            },
        }
    if isinstance(obj, jax.Array | Variable):
        value = np.asarray(obj)
        return {
            "class_name": "__tensor__",
            "config": {"value": value.tolist(), "dtype": str(value.dtype)},
        }
    if isinstance(obj, np.ndarray | np.generic):
        if isinstance(obj, np.ndarray) and obj.ndim > 0:
            return {
                "class_name": "__numpy__",
                "config": {"value": obj.tolist(), "dtype": str(obj.dtype)},
            }
        return obj.item()
    if isinstance(obj, types.FunctionType) and obj.__name__ == "<lambda>":
        return _serialize_lambda(obj)
    return None


def _serialize_lambda(fn: Any) -> dict:
    from kerasish.layers.core import lambda_layer

    try:
        source = inspect.getsource(fn)
    except (OSError, TypeError):
        source = repr(fn)
    warnings.warn(
        "The object being serialized includes a `lambda`. This is unsafe. "
        "In order to reload the object, you will have to pass "
        "`safe_mode=False` to the loading function. "
        "Please avoid using `lambda` in the "
        "future, and use named Python functions instead. "
        f"This is the `lambda` being serialized: {source}",
        stacklevel=3,
    )
    dumped = lambda_layer._serialize_function(fn)["config"]
    return {
        "class_name": "__lambda__",
        "config": {
            "value": (dumped["code"], dumped["defaults"], dumped["closure"]),
        },
    }


def _serialize_class_instance(obj: Any) -> dict:
    from kerasish.saving import public_names

    cls = type(obj)
    if not hasattr(obj, "get_config"):
        raise TypeError(
            f"Cannot serialize object {obj} of type {cls}. To be serializable, "
            "a class must implement the `get_config()` method."
        )
    inner = obj.get_config()
    if not isinstance(inner, dict):
        raise TypeError(
            f"The `get_config()` method of {obj} should return a dict. "
            f"It returned: {inner}"
        )
    inner = serialize_dict(inner)
    module = public_names.public_module(cls)
    if module is not None:
        config = {
            "module": module,
            "class_name": cls.__name__,
            "config": inner,
            "registered_name": None,
        }
    else:
        config = {
            "module": public_names.internal_module(cls) or cls.__module__,
            "class_name": cls.__name__,
            "config": inner,
            "registered_name": object_registration.get_registered_name(cls),
        }
    _add_build_and_compile_config(obj, config)
    _record_serialized(obj, config)
    return config


def _add_build_and_compile_config(obj: Any, config: dict) -> None:
    if hasattr(obj, "get_build_config"):
        build_config = obj.get_build_config()
        if build_config is not None:
            config["build_config"] = serialize_dict(build_config)
    if hasattr(obj, "get_compile_config"):
        compile_config = obj.get_compile_config()
        if compile_config is not None:
            config["compile_config"] = serialize_dict(compile_config)


# Deserialization lives in its own module; Keras exposes both from this one.
from kerasish.saving.deserialization import (  # noqa: E402
    deserialize_keras_object as deserialize_keras_object,
)
