"""`RNN`: the recurrent layer driving a cell over time with one `lax.scan`."""

from __future__ import annotations

import inspect
from typing import Any

import jax
import jax.numpy as jnp

from kerasish.core.variables import Variable
from kerasish.layers import layer_utils
from kerasish.layers.layer import Layer
from kerasish.layers.rnn import cell_config, time_loop
from kerasish.layers.rnn.dropout_rnn_cell import DropoutRNNCell
from kerasish.layers.rnn.stacked_rnn_cells import StackedRNNCells


def _nested(x: Any) -> bool:
    return isinstance(x, list | tuple)


def _has_call_arg(cell: Any, name: str) -> bool:
    if isinstance(cell, Layer):
        return name in layer_utils.call_parameters(type(cell))
    return name in inspect.signature(cell.call).parameters


class RNN(Layer):
    """Base class for recurrent layers: runs a cell over the time axis.

    The time loop is one `jax.lax.scan` (a Python loop with `unroll=True`).
    A masked time step keeps the previous states and repeats the previous
    output (zeros with `zero_output_for_mask`), as in Keras.

    Args:
        cell: An RNN cell: an object with `call(input_at_t, states_at_t)`
            returning `(output_at_t, states_at_t_plus_1)` and a `state_size`
            attribute (an integer or a list of integers, one per state), and
            optionally `output_size` and `get_initial_state(batch_size)`. A
            list of cells is stacked with `StackedRNNCells`.
        return_sequences: Whether to return the full output sequence instead
            of the last output.
        return_state: Whether to return the last states after the output.
        go_backwards: Process the input backwards and return the reversed
            sequence.
        stateful: Carry the last states of a batch into the next batch (the
            batch size must be fixed); `reset_state()` zeros them.
        unroll: Unroll the loop in Python (short sequences only).
        zero_output_for_mask: Whether masked steps output zeros (only used
            with `return_sequences` and a mask).
        **kwargs: Base layer keyword arguments (e.g. `name` and `dtype`).

    Call arguments:
        sequences: A 3D tensor `(batch_size, timesteps, features)`.
        initial_state: List of initial state tensors for the first step
            (zeros, or the carried states of a stateful layer, by default).
        mask: Boolean tensor `(batch_size, timesteps)`; `False` skips a step.
        training: Passed to the cell (dropout is active only in training).

    Output shape:
        `(batch_size, units)`, or `(batch_size, timesteps, units)` with
        `return_sequences`; with `return_state`, followed by the last states.
    """

    def __init__(
        self,
        cell: Any,
        return_sequences: bool = False,
        return_state: bool = False,
        go_backwards: bool = False,
        stateful: bool = False,
        unroll: bool = False,
        zero_output_for_mask: bool = False,
        **kwargs: Any,
    ) -> None:
        if isinstance(cell, list | tuple):
            cell = StackedRNNCells(cell)
        if "call" not in dir(cell):
            raise ValueError(
                f"Argument `cell` should have a `call` method. Received: cell={cell}"
            )
        if "state_size" not in dir(cell):
            raise ValueError(
                "The RNN cell should have a `state_size` attribute "
                "(single integer or list of integers, "
                f"one integer per RNN state). Received: cell={cell}"
            )
        super().__init__(**kwargs)
        self.zero_output_for_mask = zero_output_for_mask
        self.cell = cell
        self.return_sequences = return_sequences
        self.return_state = return_state
        self.go_backwards = go_backwards
        self.stateful = stateful
        self.unroll = unroll
        self.supports_masking = True
        self.states = None
        self._expected_batch_size = None
        state_size = getattr(self.cell, "state_size", None)
        if state_size is None:
            raise ValueError(
                "state_size must be specified as property on the RNN cell."
            )
        if not isinstance(state_size, list | tuple | int):
            raise ValueError(
                "state_size must be an integer, or a list/tuple of integers "
                "(one for each state tensor)."
            )
        self.single_state = isinstance(state_size, int)
        self.state_size = [state_size] if self.single_state else list(state_size)

    # ----------------------------------------------------------- weights

    @property
    def weights(self) -> list[Variable]:
        """The cell's weights; the states of a stateful layer are left out, as
        in Keras (they are still part of the model's pure `state` tree)."""
        hidden = {id(v) for v in self.states or ()}
        return [w for w in super().weights if id(w) not in hidden]

    # ----------------------------------------------------------- shapes

    def _output_size(self) -> Any:
        size = getattr(self.cell, "output_size", None)
        if size is None:
            size = jax.tree_util.tree_leaves(self.state_size)[0]
        return size

    def compute_output_shape(
        self, sequences_shape: tuple, initial_state_shape: Any = None
    ) -> Any:
        del initial_state_shape
        batch_size, length = sequences_shape[0], sequences_shape[1]
        states_shape = [
            (batch_size, s) if isinstance(s, int) else [(batch_size, d) for d in s]
            for s in self.state_size
        ]
        output_size = self._output_size()
        if not isinstance(output_size, int):
            raise ValueError("output_size must be an integer.")
        if self.return_sequences:
            output_shape = (batch_size, length, output_size)
        else:
            output_shape = (batch_size, output_size)
        if self.return_state:
            return output_shape, *states_shape
        return output_shape

    def compute_mask(self, inputs: Any, mask: Any) -> Any:
        del inputs
        if _nested(mask):
            mask = mask[0]
        output_mask = mask if self.return_sequences else None
        if self.return_state:
            return [output_mask] + [None for _ in self.state_size]
        return output_mask

    # ----------------------------------------------------------- build, states

    def build(self, sequences_shape: tuple, initial_state_shape: Any = None) -> None:
        del initial_state_shape
        if len(sequences_shape) < 3:
            raise ValueError(
                f"Layer '{self.name}' expects 3D inputs of shape (batch_size, "
                f"timesteps, features). Received: input_shape={sequences_shape}"
            )
        step_input_shape = (sequences_shape[0], *sequences_shape[2:])
        if isinstance(self.cell, Layer) and not self.cell.built:
            self.cell.build(step_input_shape)
            self.cell.built = True
        if self.stateful:
            if self.states is not None:
                self.reset_state()
                return
            if sequences_shape[0] is None:
                raise ValueError(
                    "When using `stateful=True` in a RNN, the batch size must be "
                    "static. Found dynamic batch size: "
                    f"sequence.shape={tuple(sequences_shape)}"
                )
            self._create_state_variables(sequences_shape[0])

    def _create_state_variables(self, batch_size: int) -> None:
        initial = self.get_initial_state(batch_size)
        self._state_structure = jax.tree_util.tree_structure(initial)
        self.states = [
            self.add_weight(
                shape=tuple(value.shape),
                initializer="zeros",
                dtype=self.variable_dtype,
                trainable=False,
                name="rnn_state",
            )
            for value in jax.tree_util.tree_leaves(initial)
        ]
        self._expected_batch_size = batch_size

    def get_initial_state(self, batch_size: int) -> list:
        """The cell's initial states (zeros unless the cell says otherwise)."""
        get_initial_state_fn = getattr(self.cell, "get_initial_state", None)
        if get_initial_state_fn is None:
            dtype = getattr(self.cell, "compute_dtype", self.compute_dtype)
            return [jnp.zeros((batch_size, d), dtype=dtype) for d in self.state_size]
        init_state = get_initial_state_fn(batch_size=batch_size)
        return list(init_state) if _nested(init_state) else [init_state]

    def reset_state(self) -> None:
        """Zeros the carried states of a stateful layer."""
        for v in self.states or ():
            v.assign(jnp.zeros(v.shape, v.dtype))

    def reset_states(self) -> None:
        """Alias of `reset_state()` (Keras compatibility)."""
        self.reset_state()

    # ----------------------------------------------------------- calling

    def call(
        self,
        sequences: jax.Array,
        initial_state: Any = None,
        mask: Any = None,
        training: bool = False,
    ) -> Any:
        sequences = jnp.asarray(sequences)
        batch_size = sequences.shape[0]
        expected = self.get_initial_state(batch_size)
        if initial_state is None:
            if self.stateful:
                initial_state = jax.tree_util.tree_unflatten(
                    self._state_structure, [v.value for v in self.states]
                )
            else:
                initial_state = expected
        else:
            initial_state = self._checked_initial_state(initial_state, expected)
        if self.stateful and batch_size != self._expected_batch_size:
            raise ValueError(
                "If an RNN is stateful, the batch size of the input sequences "
                "must be the same as the batch size of the initial state. \n"
                f"- Expected batch size: {self._expected_batch_size}\n"
                f"- Received batch size: {batch_size}"
            )
        if _nested(mask):
            mask = mask[0]
        if training:
            self._config_dropout_masks(self.cell, sequences[:, 0, :], initial_state)
        try:
            last_output, outputs, states = self.inner_loop(
                sequences, initial_state, mask, training
            )
        finally:
            self._reset_dropout_masks(self.cell)
        if self.stateful:
            for variable, value in zip(
                self.states, jax.tree_util.tree_leaves(states), strict=True
            ):
                variable.assign(value.astype(variable.dtype))
        output = outputs if self.return_sequences else last_output
        output = output.astype(self.compute_dtype)
        if self.return_state:
            states = jax.tree_util.tree_map(
                lambda s: s.astype(self.compute_dtype), states
            )
            return (output, *states)
        return output

    def inner_loop(
        self, sequences: jax.Array, initial_state: list, mask: Any, training: bool
    ) -> tuple:
        """`(last_output, outputs, states)` of the time loop over the cell."""
        cell_kwargs = {}
        if _has_call_arg(self.cell, "training"):
            cell_kwargs["training"] = training
        structure = jax.tree_util.tree_structure(initial_state)
        dtypes = [s.dtype for s in jax.tree_util.tree_leaves(initial_state)]
        call = self.cell if callable(self.cell) else self.cell.call

        def step(inputs: jax.Array, states: list) -> tuple:
            output, new_states = call(inputs, states, **cell_kwargs)
            leaves = jax.tree_util.tree_leaves(new_states)
            if len(leaves) != len(dtypes):
                raise ValueError(
                    f"The RNN cell of layer '{self.name}' returned {len(leaves)} "
                    f"state tensor(s), but its `state_size` {self.state_size} "
                    f"asks for {len(dtypes)}."
                )
            leaves = [s.astype(d) for s, d in zip(leaves, dtypes, strict=True)]
            return output, jax.tree_util.tree_unflatten(structure, leaves)

        last_init = None
        if not self.return_sequences:
            last_init = self._last_output_init(sequences, initial_state)
        if last_init is None:  # every output is kept; the last is read off
            dtype = getattr(self.cell, "compute_dtype", self.compute_dtype)
            output_init = jnp.zeros((sequences.shape[0], 0), dtype)
        else:
            output_init = last_init
        last, outputs, states = time_loop.rnn(
            step,
            sequences,
            initial_state,
            output_init,
            go_backwards=self.go_backwards,
            mask=mask,
            unroll=self.unroll,
            zero_output_for_mask=self.zero_output_for_mask,
            return_all_outputs=last_init is None,
        )
        return last, outputs, states

    def _last_output_init(self, sequences: jax.Array, initial_state: list) -> Any:
        """Zeros shaped like one step's output, carried through the loop as
        the last output; None when that shape is unknown."""
        del initial_state
        size = self._output_size()
        if not isinstance(size, int):
            return None
        dtype = getattr(self.cell, "compute_dtype", self.compute_dtype)
        return jnp.zeros((sequences.shape[0], size), dtype)

    def _checked_initial_state(self, initial_state: Any, expected: list) -> Any:
        """`initial_state` as arrays in the cell's state structure, or Keras'
        ValueError when its count or shapes do not fit `state_size`."""
        given = initial_state if _nested(initial_state) else [initial_state]
        given = jax.tree_util.tree_leaves(given)
        wanted = jax.tree_util.tree_leaves(expected)
        if len(given) != len(wanted):
            raise ValueError(
                f"Layer '{self.name}' expects {len(wanted)} state(s), but it "
                f"received {len(given)} state tensor(s). Input received: "
                f"initial_state={[getattr(s, 'shape', s) for s in given]}"
            )
        arrays = []
        for state, reference in zip(given, wanted, strict=True):
            state = jnp.asarray(state, dtype=reference.dtype)
            if tuple(state.shape) != tuple(reference.shape):
                raise ValueError(
                    "An `initial_state` was passed that is not compatible with "
                    f"`cell.state_size`. Expected state shapes "
                    f"{[tuple(r.shape) for r in wanted]} (batch, state_size) for "
                    f"`cell.state_size`={self.state_size}. Received: "
                    f"initial_state shapes {[tuple(jnp.shape(s)) for s in given]}"
                )
            arrays.append(state)
        return jax.tree_util.tree_unflatten(
            jax.tree_util.tree_structure(expected), arrays
        )

    def _config_dropout_masks(self, cell: Any, step_input: Any, state: Any) -> None:
        """Draws every cell's dropout masks before the loop (the loop body must
        not draw: the masks are fixed across time steps, as in Keras)."""
        first = state[0] if _nested(state) else state
        if isinstance(cell, DropoutRNNCell):
            cell.get_dropout_mask(step_input)
            cell.get_recurrent_dropout_mask(first)
        if isinstance(cell, StackedRNNCells):
            for inner, inner_state in zip(cell.cells, state, strict=False):
                self._config_dropout_masks(inner, step_input, inner_state)
                size = getattr(inner, "output_size", None)
                if size is None:
                    size = jax.tree_util.tree_leaves(inner.state_size)[0]
                step_input = jnp.zeros((step_input.shape[0], size), step_input.dtype)

    def _reset_dropout_masks(self, cell: Any) -> None:
        if isinstance(cell, DropoutRNNCell):
            cell.reset_dropout_mask()
            cell.reset_recurrent_dropout_mask()
        if isinstance(cell, StackedRNNCells):
            for inner in cell.cells:
                self._reset_dropout_masks(inner)

    # ----------------------------------------------------------- config

    def get_config(self) -> dict:
        from kerasish.layers.serialization import serialize_layer

        config = {
            "return_sequences": self.return_sequences,
            "return_state": self.return_state,
            "go_backwards": self.go_backwards,
            "stateful": self.stateful,
            "unroll": self.unroll,
            "zero_output_for_mask": self.zero_output_for_mask,
            "cell": serialize_layer(self.cell),
        }
        return {**super().get_config(), **config}

    @classmethod
    def from_config(cls, config: dict, custom_objects: dict | None = None) -> RNN:
        from kerasish.layers.serialization import layer_from_config

        config = dict(config)
        cell = cell_config.deserialize_built(
            config.pop("cell"), custom_objects=custom_objects
        )
        return layer_from_config(lambda **kw: cls(cell, **kw), config)
