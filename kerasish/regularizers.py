"""`keras.regularizers`: weight penalties (L1, L2, L1L2, orthogonal) and `get`."""

from __future__ import annotations

import inspect
import math
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from kerasish import ops
from kerasish.core.naming import to_snake_case
from kerasish.ops._dispatch import to_tensor


def validate_float_arg(value: Any, name: str) -> float:
    """Checks that `value` is a finite, non-negative number; returns it as float."""
    if (
        not isinstance(value, float | int)
        or math.isinf(value)
        or math.isnan(value)
        or value < 0
    ):
        raise ValueError(
            f"Invalid value for argument {name}: expected a non-negative float."
            f"Received: {name}={value}"
        )
    return float(value)


class Regularizer:
    """Base class of regularizers: a callable `weights -> scalar penalty`.

    Subclasses implement `__call__` and `get_config`.
    """

    def __call__(self, x: Any) -> Any:
        return 0.0

    @classmethod
    def from_config(cls, config: dict) -> Regularizer:
        """Creates a regularizer from the output of `get_config`."""
        return cls(**config)

    def get_config(self) -> dict:
        """Returns the regularizer's configuration."""
        raise NotImplementedError(f"{self} does not implement get_config()")


class L1L2(Regularizer):
    """Applies both penalties: `l1 * sum(abs(x)) + l2 * sum(square(x))`.

    Args:
        l1: L1 factor (`None` means 0).
        l2: L2 factor (`None` means 0).
    """

    def __init__(self, l1: float | None = 0.0, l2: float | None = 0.0) -> None:
        self.l1 = validate_float_arg(0.0 if l1 is None else l1, name="l1")
        self.l2 = validate_float_arg(0.0 if l2 is None else l2, name="l2")

    def __call__(self, x: Any) -> jax.Array:
        x = to_tensor(x)
        penalty = jnp.zeros((), dtype=x.dtype)
        if self.l1 != 0.0:
            penalty = penalty + jnp.asarray(self.l1, x.dtype) * jnp.sum(jnp.abs(x))
        if self.l2 != 0.0:
            penalty = penalty + jnp.asarray(self.l2, x.dtype) * jnp.sum(jnp.square(x))
        return penalty

    def get_config(self) -> dict:
        return {"l1": self.l1, "l2": self.l2}


class L1(Regularizer):
    """L1 penalty: `l1 * sum(abs(x))`.

    Args:
        l1: The factor (default 0.01; `None` also means 0.01).
    """

    def __init__(self, l1: float | None = 0.01) -> None:
        l1 = validate_float_arg(0.01 if l1 is None else l1, name="l1")
        # Keras stores the factor as a float32 tensor, so its config reads back
        # the float32-rounded value (0.009999999776482582 for 0.01).
        self.l1 = float(np.float32(l1))

    def __call__(self, x: Any) -> jax.Array:
        x = to_tensor(x)
        return jnp.asarray(self.l1, x.dtype) * jnp.sum(jnp.abs(x))

    def get_config(self) -> dict:
        return {"l1": self.l1}


class L2(Regularizer):
    """L2 penalty: `l2 * sum(square(x))` (no factor 1/2).

    Args:
        l2: The factor (default 0.01; `None` also means 0.01).
    """

    def __init__(self, l2: float | None = 0.01) -> None:
        self.l2 = validate_float_arg(0.01 if l2 is None else l2, name="l2")

    def __call__(self, x: Any) -> jax.Array:
        x = to_tensor(x)
        return jnp.asarray(self.l2, x.dtype) * jnp.sum(jnp.square(x))

    def get_config(self) -> dict:
        return {"l2": self.l2}


class OrthogonalRegularizer(Regularizer):
    """Encourages the rows (or columns) of a 2D weight to be orthogonal.

    The penalty is `factor * 0.5 * mean(|dot products|)` over all distinct
    pairs of L2-normalized rows (or columns).

    Args:
        factor: The penalty factor (default 0.01).
        mode: `"rows"` or `"columns"`.
    """

    def __init__(self, factor: float = 0.01, mode: str = "rows") -> None:
        validate_float_arg(factor, name="factor")
        # Stored as float32, like Keras (visible in `get_config`).
        self.factor = float(np.float32(factor))
        if mode not in {"rows", "columns"}:
            raise ValueError(
                "Invalid value for argument `mode`. Expected one of "
                f'{{"rows", "columns"}}. Received: mode={mode}'
            )
        self.mode = mode

    def __call__(self, inputs: Any) -> jax.Array:
        inputs = to_tensor(inputs)
        if inputs.ndim != 2:
            raise ValueError(
                "Inputs to OrthogonalRegularizer must have rank 2. Received: "
                f"inputs.shape={inputs.shape}"
            )
        if self.mode == "rows":
            inputs = ops.normalize(inputs, axis=1)
            product = inputs @ inputs.T
        else:
            inputs = ops.normalize(inputs, axis=0)
            product = inputs.T @ inputs
        size = product.shape[0]
        off_diagonal = product * (1.0 - jnp.eye(size, dtype=inputs.dtype))
        num_pairs = size * (size - 1.0) / 2.0
        factor = jnp.asarray(self.factor, inputs.dtype)
        return factor * 0.5 * jnp.sum(jnp.abs(off_diagonal)) / num_pairs

    def get_config(self) -> dict:
        return {"factor": self.factor, "mode": self.mode}


l1 = L1
l2 = L2
l1_l2 = L1L2
orthogonal_regularizer = OrthogonalRegularizer

_CLASSES = (Regularizer, L1, L2, L1L2, OrthogonalRegularizer)
ALL_OBJECTS_DICT: dict[str, type] = {cls.__name__: cls for cls in _CLASSES}
ALL_OBJECTS_DICT.update({to_snake_case(cls.__name__): cls for cls in _CLASSES})
# Keras' snake_case of "L1L2" is "l1l2"; accept the exported alias name as well.
ALL_OBJECTS_DICT["l1_l2"] = L1L2


def serialize(regularizer: Regularizer | None) -> dict | None:
    """Returns the Keras config dict of a regularizer (None for None)."""
    from kerasish.saving.serialization_lib import serialize_object

    return serialize_object(regularizer, "keras.regularizers", ALL_OBJECTS_DICT)


def deserialize(config: dict | str, custom_objects: dict | None = None) -> Any:
    """Returns a regularizer from its config dict (or name)."""
    if isinstance(config, str):
        config = {"class_name": config, "config": {}}
    from kerasish.saving.serialization_lib import deserialize_object

    return deserialize_object(
        config, ALL_OBJECTS_DICT, custom_objects, kind="regularizer"
    )


def get(identifier: Any) -> Any:
    """Retrieves a regularizer.

    Args:
        identifier: `None`, a name (`"l1"`, `"l2"`, `"l1l2"`,
            `"orthogonal_regularizer"`), a config dict, a class (instantiated
            with its defaults), or a callable.

    Returns:
        A regularizer, or `None`.
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
    raise ValueError(f"Could not interpret regularizer identifier: {identifier}")


def _unknown(identifier: Any) -> str:
    return (
        f"Could not interpret regularizer identifier: {identifier}. "
        f"Expected one of {sorted(ALL_OBJECTS_DICT)}, a callable or a config dict."
    )
