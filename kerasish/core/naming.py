"""Keras auto-names: snake_case class names plus a process-global counter."""

from __future__ import annotations

import collections
import contextlib
import re
from collections.abc import Iterator

_COUNTS: collections.Counter[str] = collections.Counter()


def to_snake_case(name: str) -> str:
    """`BatchNormalization` -> `batch_normalization` (Keras' rules)."""
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    name = re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()
    return name


def uniquify(name: str) -> str:
    """Returns `name`, then `name_1`, `name_2`, ... on later calls (Keras' counter)."""
    count = _COUNTS[name]
    _COUNTS[name] += 1
    return name if count == 0 else f"{name}_{count}"


def auto_name(class_name: str) -> str:
    """A fresh Keras-style name for an object of class `class_name`."""
    return uniquify(to_snake_case(class_name))


def reset() -> None:
    """Forgets every name handed out (`keras.backend.clear_session`)."""
    _COUNTS.clear()


_PATH: list[tuple[str, int]] = []


@contextlib.contextmanager
def name_scope(name: str, owner: object) -> Iterator[None]:
    """Nests variable paths under `name` (`sequential/dense/kernel`), as Keras'
    name scopes do while a layer builds or runs inside its parent. Re-entering
    the scope of the same owner does not nest again."""
    if _PATH and _PATH[-1][1] == id(owner):
        yield
        return
    _PATH.append((name, id(owner)))
    try:
        yield
    finally:
        _PATH.pop()


def path_for(name: str) -> str:
    """The full variable path for `name` under the active name scopes."""
    return "/".join([*(scope for scope, _ in _PATH), name])
