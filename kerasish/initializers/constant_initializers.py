"""Deterministic initializers: `Zeros`, `Ones`, `Constant`, `Identity`."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from kerasish.backend import config
from kerasish.initializers.initializer import Initializer
from kerasish.ops._dispatch import standardize_dtype, to_tensor


def _dtype(dtype: Any) -> str:
    return standardize_dtype(dtype) or config.floatx()


class Zeros(Initializer):
    """Initializer that generates tensors filled with 0.

    Example:

    >>> initializer = Zeros()
    >>> values = initializer(shape=(2, 2))
    """

    def __call__(self, shape: tuple[int, ...], dtype: Any = None) -> jax.Array:
        return jnp.zeros(tuple(shape), dtype=_dtype(dtype))


class Ones(Initializer):
    """Initializer that generates tensors filled with 1.

    Example:

    >>> initializer = Ones()
    >>> values = initializer(shape=(2, 2))
    """

    def __call__(self, shape: tuple[int, ...], dtype: Any = None) -> jax.Array:
        return jnp.ones(tuple(shape), dtype=_dtype(dtype))


class Constant(Initializer):
    """Initializer that generates tensors with a constant value.

    Args:
        value: A Python scalar (or an array broadcastable to the shape).

    Example:

    >>> initializer = Constant(10.)
    >>> values = initializer(shape=(2, 2))
    """

    def __init__(self, value: Any = 0.0) -> None:
        self.value = value

    def __call__(self, shape: tuple[int, ...], dtype: Any = None) -> jax.Array:
        dtype = _dtype(dtype)
        return to_tensor(self.value).astype(dtype) * jnp.ones(tuple(shape), dtype=dtype)

    def get_config(self) -> dict:
        value = self.value
        if isinstance(value, np.ndarray | jax.Array):
            value = np.asarray(value).tolist()
        return {"value": value}

    @classmethod
    def from_config(cls, config: dict) -> Constant:
        value = config.get("value", 0.0)
        # Keras serializes array values as nested objects: keep their payload.
        if isinstance(value, dict):
            value = value.get("config", {}).get("value", value)
        return cls(value)


class Identity(Initializer):
    """Initializer that generates the identity matrix (2D shapes only).

    Args:
        gain: Multiplicative factor applied to the identity matrix.

    Example:

    >>> initializer = Identity()
    >>> values = initializer(shape=(2, 2))
    """

    def __init__(self, gain: float = 1.0) -> None:
        self.gain = gain

    def __call__(self, shape: tuple[int, ...], dtype: Any = None) -> jax.Array:
        if len(shape) != 2:
            raise ValueError(
                "Identity matrix initializer can only be used for 2D matrices. "
                f"Received: shape={shape} of rank {len(shape)}."
            )
        dtype = _dtype(dtype)
        return (self.gain * jnp.eye(*shape, dtype=dtype)).astype(dtype)

    # Keras quirk: `Identity` has no `get_config`, so `gain` is not serialized.
