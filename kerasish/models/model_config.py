"""Configs of `Model` subclasses: Keras' automatic config and `from_config`.

Keras records the constructor arguments of every object (`Operation.__new__`);
a subclass that does not write `get_config` gets them back as its config when
they are all plain values (str, int, float, bool, None, nested lists/dicts).
"""

from __future__ import annotations

import inspect
import textwrap
from typing import Any

import jax

_PLAIN = (str, int, float, bool, type(None))

_EXAMPLE = """
            class CustomLayer(keras.layers.Layer):
                def __init__(self, arg1, arg2, **kwargs):
                    super().__init__(**kwargs)
                    self.arg1 = arg1
                    self.arg2 = arg2

                def get_config(self):
                    config = super().get_config()
                    config.update({
                        "arg1": self.arg1,
                        "arg2": self.arg2,
                    })
                    return config
            """


def record_init_arguments(cls: type, args: tuple, kwargs: dict) -> Any:
    """The constructor call as Keras' auto-config keeps it (or why it cannot).

    Returns a dict of arguments (defaults applied, `name` removed), or the
    string `"positional"` / `"unserializable"` naming why no config exists.
    """
    try:
        bound = inspect.signature(cls.__init__).bind(None, *args, **kwargs)
    except TypeError:
        return "unserializable"
    spec = inspect.getfullargspec(cls.__init__)
    bound.apply_defaults()
    arguments = dict(bound.arguments)
    arguments.update(arguments.pop(spec.varkw, {}) if spec.varkw else {})
    arguments.pop(spec.args[0], None)
    arguments.pop("name", None)
    if spec.varargs is not None and arguments.pop(spec.varargs, ()):
        return "positional"
    leaves = jax.tree_util.tree_leaves(arguments, is_leaf=lambda x: x is None)
    if not all(isinstance(v, _PLAIN) for v in leaves):
        return "unserializable"
    return arguments


def auto_config(model: Any, base: dict) -> dict:
    """Keras' default config of a subclass: name, constructor args, base keys."""
    recorded = model.__dict__.get("_auto_config", "unserializable")
    if not isinstance(recorded, dict):
        reason = (
            "positional only or variadic positional arguments (e.g.,\n"
            "            `*args`) to `__init__()`, which is not supported by the\n"
            "            automatic config generation. Please remove all positional\n"
            "            only and variadic arguments from `__init__()`\n"
            "            or override `get_config()` and `from_config()` to make\n"
            "            the object serializatble."
            if recorded == "positional"
            else "non-serializable argument values in `__init__()`,\n"
            "            and therefore the object must override `get_config()` in\n"
            "            order to be serializable. Please implement `get_config()`."
        )
        raise NotImplementedError(
            textwrap.dedent(
                f"""
            Object {type(model).__name__} was created by passing
            {reason}

            Example:

            {_EXAMPLE}"""
            )
        )
    config: dict[str, Any] = {"name": base["name"], **recorded}
    params = inspect.signature(type(model).__init__).parameters
    takes_kwargs = (
        "kwargs" in params and params["kwargs"].kind == inspect.Parameter.VAR_KEYWORD
    )
    if "name" not in params and not takes_kwargs:
        # Keras drops `name` when the constructor could not take it back.
        config.pop("name", None)
    rest = {k: v for k, v in base.items() if k != "name"}
    return {**config, **rest}


def model_from_config(cls: type, config: dict, custom_objects: Any = None) -> Any:
    """Keras' `Model.from_config`: a functional graph when the config is one
    and `cls` can take it, else `cls(**config)`."""
    from kerasish.models.functional import Functional
    from kerasish.models.functional_config import functional_from_config
    from kerasish.models.model import Model

    is_functional_config = all(
        key in config for key in ("name", "layers", "input_layers", "output_layers")
    )
    spec = inspect.getfullargspec(cls.__init__)
    functional_args = inspect.getfullargspec(Functional.__init__).args[1:]
    revivable = (
        cls in (Functional, Model)
        or spec.args[1:] == functional_args
        or (spec.varargs == "args" and spec.varkw == "kwargs")
    )
    if is_functional_config and revivable:
        return functional_from_config(cls, config, custom_objects=custom_objects)
    try:
        return cls(**config)
    except TypeError as e:
        raise TypeError(
            "Unable to revive model from config. When overriding "
            "the `get_config()` method, make sure that the "
            "returned config contains all items used as arguments "
            f"in the  constructor to {cls}, "
            "which is the default behavior. "
            "You can override this default behavior by defining a "
            "`from_config(cls, config)` class method to specify "
            "how to create an "
            f"instance of {cls.__name__} from its config.\n\n"
            f"Received config={config}\n\n"
            f"Error encountered during deserialization: {e}"
        ) from e


def model_from_json(json_string: str, custom_objects: dict | None = None) -> Any:
    """Parses a JSON model configuration string and returns a model instance.

    Example:

    ```python
    config = model.to_json()
    loaded_model = keras.models.model_from_json(config)
    ```

    Args:
        json_string: JSON string encoding a model configuration.
        custom_objects: Optional dictionary mapping names (strings) to custom
            classes or functions to be considered during deserialization.

    Returns:
        A Keras model instance (uncompiled).
    """
    import json

    from kerasish.saving import serialization_lib

    return serialization_lib.deserialize_keras_object(
        json.loads(json_string), custom_objects=custom_objects
    )
