"""The one piece of context: binds variables to tree leaves during a pure call."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

import jax

_LOCAL = threading.local()


class Scope:
    """Values, PRNG key, training flag and collected outputs of one pure call.

    `values` maps `id(variable)` to the array that stands for it inside the call;
    `updates` collects what `variable.assign` wrote (non-trainable state);
    `losses` collects what `layer.add_loss` received.

    `kind` says who opened it: `"pure"` (`model.apply` and the train step:
    random draws need its key), `"eager"` (a plain `layer(x)` call, which only
    carries the training flag) or `"symbolic"` (shape inference: assigns to
    unbound variables are recorded here and dropped with the scope).
    """

    def __init__(
        self,
        values: dict[int, Any] | None = None,
        key: jax.Array | None = None,
        training: bool | None = None,
        kind: str = "pure",
    ) -> None:
        self.kind = kind
        self.values = values if values is not None else {}
        self.updates: dict[int, Any] = {}
        self.losses: list[Any] = []
        self.key = key
        self.training = training

    def next_key(self) -> jax.Array:
        """Splits the scope's key deterministically, one fresh key per draw."""
        if self.key is None:
            raise ValueError(
                "A random operation ran inside a pure call that received no PRNG "
                "key. Pass `key=jax.random.key(0)` (or any key) to `model.apply`, "
                "or call the model with `training=False`."
            )
        self.key, sub = jax.random.split(self.key)
        return sub


def find(variable_id: int) -> Scope | None:
    """The innermost active scope that binds the variable with this id."""
    for candidate in reversed(getattr(_LOCAL, "stack", ())):
        if variable_id in candidate.values:
            return candidate
    return None


def current_scope() -> Scope | None:
    """The innermost active scope, or None outside any pure call."""
    stack = getattr(_LOCAL, "stack", None)
    return stack[-1] if stack else None


@contextlib.contextmanager
def enter(scope: Scope) -> Iterator[Scope]:
    """Makes `scope` the active scope for the duration of the block."""
    if not hasattr(_LOCAL, "stack"):
        _LOCAL.stack = []
    _LOCAL.stack.append(scope)
    try:
        yield scope
    finally:
        _LOCAL.stack.pop()
