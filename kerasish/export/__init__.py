"""Deployment export: `model.export(...)` formats and the StableHLO loader.

Importing this package loads only `load_stablehlo` (JAX, NumPy and the standard
library); the exporters load when `model.export` runs.
"""

from kerasish.export.stablehlo_loader import StableHLOModel, load_stablehlo

__all__ = [
    "StableHLOModel",
    "load_stablehlo",
]
