"""`Bidirectional`: runs an RNN forwards and backwards and merges the outputs."""

from __future__ import annotations

import inspect
from typing import Any

import jax
import jax.numpy as jnp

from kerasish.layers import layer_utils
from kerasish.layers.layer import Layer
from kerasish.layers.rnn import cell_config

_MERGE_MODES = ("sum", "mul", "ave", "concat", None)


def _class_map(layer: Any) -> dict:
    """Classes of `layer` and everything below it, by name: the custom objects
    needed to rebuild it from its config (user-written cells included)."""
    found = {type(layer).__name__: type(layer)}
    for child in [*layer._layers, *getattr(getattr(layer, "cell", None), "cells", ())]:
        found.update(_class_map(child))
    cell = getattr(layer, "cell", None)
    if cell is not None and not isinstance(cell, Layer):
        found[type(cell).__name__] = type(cell)
    return found


def _clone(layer: Layer, **overrides: Any) -> Layer:
    """A fresh, unbuilt copy of `layer` from its config, with `overrides`."""
    config = {**layer.get_config(), **overrides}
    from_config = type(layer).from_config
    if "custom_objects" in inspect.signature(from_config).parameters:
        clone = from_config(config, custom_objects=_class_map(layer))
    else:
        clone = from_config(config)
    # Keras rebuilds the copies from the serialized build config.
    build_config = layer.get_build_config() if layer.built else None
    if build_config:
        clone.build_from_config(build_config)
    return clone


def _strip(name: str, prefix: str) -> str:
    return name[len(prefix) :] if name.startswith(prefix) else name


