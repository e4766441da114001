"""`keras.datasets`: small datasets as NumPy arrays (loaded on first use)."""

import importlib as _importlib

_DATASETS = (
    "boston_housing",
    "california_housing",
    "cifar10",
    "cifar100",
    "digits",
    "fashion_mnist",
    "imdb",
    "mnist",
    "reuters",
)

__all__ = list(_DATASETS)


def __getattr__(name: str):
    if name in _DATASETS:
        return _importlib.import_module(f"kerasish.datasets.{name}")
    raise AttributeError(f"module 'kerasish.datasets' has no attribute '{name}'")


def __dir__() -> list[str]:
    return sorted(__all__)
