"""`deserialize_keras_object`: Keras 3 configs back into kerasish objects.

Safety: classes and functions are found only among kerasish's public
built-ins (see `public_names`), registered objects and `custom_objects`;
no module named in a config is imported. Python lambdas (marshalled
bytecode) load only with `safe_mode=False`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from kerasish.saving import object_registration, public_names
from kerasish.saving import serialization_lib as lib


def deserialize_keras_object(
    config: Any,
    custom_objects: dict | None = None,
    safe_mode: bool = True,
    **kwargs: Any,
) -> Any:
    """Retrieve the object by deserializing the config dict.

    The config is what `serialize_keras_object` wrote: `class_name`,
    `config`, `module` (built-in Keras classes have a `keras` prefix) and
    `registered_name` (`"package>name"` for registered custom objects).

    Args:
        config: Python dict describing the object.
        custom_objects: Python dict mapping custom object names to the
            corresponding classes or functions.
        safe_mode: Boolean, defaults to True. If True, refuses to load
            Python lambdas (marshalled bytecode) from the config. An enclosing
            `SafeModeScope` takes precedence.

    Returns:
        The object described by the `config` dictionary.
    """
    ambient = lib.in_safe_mode()
    safe_mode = ambient if ambient is not None else safe_mode
    module_objects = kwargs.pop("module_objects", None)
    custom_objects = {
        **(custom_objects or {}),
        **object_registration.scope_objects(),
        **object_registration.GLOBAL_CUSTOM_OBJECTS,
    }
    if config is None:
        return None
    if isinstance(config, str) and custom_objects.get(config) is not None:
        return custom_objects[config]
    if isinstance(config, list | tuple):
        return [
            deserialize_keras_object(x, custom_objects, safe_mode=safe_mode)
            for x in config
        ]
    if module_objects is not None:
        found = _from_module_objects(config, module_objects, custom_objects)
        if found is not _MISSING:
            return found
    if isinstance(config, lib.PLAIN_TYPES):
        return config
    if not isinstance(config, dict):
        raise TypeError(f"Could not parse config: {config}")
    if "class_name" not in config or "config" not in config:
        return {
            key: deserialize_keras_object(value, custom_objects, safe_mode=safe_mode)
            for key, value in config.items()
        }
    special = _deserialize_special(config, custom_objects, safe_mode)
    if special is not _MISSING:
        return special
    return _deserialize_class_or_function(config, custom_objects, safe_mode)


_MISSING = object()


def _from_module_objects(config: Any, module_objects: dict, custom: dict) -> Any:
    """The legacy lookup by bare name in a library's own table."""
    name = config
    if isinstance(config, dict):
        if "class_name" not in config:
            raise ValueError(f"Unknown `config` as a `dict`, config={config}")
        if config["class_name"] in custom or config.get("registered_name") in custom:
            return _MISSING
        name = config["class_name"]
        if name == "function":
            name = config["config"]
    if not isinstance(name, str) or name not in module_objects:
        return _MISSING
    found = module_objects[name]
    if isinstance(config, dict) and isinstance(found, type):
        return found.from_config(dict(config.get("config") or {}))
    return found


def _deserialize_special(config: dict, custom_objects: dict, safe_mode: Any) -> Any:
    from kerasish.core.keras_tensor import KerasTensor

    class_name = config["class_name"]
    inner = config["config"] if config["config"] is not None else {}
    if class_name == "__keras_tensor__":
        tensor = KerasTensor(inner["shape"], dtype=inner["dtype"])
        tensor._pre_serialization_keras_history = inner["keras_history"]
        return tensor
    if class_name == "__tensor__":
        import jax.numpy as jnp

        return jnp.asarray(inner["value"], dtype=inner["dtype"])
    if class_name == "__numpy__":
        return np.array(inner["value"], dtype=inner["dtype"])
    if class_name == "__bytes__":
        return inner["value"].encode("utf-8")
    if class_name == "__ellipsis__":
        return Ellipsis
    if class_name == "__slice__":
        return slice(
            *(
                deserialize_keras_object(inner[k], custom_objects, safe_mode=safe_mode)
                for k in ("start", "stop", "step")
            )
        )
    if class_name == "__lambda__":
        if safe_mode:
            raise ValueError(
                "Requested the deserialization of a Python lambda. This "
                "carries a potential risk of arbitrary code execution and thus "
                "it is disallowed by default. If you trust the source of the "
                "artifact, you can override this error by passing "
                "`safe_mode=False` to the loading function, or calling "
                "`keras.config.enable_unsafe_deserialization()."
            )
        from kerasish.layers.core import lambda_layer

        code, defaults, closure = inner["value"]
        return lambda_layer._load_lambda(
            {"code": code, "defaults": defaults, "closure": closure}
        )
    return _MISSING


