"""Config entries shared by the recurrent cells and layers, in Keras' forms."""

from __future__ import annotations

from typing import Any

from kerasish import activations, constraints, initializers, regularizers

_SERIALIZERS = (
    ("activation", activations.serialize),
    ("initializer", initializers.serialize),
    ("regularizer", regularizers.serialize),
    ("constraint", constraints.serialize),
)


def serialize_args(source: Any, keys: tuple[str, ...]) -> dict:
    """`{key: serialized getattr(source, key)}` in the order of `keys`
    (activations, initializers, regularizers and constraints by their suffix)."""
    config = {}
    for key in keys:
        value = getattr(source, key)
        for suffix, serialize in _SERIALIZERS:
            if key.endswith(suffix):
                value = serialize(value)
                break
        config[key] = value
    return config


def check_units(units: Any) -> None:
    """Keras' check of a cell's `units` argument."""
    if not isinstance(units, int) or isinstance(units, bool) or units <= 0:
        raise ValueError(
            "Received an invalid value for argument `units`, "
            f"expected a positive integer, got {units}."
        )


def check_use_cudnn(use_cudnn: Any) -> None:
    """Keras' check of LSTM/GRU's `use_cudnn` (kerasish always runs its scan)."""
    if use_cudnn not in ("auto", True, False):
        raise ValueError(
            "Invalid valid received for argument `use_cudnn`. "
            "Expected one of {'auto', True, False}. "
            f"Received: use_cudnn={use_cudnn}"
        )


def clip_rate(rate: float) -> float:
    """Dropout rates are clipped to `[0, 1]`, as Keras does."""
    return min(1.0, max(0.0, rate))


def delegate_to_cell(cls: type, names: tuple[str, ...]) -> None:
    """Read-only properties `cls.<name>` returning `self.cell.<name>`, as the
    Keras recurrent layers expose their cell's arguments."""

    def make(name: str) -> property:
        return property(lambda self: getattr(self.cell, name))

    for name in names:
        setattr(cls, name, make(name))


def deserialize_built(config: dict, custom_objects: dict | None = None) -> Any:
    """`keras.layers.deserialize(config)`, built from its `build_config` when
    the config has one, as Keras' deserialization does for nested layers."""
    from kerasish.layers import deserialize

    layer = deserialize(config, custom_objects=custom_objects)
    build_config = config.get("build_config")
    if build_config and not layer.built:
        layer.build_from_config(build_config)
    return layer
