"""What the recurrent cells and layers share: their weights, argument checks and
config entries, in Keras' forms."""

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


def add_cell_weights(
    cell: Any,
    kernel_shape: tuple,
    recurrent_shape: tuple,
    bias_shape: tuple,
    bias_initializer: Any = None,
) -> None:
    """Adds a cell's `kernel`, `recurrent_kernel` and (with `use_bias`)
    `bias`, in Keras' order, with the cell's initializers, regularizers and
    constraints (`bias_initializer` overrides the cell's own)."""
    cell.kernel = cell.add_weight(
        shape=kernel_shape,
        name="kernel",
        initializer=cell.kernel_initializer,
        regularizer=cell.kernel_regularizer,
        constraint=cell.kernel_constraint,
    )
    cell.recurrent_kernel = cell.add_weight(
        shape=recurrent_shape,
        name="recurrent_kernel",
        initializer=cell.recurrent_initializer,
        regularizer=cell.recurrent_regularizer,
        constraint=cell.recurrent_constraint,
    )
    cell.bias = None
    if cell.use_bias:
        cell.bias = cell.add_weight(
            shape=bias_shape,
            name="bias",
            initializer=bias_initializer or cell.bias_initializer,
            regularizer=cell.bias_regularizer,
            constraint=cell.bias_constraint,
        )


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
