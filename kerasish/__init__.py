"""kerasish: Keras 3's API on a pure, functional JAX core.

`import kerasish as keras` exposes the Keras namespaces. Sub-packages load on
first use, so `import kerasish` costs little more than `import jax`.
"""

import importlib as _importlib

__version__ = "0.1.0"

_SUBMODULES = (
    "activations",
    "backend",
    "callbacks",
    "config",
    "constraints",
    "datasets",
    "distribution",
    "dtype_policies",
    "export",
    "initializers",
    "layers",
    "losses",
    "metrics",
    "mixed_precision",
    "models",
    "ops",
    "optimizers",
    "random",
    "regularizers",
    "saving",
    "utils",
)

_TOP_LEVEL = {
    "DTypePolicy": "kerasish.dtype_policies",
    "Input": "kerasish.layers",
    "InputSpec": "kerasish.layers",
    "Layer": "kerasish.layers",
    "Loss": "kerasish.losses",
    "Metric": "kerasish.metrics",
    "Model": "kerasish.models",
    "Sequential": "kerasish.models",
    "Variable": "kerasish.core.variables",
}

__all__ = [*_SUBMODULES, *_TOP_LEVEL, "__version__"]


def __getattr__(name: str):
    if name in _SUBMODULES:
        return _importlib.import_module(f"kerasish.{name}")
    if name in _TOP_LEVEL:
        return getattr(_importlib.import_module(_TOP_LEVEL[name]), name)
    raise AttributeError(f"module 'kerasish' has no attribute '{name}'")


def __dir__() -> list[str]:
    return sorted(__all__)
