"""The autocast scope: float variables read inside a mixed-precision layer's
`call` are cast to the layer's compute dtype, as Keras' `AutocastScope` does."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

_state = threading.local()


def current_dtype() -> str | None:
    """The compute dtype variables are cast to, or `None` outside any scope."""
    return getattr(_state, "dtype", None)


@contextlib.contextmanager
def autocast(dtype: str | None) -> Iterator[None]:
    """Casts float variables read in this block to `dtype` (`None`: no cast)."""
    previous = current_dtype()
    _state.dtype = dtype
    try:
        yield
    finally:
        _state.dtype = previous
