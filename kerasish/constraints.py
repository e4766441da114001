"""`keras.constraints`: projections applied to weights after each update, and `get`."""

from __future__ import annotations

import inspect
from typing import Any

import jax
import jax.numpy as jnp

from kerasish.backend import config as backend_config
from kerasish.core.naming import to_snake_case
from kerasish.ops._dispatch import axis_arg, to_float, to_tensor


def _norms(w: jax.Array, axis: Any) -> jax.Array:
    return jnp.sqrt(jnp.sum(jnp.square(w), axis=axis_arg(axis), keepdims=True))


class Constraint:
    """Base class of weight constraints: a callable `w -> projected w`.

    Subclasses implement `__call__` and, when configurable, `get_config`.
    """

    def __call__(self, w: Any) -> Any:
        return w

    def get_config(self) -> dict:
        """Returns the constraint's configuration."""
        return {}

    @classmethod
    def from_config(cls, config: dict) -> Constraint:
        """Creates a constraint from the output of `get_config`."""
        return cls(**config)


class MaxNorm(Constraint):
    """Caps the norm of the weights along `axis` at `max_value`.

    Args:
        max_value: Maximum norm.
        axis: Axis (or axes) along which norms are computed. For a `Dense`
            kernel `(input_dim, units)`, `axis=0` constrains each unit's
            incoming weight vector.
    """

    def __init__(self, max_value: float = 2, axis: Any = 0) -> None:
        self.max_value = max_value
        self.axis = axis

    def __call__(self, w: Any) -> jax.Array:
        w = to_float(w)
        norms = _norms(w, self.axis)
        desired = jnp.clip(norms, 0, self.max_value)
        return w * (desired / (backend_config.epsilon() + norms))

    def get_config(self) -> dict:
        return {"max_value": self.max_value, "axis": self.axis}


class NonNeg(Constraint):
    """Constrains the weights to be non-negative."""

    def __call__(self, w: Any) -> jax.Array:
        w = to_tensor(w)
        return jnp.maximum(w, jnp.zeros_like(w))


class UnitNorm(Constraint):
    """Constrains the weights to have unit norm along `axis`.

    Args:
        axis: Axis (or axes) along which norms are computed.
    """

    def __init__(self, axis: Any = 0) -> None:
        self.axis = axis

    def __call__(self, w: Any) -> jax.Array:
        w = to_float(w)
        return w / (backend_config.epsilon() + _norms(w, self.axis))

    def get_config(self) -> dict:
        return {"axis": self.axis}


class MinMaxNorm(Constraint):
    """Keeps the norm of the weights along `axis` between bounds.

    The new norm is `rate * clip(norm, min_value, max_value) + (1 - rate) * norm`.

    Args:
        min_value: Minimum norm.
        max_value: Maximum norm.
        rate: How far to move toward the bounds (1.0: strict projection).
        axis: Axis (or axes) along which norms are computed.
    """

    def __init__(
        self,
        min_value: float = 0.0,
        max_value: float = 1.0,
        rate: float = 1.0,
        axis: Any = 0,
    ) -> None:
        self.min_value = min_value
        self.max_value = max_value
        self.rate = rate
        self.axis = axis

    def __call__(self, w: Any) -> jax.Array:
        w = to_float(w)
        norms = _norms(w, self.axis)
        clipped = jnp.clip(norms, self.min_value, self.max_value)
        desired = self.rate * clipped + (1 - self.rate) * norms
        return w * (desired / (backend_config.epsilon() + norms))

    def get_config(self) -> dict:
        return {
            "min_value": self.min_value,
            "max_value": self.max_value,
            "rate": self.rate,
            "axis": self.axis,
        }


max_norm = MaxNorm
min_max_norm = MinMaxNorm
non_neg = NonNeg
unit_norm = UnitNorm

_CLASSES = (Constraint, MaxNorm, MinMaxNorm, NonNeg, UnitNorm)
ALL_OBJECTS_DICT: dict[str, type] = {cls.__name__: cls for cls in _CLASSES}
ALL_OBJECTS_DICT.update({to_snake_case(cls.__name__): cls for cls in _CLASSES})


def serialize(constraint: Constraint | None) -> dict | None:
    """Returns the Keras config dict of a constraint (None for None)."""
    from kerasish.saving.serialization_lib import serialize_object

    return serialize_object(constraint, "keras.constraints", ALL_OBJECTS_DICT)


def deserialize(config: dict | str, custom_objects: dict | None = None) -> Any:
    """Returns a constraint from its config dict (or name)."""
    if isinstance(config, str):
        config = {"class_name": config, "config": {}}
    from kerasish.saving.serialization_lib import deserialize_object

    return deserialize_object(
        config, ALL_OBJECTS_DICT, custom_objects, kind="constraint"
    )


def get(identifier: Any) -> Any:
    """Retrieves a constraint.

    Args:
        identifier: `None`, a name (`"max_norm"`, `"non_neg"`, `"unit_norm"`,
            `"min_max_norm"`, or a class name), a config dict, a class
            (instantiated with its defaults), or a callable.

    Returns:
        A constraint, or `None`.
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    elif isinstance(identifier, str):
        obj = ALL_OBJECTS_DICT.get(identifier)
        if obj is None:
            raise ValueError(_unknown(identifier))
    else:
        obj = identifier
    if callable(obj):
        return obj() if inspect.isclass(obj) else obj
    raise ValueError(f"Could not interpret constraint identifier: {identifier}")


def _unknown(identifier: Any) -> str:
    return (
        f"Could not interpret constraint identifier: {identifier}. "
        f"Expected one of {sorted(ALL_OBJECTS_DICT)}, a callable or a config dict."
    )