class Bidirectional(Layer):
    """Bidirectional wrapper for RNNs.

    Runs a copy of `layer` forwards (named `forward_<name>`) and one backwards
    (`backward_<name>`, or `backward_layer`), then merges their outputs. With
    `return_sequences` the backward sequence is flipped back into time order
    and masked steps output zeros (Keras forces `zero_output_for_mask`).

    Args:
        layer: A `keras.layers.RNN` instance (e.g. `LSTM`, `GRU`).
        merge_mode: How the outputs are combined: one of `"sum"`, `"mul"`,
            `"concat"` (default), `"ave"`, or `None` (a list of both).
        weights: Optional initial weights (forward half, then backward half).
        backward_layer: Optional RNN layer for the backward direction; its
            `go_backwards` must differ from `layer`'s.
        **kwargs: Base layer keyword arguments (e.g. `name` and `dtype`).

    Call arguments:
        sequences: A 3D tensor `(batch, timesteps, features)`.
        initial_state: Optional list of states: the forward layer's, then the
            backward layer's.
        mask: Optional boolean `(batch, timesteps)`.
        training: Passed to both layers.

    Example:

    ```python
    model = keras.Sequential([
        keras.Input(shape=(5, 10)),
        keras.layers.Bidirectional(keras.layers.LSTM(10, return_sequences=True)),
        keras.layers.Bidirectional(keras.layers.LSTM(10)),
        keras.layers.Dense(5, activation="softmax"),
    ])
    ```
    """

    def __init__(
        self,
        layer: Layer,
        merge_mode: str | None = "concat",
        weights: list | None = None,
        backward_layer: Layer | None = None,
        **kwargs: Any,
    ) -> None:
        if not isinstance(layer, Layer):
            raise ValueError(
                "Please initialize `Bidirectional` layer with a "
                f"`keras.layers.Layer` instance. Received: {layer}"
            )
        if backward_layer is not None and not isinstance(backward_layer, Layer):
            raise ValueError(
                "`backward_layer` need to be a `keras.layers.Layer` "
                f"instance. Received: {backward_layer}"
            )
        if merge_mode not in _MERGE_MODES:
            raise ValueError(
                f"Invalid merge mode. Received: {merge_mode}. "
                "Merge mode should be one of "
                '{"sum", "mul", "ave", "concat", None}'
            )
        super().__init__(**kwargs)
        self.forward_layer = _clone(
            layer, name=f"forward_{_strip(layer.name, 'forward_')}"
        )
        if backward_layer is None:
            backward_layer = _clone(
                layer,
                name=f"backward_{_strip(layer.name, 'backward_')}",
                go_backwards=True,
            )
        self.backward_layer = backward_layer
        self._verify_layer_config()
        for sub in (self.forward_layer, self.backward_layer):
            if getattr(sub, "zero_output_for_mask", None) is not None:
                sub.zero_output_for_mask = sub.return_sequences
        self.merge_mode = merge_mode
        self._initial_weights = weights
        self.stateful = layer.stateful
        self.return_sequences = layer.return_sequences
        self.return_state = layer.return_state
        self.supports_masking = True
        self.input_spec = layer.input_spec

    def _verify_layer_config(self) -> None:
        forward, backward = self.forward_layer, self.backward_layer
        if forward.go_backwards == backward.go_backwards:
            raise ValueError(
                "Forward layer and backward layer should have different "
                "`go_backwards` value. Received: "
                f"forward_layer.go_backwards {forward.go_backwards}, "
                f"backward_layer.go_backwards={backward.go_backwards}"
            )
        for a in ("stateful", "return_sequences", "return_state"):
            forward_value, backward_value = getattr(forward, a), getattr(backward, a)
            if forward_value != backward_value:
                raise ValueError(
                    "Forward layer and backward layer are expected to have "
                    f'the same value for attribute "{a}", got '
                    f'"{forward_value}" for forward layer and '
                    f'"{backward_value}" for backward layer'
                )

    # ----------------------------------------------------------- shapes, build

    def compute_output_shape(
        self, sequences_shape: tuple, initial_state_shape: Any = None
    ) -> Any:
        del initial_state_shape
        output_shape = self.forward_layer.compute_output_shape(sequences_shape)
        state_shape: tuple = ()
        if self.return_state:
            output_shape, state_shape = output_shape[0], tuple(output_shape[1:])
        if self.merge_mode == "concat":
            output_shape = (*output_shape[:-1], output_shape[-1] * 2)
        elif self.merge_mode is None:
            output_shape = (output_shape, output_shape)
        if self.return_state:
            head = output_shape if self.merge_mode is None else (output_shape,)
            return (*head, *state_shape, *state_shape)
        return output_shape

    def build(self, sequences_shape: tuple, initial_state_shape: Any = None) -> None:
        del initial_state_shape
        for sub in (self.forward_layer, self.backward_layer):
            if not sub.built:
                sub.build(sequences_shape)
        if self._initial_weights:
            half = len(self._initial_weights) // 2
            self.forward_layer.set_weights(self._initial_weights[:half])
            self.backward_layer.set_weights(self._initial_weights[half:])
            self._initial_weights = None

    def compute_mask(self, inputs: Any, mask: Any) -> Any:
        del inputs
        if isinstance(mask, list | tuple):
            mask = mask[0]
        if self.return_sequences:
            output_mask = mask if self.merge_mode else [mask, mask]
        else:
            output_mask = None if self.merge_mode else [None, None]
        if self.return_state:
            heads = output_mask if isinstance(output_mask, list) else [output_mask]
            n_states = len(self.forward_layer.state_size) * 2
            return heads + [None] * n_states
        return output_mask

    # ----------------------------------------------------------- calling

    def call(
        self,
        sequences: jax.Array,
        initial_state: Any = None,
        mask: Any = None,
        training: bool | None = None,
    ) -> Any:
        kwargs: dict = {}
        params = layer_utils.call_parameters(type(self.forward_layer))
        if "training" in params:
            kwargs["training"] = training
        if "mask" in params:
            kwargs["mask"] = mask
        forward_state = backward_state = None
        if initial_state is not None:
            half = len(initial_state) // 2
            forward_state = initial_state[:half]
            backward_state = initial_state[half:]
        y = self.forward_layer(sequences, initial_state=forward_state, **kwargs)
        y_rev = self.backward_layer(sequences, initial_state=backward_state, **kwargs)
        states: tuple = ()
        if self.return_state:
            states = (*y[1:], *y_rev[1:])
            y, y_rev = y[0], y_rev[0]
        y = y.astype(self.compute_dtype)
        y_rev = y_rev.astype(self.compute_dtype)
        if self.return_sequences:
            y_rev = jnp.flip(y_rev, axis=1)
        output = self._merge(y, y_rev)
        if self.return_state:
            head = output if self.merge_mode is None else (output,)
            return (*head, *states)
        return output

    def _merge(self, y: jax.Array, y_rev: jax.Array) -> Any:
        if self.merge_mode == "concat":
            return jnp.concatenate([y, y_rev], axis=-1)
        if self.merge_mode == "sum":
            return y + y_rev
        if self.merge_mode == "ave":
            return (y + y_rev) / 2
        if self.merge_mode == "mul":
            return y * y_rev
        return (y, y_rev)

    # ----------------------------------------------------------- state, config

    @property
    def states(self) -> tuple | None:
        if self.forward_layer.states and self.backward_layer.states:
            return tuple(self.forward_layer.states + self.backward_layer.states)
        return None

    def reset_state(self) -> None:
        """Zeros the states of both (stateful) layers."""
        if not self.stateful:
            raise AttributeError("Layer must be stateful.")
        self.forward_layer.reset_state()
        self.backward_layer.reset_state()

    def reset_states(self) -> None:
        """Alias of `reset_state()` (Keras compatibility)."""
        self.reset_state()

    def get_config(self) -> dict:
        from kerasish.layers.serialization import serialize_layer

        return {
            **super().get_config(),
            "merge_mode": self.merge_mode,
            "layer": serialize_layer(self.forward_layer),
            "backward_layer": serialize_layer(self.backward_layer),
        }

    @classmethod
    def from_config(
        cls, config: dict, custom_objects: dict | None = None
    ) -> Bidirectional:
        from kerasish.layers.serialization import layer_from_config

        config = dict(config)
        layer = cell_config.deserialize_built(
            config.pop("layer"), custom_objects=custom_objects
        )
        backward = config.pop("backward_layer", None)
        if backward is not None:
            backward = cell_config.deserialize_built(
                backward, custom_objects=custom_objects
            )
        return layer_from_config(
            lambda **kw: cls(layer, backward_layer=backward, **kw), config
        )
