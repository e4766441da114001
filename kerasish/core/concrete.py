"""Concrete values on demand, even while JAX traces (weights built inside a
parent layer's traced `call`, random keys drawn during tracing)."""

from __future__ import annotations

import contextlib
from typing import Any

import jax

try:  # private, but the only way to ask whether a trace is under way
    from jax._src.core import trace_state_clean as _not_tracing
except ImportError:  # pragma: no cover - another JAX version

    def _not_tracing() -> bool:
        return False


def concrete_values() -> Any:
    """`jax.ensure_compile_time_eval()` while JAX traces, else no context.

    Outside a trace the context only costs: it makes library code that is
    jitted as a whole (`jnp.linalg.qr` in the orthogonal initializer) run op
    by op, each op compiled on its own (time and about 40 MB of memory for an
    LSTM's recurrent kernel).
    """
    if _not_tracing():
        return contextlib.nullcontext()
    return jax.ensure_compile_time_eval()
