"""`StackedRNNCells`: a stack of RNN cells that behaves as a single cell."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.layers import layer_utils
from kerasish.layers.layer import Layer
from kerasish.layers.rnn import cell_config


def _nested(x: Any) -> bool:
    return isinstance(x, list | tuple)


def _output_dim(cell: Any) -> int:
    if getattr(cell, "output_size", None) is not None:
        return cell.output_size
    if _nested(cell.state_size):
        return cell.state_size[0]
    return cell.state_size


class StackedRNNCells(Layer):
    """Wrapper allowing a stack of RNN cells to behave as a single cell.

    Each cell's output is the next cell's input; the states are the list of
    every cell's states. Used to implement efficient stacked RNNs.

    Args:
        cells: List of RNN cell instances.
        **kwargs: Base layer keyword arguments (e.g. `name` and `dtype`).

    Example:

    ```python
    cells = [keras.layers.LSTMCell(8) for _ in range(2)]
    lstm_layer = keras.layers.RNN(keras.layers.StackedRNNCells(cells))
    y = lstm_layer(np.zeros((3, 5, 2), "float32"))  # (3, 8)
    ```
    """

    def __init__(self, cells: list, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        for cell in cells:
            if "call" not in dir(cell):
                raise ValueError(
                    "All cells must have a `call` method. "
                    f"Received cell without a `call` method: {cell}"
                )
            if "state_size" not in dir(cell):
                raise ValueError(
                    "All cells must have a `state_size` attribute. "
                    f"Received cell without a `state_size`: {cell}"
                )
        self.cells = list(cells)

    @property
    def state_size(self) -> list:
        return [c.state_size for c in self.cells]

    @property
    def output_size(self) -> int:
        return _output_dim(self.cells[-1])

    def get_initial_state(self, batch_size: int | None = None) -> list:
        """Each cell's initial states, in a list (zeros unless a cell says)."""
        states = []
        for cell in self.cells:
            get_initial_state_fn = getattr(cell, "get_initial_state", None)
            if get_initial_state_fn is not None:
                states.append(get_initial_state_fn(batch_size=batch_size))
            elif isinstance(cell.state_size, int):
                states.append(
                    jnp.zeros((batch_size, cell.state_size), self.compute_dtype)
                )
            else:
                states.append(
                    [
                        jnp.zeros((batch_size, d), self.compute_dtype)
                        for d in cell.state_size
                    ]
                )
        return states

    def call(
        self, inputs: jax.Array, states: list, training: bool = False, **kwargs: Any
    ) -> tuple:
        new_states = []
        for cell, cell_states in zip(self.cells, states, strict=True):
            state_is_list = _nested(cell_states)
            cell_states = list(cell_states) if state_is_list else [cell_states]
            params = (
                layer_utils.call_parameters(type(cell))
                if isinstance(cell, Layer)
                else {}
            )
            if "training" in params:
                kwargs["training"] = training
            else:
                kwargs.pop("training", None)
            call = cell if callable(cell) else cell.call
            inputs, cell_states = call(inputs, cell_states, **kwargs)
            if not _nested(cell_states):
                cell_states = [cell_states]
            if len(cell_states) == 1 and not state_is_list:
                cell_states = cell_states[0]
            new_states.append(cell_states)
        if len(new_states) == 1:
            new_states = new_states[0]
        return inputs, new_states

    def build(self, input_shape: tuple) -> None:
        for cell in self.cells:
            if isinstance(cell, Layer) and not cell.built:
                cell.build(input_shape)
                cell.built = True
            input_shape = (input_shape[0], _output_dim(cell))

    def get_config(self) -> dict:
        from kerasish.layers.serialization import serialize_layer

        cells = [serialize_layer(cell) for cell in self.cells]
        return {**super().get_config(), "cells": cells}

    @classmethod
    def from_config(
        cls, config: dict, custom_objects: dict | None = None
    ) -> StackedRNNCells:
        from kerasish.layers.serialization import layer_from_config

        config = dict(config)
        cells = [
            cell_config.deserialize_built(c, custom_objects=custom_objects)
            for c in config.pop("cells")
        ]
        return layer_from_config(lambda **kw: cls(cells, **kw), config)
