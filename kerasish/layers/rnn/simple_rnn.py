"""`SimpleRNNCell` and `SimpleRNN`: `output = activation(x @ W + h @ U + b)`."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish import activations, constraints, initializers, regularizers
from kerasish.core.random import SeedGenerator
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer
from kerasish.layers.rnn import cell_config
from kerasish.layers.rnn.dropout_rnn_cell import DropoutRNNCell
from kerasish.layers.rnn.rnn import RNN

_WEIGHT_ARGS = (
    "kernel_initializer",
    "recurrent_initializer",
    "bias_initializer",
    "kernel_regularizer",
    "recurrent_regularizer",
    "bias_regularizer",
)
_CONSTRAINT_ARGS = ("kernel_constraint", "recurrent_constraint", "bias_constraint")


class SimpleRNNCell(Layer, DropoutRNNCell):
    """Cell class for `SimpleRNN`: one step of a fully-connected RNN.

    Args:
        units: Positive integer, dimensionality of the output space.
        activation: Activation function (default `tanh`; `None` is linear).
        use_bias: Whether the layer uses a bias vector.
        kernel_initializer: Initializer of the input `kernel`.
        recurrent_initializer: Initializer of the `recurrent_kernel`
            (default `"orthogonal"`).
        bias_initializer: Initializer of the bias (default `"zeros"`).
        kernel_regularizer: Regularizer of the `kernel`.
        recurrent_regularizer: Regularizer of the `recurrent_kernel`.
        bias_regularizer: Regularizer of the bias.
        kernel_constraint: Constraint of the `kernel`.
        recurrent_constraint: Constraint of the `recurrent_kernel`.
        bias_constraint: Constraint of the bias.
        dropout: Fraction of the input units to drop (one mask per sequence).
        recurrent_dropout: Fraction of the recurrent units to drop.
        seed: Random seed for dropout.
        **kwargs: Base layer keyword arguments (e.g. `name` and `dtype`).

    Call arguments:
        sequence: A 2D tensor `(batch, features)`: one time step.
        states: The previous state, `[(batch, units)]`.
        training: Whether dropout is active.
    """

    def __init__(
        self,
        units: int,
        activation: Any = "tanh",
        use_bias: bool = True,
        kernel_initializer: Any = "glorot_uniform",
        recurrent_initializer: Any = "orthogonal",
        bias_initializer: Any = "zeros",
        kernel_regularizer: Any = None,
        recurrent_regularizer: Any = None,
        bias_regularizer: Any = None,
        kernel_constraint: Any = None,
        recurrent_constraint: Any = None,
        bias_constraint: Any = None,
        dropout: float = 0.0,
        recurrent_dropout: float = 0.0,
        seed: int | None = None,
        **kwargs: Any,
    ) -> None:
        cell_config.check_units(units)
        super().__init__(**kwargs)
        self.seed = seed
        self.seed_generator = SeedGenerator(seed)
        self.units = units
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.recurrent_regularizer = regularizers.get(recurrent_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.recurrent_constraint = constraints.get(recurrent_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.dropout = cell_config.clip_rate(dropout)
        self.recurrent_dropout = cell_config.clip_rate(recurrent_dropout)
        self.state_size = self.units
        self.output_size = self.units

    def build(self, input_shape: tuple) -> None:
        cell_config.add_cell_weights(
            self, (input_shape[-1], self.units), (self.units, self.units), (self.units,)
        )

    def call(self, sequence: jax.Array, states: Any, training: bool = False) -> tuple:
        prev_output = states[0] if isinstance(states, list | tuple) else states
        if training:
            dp_mask = self.get_dropout_mask(sequence)
            rec_dp_mask = self.get_recurrent_dropout_mask(prev_output)
            if dp_mask is not None:
                sequence = sequence * dp_mask
            if rec_dp_mask is not None:
                prev_output = prev_output * rec_dp_mask
        h = jnp.matmul(sequence, self.kernel.value)
        if self.bias is not None:
            h = h + self.bias.value
        output = h + jnp.matmul(prev_output, self.recurrent_kernel.value)
        if self.activation is not None:
            output = self.activation(output)
        new_state = [output] if isinstance(states, list | tuple) else output
        return output, new_state

    def get_initial_state(self, batch_size: int | None = None) -> list:
        return [jnp.zeros((batch_size, self.state_size), self.compute_dtype)]

    def get_config(self) -> dict:
        keys = ("units", "activation", "use_bias", *_WEIGHT_ARGS, *_CONSTRAINT_ARGS)
        keys += ("dropout", "recurrent_dropout", "seed")
        return {**super().get_config(), **cell_config.serialize_args(self, keys)}


class SimpleRNN(RNN):
    """Fully-connected RNN where the output is fed back as the new input.

    Args:
        units: Positive integer, dimensionality of the output space.
        activation: Activation function (default `tanh`; `None` is linear).
        use_bias: Whether the layer uses a bias vector.
        kernel_initializer: Initializer of the input `kernel`.
        recurrent_initializer: Initializer of the `recurrent_kernel`.
        bias_initializer: Initializer of the bias.
        kernel_regularizer: Regularizer of the `kernel`.
        recurrent_regularizer: Regularizer of the `recurrent_kernel`.
        bias_regularizer: Regularizer of the bias.
        activity_regularizer: Regularizer of the layer's output.
        kernel_constraint: Constraint of the `kernel`.
        recurrent_constraint: Constraint of the `recurrent_kernel`.
        bias_constraint: Constraint of the bias.
        dropout: Fraction of the input units to drop.
        recurrent_dropout: Fraction of the recurrent units to drop.
        return_sequences: Return the full sequence instead of the last output.
        return_state: Also return the last state.
        go_backwards: Process the input backwards (reversed output sequence).
        stateful: Carry the last state of a batch into the next batch.
        unroll: Unroll the time loop in Python.
        seed: Random seed for dropout.
        **kwargs: Base layer keyword arguments (e.g. `name` and `dtype`).

    Call arguments:
        sequences: A 3D tensor `(batch, timesteps, features)`.
        initial_state: Optional list with the initial state `(batch, units)`.
        mask: Optional boolean `(batch, timesteps)`; `False` skips a step.
        training: Whether dropout is active.

    Example:

    ```python
    inputs = np.random.random((32, 10, 8)).astype("float32")
    output = keras.layers.SimpleRNN(4)(inputs)  # (32, 4)
    ```
    """

    def __init__(
        self,
        units: int,
        activation: Any = "tanh",
        use_bias: bool = True,
        kernel_initializer: Any = "glorot_uniform",
        recurrent_initializer: Any = "orthogonal",
        bias_initializer: Any = "zeros",
        kernel_regularizer: Any = None,
        recurrent_regularizer: Any = None,
        bias_regularizer: Any = None,
        activity_regularizer: Any = None,
        kernel_constraint: Any = None,
        recurrent_constraint: Any = None,
        bias_constraint: Any = None,
        dropout: float = 0.0,
        recurrent_dropout: float = 0.0,
        return_sequences: bool = False,
        return_state: bool = False,
        go_backwards: bool = False,
        stateful: bool = False,
        unroll: bool = False,
        seed: int | None = None,
        **kwargs: Any,
    ) -> None:
        cell = SimpleRNNCell(
            units,
            activation=activation,
            use_bias=use_bias,
            kernel_initializer=kernel_initializer,
            recurrent_initializer=recurrent_initializer,
            bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer,
            recurrent_regularizer=recurrent_regularizer,
            bias_regularizer=bias_regularizer,
            kernel_constraint=kernel_constraint,
            recurrent_constraint=recurrent_constraint,
            bias_constraint=bias_constraint,
            dropout=dropout,
            recurrent_dropout=recurrent_dropout,
            seed=seed,
            dtype=kwargs.get("dtype"),
            trainable=kwargs.get("trainable", True),
            name="simple_rnn_cell",
        )
        super().__init__(
            cell,
            return_sequences=return_sequences,
            return_state=return_state,
            go_backwards=go_backwards,
            stateful=stateful,
            unroll=unroll,
            activity_regularizer=activity_regularizer,
            **kwargs,
        )
        self.input_spec = InputSpec(ndim=3)

    def get_config(self) -> dict:
        keys = ("units", "activation", "use_bias", *_WEIGHT_ARGS)
        keys += ("activity_regularizer", *_CONSTRAINT_ARGS)
        keys += ("dropout", "recurrent_dropout")
        config = super().get_config()
        del config["cell"]
        return {**config, **cell_config.serialize_args(self, keys)}

    @classmethod
    def from_config(cls, config: dict, custom_objects: dict | None = None) -> Any:
        del custom_objects
        return Layer.from_config.__func__(cls, config)


cell_config.delegate_to_cell(
    SimpleRNN,
    (
        "units",
        "activation",
        "use_bias",
        *_WEIGHT_ARGS,
        *_CONSTRAINT_ARGS,
        "dropout",
        "recurrent_dropout",
    ),
)
