"""Layer configs: the base config every layer shares, and rebuilding from one."""

from __future__ import annotations

from typing import Any

from kerasish import dtype_policies


def base_config(layer: Any) -> dict:
    """`name`, `trainable` and `dtype`, as every Keras layer config starts."""
    return {
        "name": layer.name,
        "trainable": layer.trainable,
        "dtype": dtype_policies.serialize(layer.dtype_policy),
    }


def layer_from_config(cls: type, config: dict) -> Any:
    """`cls(**config)`, accepting Keras' serialized dtype policy."""
    config = dict(config)
    if isinstance(config.get("dtype"), dict):
        config["dtype"] = dtype_policies.deserialize(config["dtype"])
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
