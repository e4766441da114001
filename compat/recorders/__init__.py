"""Recorders for newer case kinds, one module per area, each importing Keras.

Like `compat/generate.py`, these modules run only in the reference environment
(`.venv-keras`). Each defines `RECORDERS = {kind: record_fn}`, where
`record_fn(case) -> (arrays, extras)` as in `generate.py`.
"""

import importlib
import pathlib
import pkgutil


def collect() -> dict:
    """Every module's `RECORDERS`, merged (a kind may be defined only once)."""
    merged = {}
    for info in sorted(pkgutil.iter_modules([str(pathlib.Path(__file__).parent)])):
        module = importlib.import_module(f"compat.recorders.{info.name}")
        for kind, fn in getattr(module, "RECORDERS", {}).items():
            if kind in merged:
                raise ValueError(f"Compat kind {kind!r} is recorded twice.")
            merged[kind] = fn
    return merged
