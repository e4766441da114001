"""Layer configs: the base config every layer shares, and rebuilding from one."""

from __future__ import annotations

from typing import Any


def dtype_policy_config(dtype: str) -> dict:
    """Keras 3's serialized `DTypePolicy` for a plain dtype name."""
    return {
        "module": "keras",
        "class_name": "DTypePolicy",
        "config": {"name": dtype},
        "registered_name": None,
    }


def base_config(layer: Any) -> dict:
    """`name`, `trainable` and `dtype`, as every Keras layer config starts."""
    return {
        "name": layer.name,
        "trainable": layer.trainable,
        "dtype": dtype_policy_config(layer.dtype),
    }


def layer_from_config(cls: type, config: dict) -> Any:
    """`cls(**config)`, accepting Keras' serialized dtype policy."""
    config = dict(config)
    dtype = config.get("dtype")
    if isinstance(dtype, dict):
        config["dtype"] = dtype.get("config", {}).get("name")
    return cls(**config)


def serialize_layer(layer: Any) -> dict:
    """Keras' `{module, class_name, config, registered_name}` form of a layer."""
    result = {
        "module": "keras.layers",
        "class_name": layer.__class__.__name__,
        "config": layer.get_config(),
        "registered_name": None,
    }
    build_config = layer.get_build_config()
    if build_config is not None:
        result["build_config"] = build_config
    return result
