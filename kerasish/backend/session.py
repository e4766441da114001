"""Session utilities: `clear_session`, dtype names, symbolic-tensor checks."""

from __future__ import annotations

import gc
from typing import Any

import jax.numpy as jnp

from kerasish.core import naming
from kerasish.core.keras_tensor import is_keras_tensor


def clear_session(free_memory: bool = True) -> None:
    """Resets Keras' global state: auto-name counters start again at `dense`,
    the dtype policy and the distribution go back to their defaults.

    Args:
        free_memory: Whether to run the garbage collector as well.
    """
    from kerasish.distribution.distribution_lib import set_distribution
    from kerasish.dtype_policies.dtype_policy import reset_dtype_policy

    naming.reset()
    # Keras clears all global attributes: the dtype policy and distribution too.
    reset_dtype_policy()
    set_distribution(None)
    if free_memory:
        gc.collect()


def standardize_dtype(dtype: Any) -> str:
    """The canonical dtype name (`"float32"`, `"int32"`, ...)."""
    if dtype is None:
        from kerasish.backend.config import floatx

        return floatx()
    if dtype == "int":
        return "int64"
    if dtype == "float":
        return "float32"
    return str(jnp.dtype(getattr(dtype, "name", dtype)))


__all__ = ["clear_session", "is_keras_tensor", "standardize_dtype"]
