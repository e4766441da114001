"""`keras.layers`: the layer classes, plus `serialize` / `deserialize`."""

from typing import Any

from kerasish.core.keras_tensor import KerasTensor
from kerasish.layers.activations.activation import Activation
from kerasish.layers.core.dense import Dense
from kerasish.layers.core.identity import Identity
from kerasish.layers.core.input_layer import Input, InputLayer
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer
from kerasish.layers.regularization.dropout import Dropout
from kerasish.layers.reshaping.flatten import Flatten
from kerasish.layers.reshaping.reshape import Reshape
from kerasish.layers.serialization import serialize_layer as serialize

__all__ = [
    "Activation",
    "Dense",
    "Dropout",
    "Flatten",
    "Identity",
    "Input",
    "InputLayer",
    "InputSpec",
    "KerasTensor",
    "Layer",
    "Reshape",
    "deserialize",
    "serialize",
]


def deserialize(config: dict, custom_objects: dict | None = None) -> Layer:
    """Rebuilds a layer from Keras' `{class_name, config, ...}` form."""
    class_name = config.get("class_name")
    cls = (custom_objects or {}).get(class_name) or globals().get(class_name)
    if cls is None:
        from kerasish import models

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
