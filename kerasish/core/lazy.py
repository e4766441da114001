"""Lazy namespace exports: a public name's module is imported on first access."""

from __future__ import annotations

import importlib
from collections.abc import Callable


def lazy_exports(
    package: str, exports: dict[str, str]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """Module-level `__getattr__` and `__dir__` for `package`.

    Args:
        package: The importing package's name (for the error message).
        exports: `{public name: module}`; the attribute of that name is read
            from the module (imported on first access) and cached.
    """
    cache: dict[str, object] = {}

    def getattr_(name: str) -> object:
        if name not in exports:
            raise AttributeError(f"module '{package}' has no attribute '{name}'")
        if name not in cache:
            cache[name] = getattr(importlib.import_module(exports[name]), name)
        return cache[name]

    def dir_() -> list[str]:
        return sorted(exports)

    return getattr_, dir_
