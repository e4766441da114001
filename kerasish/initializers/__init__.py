"""`keras.initializers`: initializer classes, aliases, `get` and (de)serialization."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import jax
import numpy as np

from kerasish.backend.config import floatx
from kerasish.core.naming import to_snake_case
from kerasish.initializers.constant_initializers import Constant as Constant
from kerasish.initializers.constant_initializers import Identity as Identity
from kerasish.initializers.constant_initializers import Ones as Ones
from kerasish.initializers.constant_initializers import Zeros as Zeros
from kerasish.initializers.initializer import Initializer as Initializer
from kerasish.initializers.random_initializers import GlorotNormal as GlorotNormal
from kerasish.initializers.random_initializers import GlorotUniform as GlorotUniform
from kerasish.initializers.random_initializers import HeNormal as HeNormal
from kerasish.initializers.random_initializers import HeUniform as HeUniform
from kerasish.initializers.random_initializers import LecunNormal as LecunNormal
from kerasish.initializers.random_initializers import LecunUniform as LecunUniform
from kerasish.initializers.random_initializers import Orthogonal as Orthogonal
from kerasish.initializers.random_initializers import RandomNormal as RandomNormal
from kerasish.initializers.random_initializers import RandomUniform as RandomUniform
from kerasish.initializers.random_initializers import (
    TruncatedNormal as TruncatedNormal,
)
from kerasish.initializers.random_initializers import (
    VarianceScaling as VarianceScaling,
)
from kerasish.initializers.random_initializers import compute_fans as compute_fans
from kerasish.ops._dispatch import to_tensor

# Keras also exports each class under a snake_case name and two legacy names.
IdentityInitializer = Identity
OrthogonalInitializer = Orthogonal
constant = Constant
glorot_normal = GlorotNormal
glorot_uniform = GlorotUniform
he_normal = HeNormal
he_uniform = HeUniform
identity = Identity
lecun_normal = LecunNormal
lecun_uniform = LecunUniform
ones = Ones
orthogonal = Orthogonal
random_normal = RandomNormal
random_uniform = RandomUniform
truncated_normal = TruncatedNormal
variance_scaling = VarianceScaling
zeros = Zeros

_CLASSES = (
    Initializer, Constant, Identity, Ones, Zeros, GlorotNormal, GlorotUniform,
    HeNormal, HeUniform, LecunNormal, LecunUniform, Orthogonal, RandomNormal,
    RandomUniform, TruncatedNormal, VarianceScaling,
)  # fmt: skip
ALL_OBJECTS_DICT: dict[str, type] = {cls.__name__: cls for cls in _CLASSES}
ALL_OBJECTS_DICT.update({to_snake_case(cls.__name__): cls for cls in _CLASSES})
ALL_OBJECTS_DICT.update(
    {
        "IdentityInitializer": Identity,
        "normal": RandomNormal,
        "one": Ones,
        "OrthogonalInitializer": Orthogonal,
        "uniform": RandomUniform,
        "zero": Zeros,
    }
)


def serialize(initializer: Initializer | None) -> dict | None:
    """Returns the Keras config dict of an initializer (None for None)."""
    from kerasish.saving.serialization_lib import serialize_object

    return serialize_object(initializer, "keras.initializers", ALL_OBJECTS_DICT)


def deserialize(config: dict | str, custom_objects: dict | None = None) -> Any:
    """Returns an initializer from its config dict (or name)."""
    if isinstance(config, str):
        config = {"class_name": config, "config": {}}
    from kerasish.saving.serialization_lib import deserialize_object

    return deserialize_object(
        config, ALL_OBJECTS_DICT, custom_objects, kind="initializer"
    )


def get(identifier: Any) -> Callable | None:
    """Retrieves an initializer.

    Args:
        identifier: `None`, a name (`"glorot_uniform"`, `"zeros"`, `"uniform"`,
            ...), a config dict, an `Initializer` class (instantiated with its
            defaults) or instance, a callable `(shape, dtype=None)`, or an array
            (used as the value; the requested shape must match).

    Returns:
        An initializer callable, or `None` for `None`.

    Raises:
        ValueError: If the identifier cannot be interpreted.
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict | str):
        obj = deserialize(identifier)
    elif isinstance(identifier, jax.Array | np.ndarray | np.generic):
        obj = _from_array(identifier)
    else:
        obj = identifier
    if callable(obj):
        return obj() if inspect.isclass(obj) else obj
    raise ValueError(f"Could not interpret initializer identifier: {identifier}")


def _from_array(value: Any) -> Callable:
    def initialize_fn(shape: tuple[int, ...], dtype: Any = None) -> jax.Array:
        if tuple(shape) != tuple(value.shape):
            raise ValueError(
                f"Expected `shape` to be {value.shape} for direct tensor as "
                f"initializer. Received shape={shape}"
            )
        return to_tensor(value, dtype=dtype or floatx())

    return initialize_fn
