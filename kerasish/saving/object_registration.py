"""Custom object registration: `register_keras_serializable` and custom scopes."""

from __future__ import annotations

import inspect
from typing import Any

# `"package>name"` -> object, and object -> `"package>name"`, as Keras keeps them.
GLOBAL_CUSTOM_OBJECTS: dict[str, Any] = {}
GLOBAL_CUSTOM_NAMES: dict[Any, str] = {}

# The objects of the innermost active `CustomObjectScope`.
_scope_objects: dict[str, Any] = {}


def scope_objects() -> dict[str, Any]:
    """The objects of the active `custom_object_scope` (a copy)."""
    return dict(_scope_objects)


class CustomObjectScope:
    """Exposes custom classes/functions to Keras deserialization internals.

    Under a scope `with custom_object_scope(objects_dict)`, Keras methods such
    as `keras.models.load_model()` or `keras.models.model_from_config()` can
    deserialize any custom object referenced by a saved config (e.g. a custom
    layer or metric).

    Example:

    ```python
    layer = Dense(3, kernel_regularizer=my_regularizer)
    config = layer.get_config()
    with custom_object_scope({"my_regularizer": my_regularizer}):
        layer = Dense.from_config(config)
    ```

    Args:
        custom_objects: Dictionary of `{str: object}` pairs, where the `str`
            key is the object name.
    """

    def __init__(self, custom_objects: dict | None) -> None:
        self.custom_objects = custom_objects or {}
        self.backup: dict | None = None

    def __enter__(self) -> CustomObjectScope:
        global _scope_objects
        self.backup = dict(_scope_objects)
        # Keras replaces (does not merge) the outer scope's objects.
        _scope_objects = dict(self.custom_objects)
        return self

    def __exit__(self, *args: Any) -> None:
        global _scope_objects
        _scope_objects = dict(self.backup or {})


custom_object_scope = CustomObjectScope


def get_custom_objects() -> dict[str, Any]:
    """Retrieves a live reference to the global dictionary of custom objects.

    Objects set with `custom_object_scope()` are not added to it.

    Example:

    ```python
    get_custom_objects().clear()
    get_custom_objects()["MyObject"] = MyObject
    ```

    Returns:
        Global dictionary mapping registered names to classes and functions.
    """
    return GLOBAL_CUSTOM_OBJECTS


def register_keras_serializable(package: str = "Custom", name: str | None = None):
    """Registers an object with the Keras serialization framework.

    The decorated class or function is stored under the key `"package>name"`
    (`name` defaults to the object's `__name__`), so configs that name it can
    be deserialized without passing `custom_objects`. Classes must implement
    `get_config()`.

    Example:

    ```python
    @keras.saving.register_keras_serializable("my_package")
    class MyDense(keras.layers.Dense):
        pass

    assert keras.saving.get_registered_name(MyDense) == "my_package>MyDense"
    ```

    Args:
        package: The package the object belongs to (first part of the key).
        name: The name to register the object under (defaults to its name).

    Returns:
        A decorator that registers the decorated object and returns it.
    """

    def decorator(arg: Any) -> Any:
        class_name = name if name is not None else arg.__name__
        registered_name = f"{package}>{class_name}"
        if inspect.isclass(arg) and not hasattr(arg, "get_config"):
            raise ValueError(
                "Cannot register a class that does not have a get_config() method."
            )
        GLOBAL_CUSTOM_OBJECTS[registered_name] = arg
        GLOBAL_CUSTOM_NAMES[arg] = registered_name
        return arg

    return decorator


def get_registered_name(obj: Any) -> str:
    """Returns the name registered to an object within the Keras framework.

    Args:
        obj: The class or function to look up.

    Returns:
        Its `"package>name"` key, or its Python `__name__` when unregistered.
    """
    if obj in GLOBAL_CUSTOM_NAMES:
        return GLOBAL_CUSTOM_NAMES[obj]
    return obj.__name__


def get_registered_object(
    name: str, custom_objects: dict | None = None, module_objects: dict | None = None
) -> Any:
    """Returns the object registered (or in scope) under `name`, else `None`.

    Looks in the active `custom_object_scope`, then the global registry,
    then `custom_objects`, then `module_objects`, as Keras does.

    Args:
        name: The name to look up.
        custom_objects: Optional user dictionary of custom objects.
        module_objects: Optional dictionary of library objects.

    Returns:
        The class or function, or `None` if no such object exists.
    """
    if name in _scope_objects:
        return _scope_objects[name]
    if name in GLOBAL_CUSTOM_OBJECTS:
        return GLOBAL_CUSTOM_OBJECTS[name]
    if custom_objects and name in custom_objects:
        return custom_objects[name]
    if module_objects and name in module_objects:
        return module_objects[name]
    return None
