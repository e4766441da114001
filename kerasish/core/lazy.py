"""Lazy namespace exports: a public name's module is imported on first access."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable


def lazy_exports(
    package: str, exports: dict[str, str]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """Module-level `__getattr__` and `__dir__` for `package`.

    Args:
        package: The importing package's name.
        exports: `{public name: module}`; the attribute of that name is read
            from the module (imported on first access), or, when the module is
            `package.<name>`, the name is that sub-module itself. The value is
            then stored in the package, so later lookups cost nothing extra.
    """

    def getattr_(name: str) -> object:
        if name not in exports:
            raise AttributeError(f"module '{package}' has no attribute '{name}'")
        module = importlib.import_module(exports[name])
        value = (
            module if exports[name] == f"{package}.{name}" else getattr(module, name)
        )
        setattr(sys.modules[package], name, value)
        return value

    def dir_() -> list[str]:
        return sorted(exports)

    return getattr_, dir_