def _deserialize_class_or_function(
    config: dict, custom_objects: dict, safe_mode: Any
) -> Any:
    class_name = config["class_name"]
    inner = config["config"] if config["config"] is not None else {}
    module = config.get("module")
    registered_name = config.get("registered_name", class_name)
    if class_name == "function":
        if not isinstance(inner, str):
            raise TypeError(
                "Expected 'config' to be a non-null str for"
                "a function classname,\n"
                f"instead got {type(inner)}\n"
                f"Full config: {config}"
            )
        return retrieve_class_or_fn(
            inner, registered_name, module, "function", config, custom_objects
        )
    if not isinstance(inner, dict):
        raise TypeError(
            f"Expected 'config' to be a dict for {class_name},\n"
            f"instead got {type(inner)}\n"
            f"Full config: {config}"
        )
    shared_id = config.get("shared_object_id")
    if shared_id is not None and lib._shared is not None:
        shared = lib._shared["objects"].get(shared_id)
        if shared is not None:
            return shared
    cls = retrieve_class_or_fn(
        class_name, registered_name, module, "class", config, custom_objects
    )
    if not isinstance(cls, type):
        return cls
    if not hasattr(cls, "from_config"):
        raise TypeError(
            f"Unable to reconstruct an instance of '{class_name}' because "
            "the class is missing a `from_config()` method. "
            f"Full object config: {config}"
        )
    with (
        object_registration.CustomObjectScope(custom_objects),
        lib.SafeModeScope(safe_mode),
    ):
        instance = _instantiate(cls, inner, config)
        _restore_build_and_compile(instance, config)
    if shared_id is not None and lib._shared is not None:
        lib._shared["objects"][shared_id] = instance
    return instance


def _instantiate(cls: type, inner: dict, config: dict) -> Any:
    try:
        return cls.from_config(inner)
    except TypeError as e:
        raise TypeError(
            f"{cls} could not be deserialized properly. Please"
            " ensure that components that are Python object"
            " instances (layers, models, etc.) returned by"
            " `get_config()` are explicitly deserialized in the"
            " model's `from_config()` method."
            f"\n\nconfig={config}.\n\nException encountered: {e}"
        ) from e


def _restore_build_and_compile(instance: Any, config: dict) -> None:
    build_config = config.get("build_config")
    if build_config and not getattr(instance, "built", True):
        instance.build_from_config(build_config)
        instance.built = True
    compile_config = config.get("compile_config")
    if compile_config and hasattr(instance, "compile_from_config"):
        instance.compile_from_config(compile_config)
        instance.compiled = True


def retrieve_class_or_fn(
    name: str,
    registered_name: Any,
    module: Any,
    obj_type: str,
    full_config: dict,
    custom_objects: dict | None = None,
) -> Any:
    """Finds the class or function a config names, without importing anything.

    Registered and custom objects come first; then a `keras.*` module resolves
    to kerasish's public built-ins; a `builtins` function to Keras' built-in
    function namespaces. Anything else raises Keras' `TypeError`.
    """
    key = name if obj_type == "function" else registered_name
    custom = object_registration.get_registered_object(key, custom_objects)
    if custom is not None:
        return custom
    if module == "keras" or (isinstance(module, str) and module.startswith("keras.")):
        api_name = f"{module}.{name}"
        if api_name in lib.NON_MODELING_APIS:
            raise ValueError(
                f"Cannot deserialize `{api_name}` because it is not a "
                "modeling function. Non-modeling APIs are disallowed "
                "during deserialization for security. Model configuration "
                "should only contains operations, layers, metrics, losses, "
                "or registered custom objects and functions."
            )
        found = public_names.lookup(module, name)
        if found is not None:
            return found
    if obj_type == "function" and module == "builtins":
        found = public_names.builtin_function(name)
        if found is not None:
            return found
        if ">" not in name:
            # Keras <= 3.6 saved registered functions by bare name.
            for custom_name, custom_object in (custom_objects or {}).items():
                if custom_name.endswith(f">{name}"):
                    return custom_object
    if obj_type == "class" and custom_objects and name in custom_objects:
        return custom_objects[name]
    raise TypeError(
        f"Could not locate {obj_type} '{name}'. Make sure custom classes and "
        "functions are decorated with "
        "`@keras.saving.register_keras_serializable()`. If they are already "
        "decorated, make sure they are all imported so that the decorator is "
        f"run before trying to load them. Full object config: {full_config}"
    )
