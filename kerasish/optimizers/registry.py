"""`get`, `serialize`, `deserialize`: optimizers from strings, configs and optax."""

from __future__ import annotations

import inspect
from typing import Any

import optax

from kerasish.optimizers.adagrad import Adagrad
from kerasish.optimizers.adam import Adam
from kerasish.optimizers.adamax import Adamax
from kerasish.optimizers.adamw import AdamW
from kerasish.optimizers.base import Optimizer
from kerasish.optimizers.loss_scale_optimizer import LossScaleOptimizer
from kerasish.optimizers.nadam import Nadam
from kerasish.optimizers.optax_wrapper import OptaxOptimizer
from kerasish.optimizers.rmsprop import RMSprop
from kerasish.optimizers.sgd import SGD

_BUILTINS: dict[str, type[Optimizer]] = {
    cls.__name__.lower(): cls
    for cls in (SGD, Adam, AdamW, RMSprop, Adagrad, Adamax, Nadam)
}
# Classes known to configs but not buildable from a bare name.
_KNOWN = {**_BUILTINS, "lossscaleoptimizer": LossScaleOptimizer}


def _unknown(identifier: Any) -> ValueError:
    return ValueError(
        f"Could not interpret optimizer identifier: {identifier}. Known optimizers: "
        f"{sorted(_BUILTINS)} (any case), an `Optimizer` instance, a config dict, "
        "or an `optax.GradientTransformation`."
    )


def serialize(optimizer: Optimizer) -> dict:
    """Returns the optimizer configuration as a Keras serialization dict.

    Args:
        optimizer: An `Optimizer` instance to serialize.

    Returns:
        `{"module", "class_name", "config", "registered_name"}` as Keras writes it.
    """
    cls = type(optimizer)
    builtin = _KNOWN.get(cls.__name__.lower()) is cls
    return {
        "module": "keras.optimizers" if builtin else cls.__module__,
        "class_name": cls.__name__,
        "config": optimizer.get_config(),
        "registered_name": None if builtin else cls.__name__,
    }


def deserialize(config: dict, custom_objects: dict | None = None) -> Optimizer:
    """Returns an optimizer from its `serialize` dict (built-ins case-insensitive).

    Args:
        config: Optimizer configuration dictionary.
        custom_objects: Optional dict mapping names to custom optimizer classes.

    Returns:
        A kerasish `Optimizer` instance.

    Raises:
        ValueError: if the class is unknown.
    """
    custom_objects = custom_objects or {}
    class_name = config["class_name"]
    cls = custom_objects.get(config.get("registered_name") or class_name)
    cls = cls or custom_objects.get(class_name) or _KNOWN.get(class_name.lower())
    if cls is None:
        raise _unknown(class_name)
    inner = dict(config.get("config") or {})
    if "custom_objects" in inspect.signature(cls.from_config).parameters:
        return cls.from_config(inner, custom_objects=custom_objects)
    return cls.from_config(inner)


def get(identifier: Any) -> Optimizer | None:
    """Retrieves a kerasish optimizer.

    Args:
        identifier: `None`, a string name (`"adam"`, `"rmsprop"`, `"SGD"`, ...,
            built with default arguments), a config dict, an `Optimizer`
            instance (returned unchanged) or an `optax.GradientTransformation`
            (wrapped in an `OptaxOptimizer`).

    Returns:
        An `Optimizer` instance, or `None` for `None`.

    Raises:
        ValueError: if the identifier cannot be interpreted.
    """
    if identifier is None:
        return None
    if isinstance(identifier, Optimizer):
        return identifier
    if isinstance(identifier, optax.GradientTransformation):
        return OptaxOptimizer(identifier)
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, str):
        return deserialize({"class_name": identifier, "config": {}})
    raise _unknown(identifier)
