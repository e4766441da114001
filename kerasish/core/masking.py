"""Keras masks attached to arrays on the side (JAX arrays take no attributes)."""

from __future__ import annotations

import weakref
from typing import Any

# Keras' JAX backend keeps `_keras_mask` in an id-keyed dict cleaned up by a
# weakref finalizer (`backend/common/tensor_attributes.py`); this is the same
# mechanism. It also works on tracers, so it survives `jax.jit`.
_MASKS: dict[int, Any] = {}


def _forget(array_id: int) -> None:
    _MASKS.pop(array_id, None)


def set_keras_mask(x: Any, mask: Any) -> None:
    """Attaches `mask` to the array `x` (`None` clears it)."""
    if mask is None:
        _MASKS.pop(id(x), None)
        return
    try:
        weakref.finalize(x, _forget, id(x))
    except TypeError:
        return
    _MASKS[id(x)] = mask


def get_keras_mask(x: Any) -> Any:
    """The mask attached to the array `x`, or `None`."""
    mask = getattr(x, "_keras_mask", None)
    if mask is not None:
        return mask
    return _MASKS.get(id(x))
