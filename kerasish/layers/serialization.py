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


serialize = serialize_layer


def deserialize(config: dict, custom_objects: dict | None = None) -> Any:
    """Rebuilds a layer from Keras' `{class_name, config, ...}` form."""
    from kerasish import layers, models
    from kerasish.layers.layer import Layer

    class_name = config.get("class_name")
    cls = (custom_objects or {}).get(class_name)
    if cls is None and class_name in layers.__all__:
        cls = getattr(layers, class_name)
    if cls is None:
        cls = getattr(models, class_name, None)
    if not (isinstance(cls, type) and issubclass(cls, Layer)):
        raise ValueError(
            f"Unknown layer: '{class_name}'. Please ensure you are using a "
            "`keras.utils.custom_object_scope` and that this object is included "
            "in the scope, or pass it in `custom_objects`."
        )
    inner: Any = config.get("config", {})
    if hasattr(cls, "from_config"):
        return cls.from_config(inner)
    return cls(**inner)
