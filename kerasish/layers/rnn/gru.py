"""`GRUCell` and `GRU`: Cho et al. 2014, Keras' gate order z, r, h."""

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

_INIT_ARGS = ("kernel_initializer", "recurrent_initializer", "bias_initializer")
_REG_ARGS = ("kernel_regularizer", "recurrent_regularizer", "bias_regularizer")
_CONSTRAINT_ARGS = ("kernel_constraint", "recurrent_constraint", "bias_constraint")
_HEAD = ("units", "activation", "recurrent_activation", "use_bias", *_INIT_ARGS)
_TAIL = ("dropout", "recurrent_dropout", "reset_after", "seed")
_CELL_ARGS = (*_HEAD, *_REG_ARGS, *_CONSTRAINT_ARGS, *_TAIL)


class GRUCell(Layer, DropoutRNNCell):
    """Cell class for the GRU layer: one step over `(batch, features)`.

    Weights: `kernel (input_dim, 3*units)`, `recurrent_kernel (units,
    3*units)`, gates z, r, h; `h = z*h_prev + (1-z)*hh`. With `reset_after`
    (default, cuDNN-compatible) the reset gate multiplies the recurrent
    projection after the matmul and the bias is `(2, 3*units)` (input and
    recurrent biases); otherwise it multiplies `h_prev` before it and the bias
    is `(3*units,)`.

    Args:
        units: Positive integer, dimensionality of the output space.
        activation: Activation function (default `tanh`).
        recurrent_activation: Activation of the gates (default `sigmoid`).
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
        reset_after: Apply the reset gate after the recurrent matmul.
        seed: Random seed for dropout.
        **kwargs: Base layer keyword arguments (e.g. `name` and `dtype`).

    Call arguments:
        inputs: A 2D tensor `(batch, features)`: one time step.
        states: The previous state `[h]` (or `h`).
        training: Whether dropout is active.
    """

    def __init__(
        self,
        units: int,
        activation: Any = "tanh",
        recurrent_activation: Any = "sigmoid",
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
        reset_after: bool = True,
        seed: int | None = None,
        **kwargs: Any,
    ) -> None:
        cell_config.check_units(units)
        implementation = kwargs.pop("implementation", 2)
        super().__init__(**kwargs)
        self.implementation = implementation
        self.units = units
        self.activation = activations.get(activation)
        self.recurrent_activation = activations.get(recurrent_activation)
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
        if self.recurrent_dropout != 0.0:
            self.implementation = 1
        if self.implementation == 1:
            self.dropout_mask_count = 3
        self.seed = seed
        self.seed_generator = SeedGenerator(seed)
        self.reset_after = reset_after
        self.state_size = self.units
        self.output_size = self.units

    def build(self, input_shape: tuple) -> None:
        bias_shape = (2, 3 * self.units) if self.reset_after else (3 * self.units,)
        cell_config.add_cell_weights(
            self,
            (input_shape[-1], self.units * 3),
            (self.units, self.units * 3),
            bias_shape,
        )

    def _masks(self, inputs: jax.Array, h_tm1: jax.Array, training: bool) -> tuple:
        # Keras applies a rate of exactly 1.0 as no dropout in this cell.
        dp_mask = rec_dp_mask = None
        if training and 0.0 < self.dropout < 1.0:
            dp_mask = self.get_dropout_mask(inputs)
        if training and 0.0 < self.recurrent_dropout < 1.0:
            rec_dp_mask = self.get_recurrent_dropout_mask(h_tm1)
        return dp_mask, rec_dp_mask

    def call(self, inputs: jax.Array, states: Any, training: bool = False) -> tuple:
        h_tm1 = states[0] if isinstance(states, list | tuple) else states
        input_bias = recurrent_bias = None
        if self.use_bias:
            bias = self.bias.value
            if self.reset_after:
                input_bias, recurrent_bias = bias[0], bias[1]
            else:
                input_bias = bias
        dp_mask, rec_dp_mask = self._masks(inputs, h_tm1, training)
        if self.implementation == 1:
            hh, z = self._gates_split(
                inputs, h_tm1, input_bias, recurrent_bias, dp_mask, rec_dp_mask
            )
        else:
            hh, z = self._gates_fused(
                inputs, h_tm1, input_bias, recurrent_bias, dp_mask
            )
        h = z * h_tm1 + (1 - z) * hh
        new_state = [h] if isinstance(states, list | tuple) else h
        return h, new_state

    def _gates_fused(self, inputs, h_tm1, input_bias, recurrent_bias, dp_mask) -> tuple:
        u = self.units
        kernel, recurrent = self.kernel.value, self.recurrent_kernel.value
        if dp_mask is not None:
            inputs = inputs * dp_mask
        matrix_x = jnp.matmul(inputs, kernel)
        if input_bias is not None:
            matrix_x = matrix_x + input_bias
        x_z, x_r, x_h = jnp.split(matrix_x, 3, axis=-1)
        if self.reset_after:
            inner = jnp.matmul(h_tm1, recurrent)
            if recurrent_bias is not None:
                inner = inner + recurrent_bias
        else:
            inner = jnp.matmul(h_tm1, recurrent[:, : 2 * u])
        z = self.recurrent_activation(x_z + inner[:, :u])
        r = self.recurrent_activation(x_r + inner[:, u : 2 * u])
        if self.reset_after:
            recurrent_h = r * inner[:, 2 * u :]
        else:
            recurrent_h = jnp.matmul(r * h_tm1, recurrent[:, 2 * u :])
        return self.activation(x_h + recurrent_h), z

    def _gates_split(
        self, inputs, h_tm1, input_bias, recurrent_bias, dp_mask, rec_dp_mask
    ) -> tuple:
        u = self.units
        kernel, recurrent = self.kernel.value, self.recurrent_kernel.value
        xs = [inputs * m for m in dp_mask] if dp_mask else [inputs] * 3
        hs = [h_tm1 * m for m in rec_dp_mask] if rec_dp_mask else [h_tm1] * 3
        x = [jnp.matmul(xs[g], kernel[:, g * u : (g + 1) * u]) for g in range(3)]
        if input_bias is not None:
            x = [x[g] + input_bias[g * u : (g + 1) * u] for g in range(3)]
        rec = [jnp.matmul(hs[g], recurrent[:, g * u : (g + 1) * u]) for g in range(2)]
        if self.reset_after and recurrent_bias is not None:
            rec = [rec[g] + recurrent_bias[g * u : (g + 1) * u] for g in range(2)]
        z = self.recurrent_activation(x[0] + rec[0])
        r = self.recurrent_activation(x[1] + rec[1])
        if self.reset_after:
            recurrent_h = jnp.matmul(hs[2], recurrent[:, 2 * u :])
            if recurrent_bias is not None:
                recurrent_h = recurrent_h + recurrent_bias[2 * u :]
            recurrent_h = r * recurrent_h
        else:
            recurrent_h = jnp.matmul(r * hs[2], recurrent[:, 2 * u :])
        return self.activation(x[2] + recurrent_h), z

    def get_initial_state(self, batch_size: int | None = None) -> list:
        return [jnp.zeros((batch_size, self.state_size), self.compute_dtype)]

    def get_config(self) -> dict:
        return {**super().get_config(), **cell_config.serialize_args(self, _CELL_ARGS)}


class GRU(RNN):
    """Gated Recurrent Unit - Cho et al. 2014.

    The weights live in the cell (`gru/gru_cell/kernel`, ...); `reset_after`
    defaults to True (bias `(2, 3*units)`), the cuDNN-compatible variant.

    Args:
        units: Positive integer, dimensionality of the output space.
        activation: Activation function (default `tanh`).
        recurrent_activation: Activation of the gates (default `sigmoid`).
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
        seed: Random seed for dropout.
        return_sequences: Return the full sequence instead of the last output.
        return_state: Also return the last state.
        go_backwards: Process the input backwards (reversed output sequence).
        stateful: Carry the last state of a batch into the next batch.
        unroll: Unroll the time loop in Python.
        reset_after: Apply the reset gate after the recurrent matmul.
        use_cudnn: Accepted for Keras compatibility; the JAX loop is used.
        **kwargs: Base layer keyword arguments (e.g. `name` and `dtype`).

    Call arguments:
        inputs: A 3D tensor `(batch, timesteps, features)`.
        initial_state: Optional list `[h]` with the initial state.
        mask: Optional boolean `(batch, timesteps)`; `False` skips a step.
        training: Whether dropout is active.

    Example:

    ```python
    inputs = np.random.random((32, 10, 8)).astype("float32")
    output = keras.layers.GRU(4)(inputs)  # (32, 4)
    ```
    """

    def __init__(
        self,
        units: int,
        activation: Any = "tanh",
        recurrent_activation: Any = "sigmoid",
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
        seed: int | None = None,
        return_sequences: bool = False,
        return_state: bool = False,
        go_backwards: bool = False,
        stateful: bool = False,
        unroll: bool = False,
        reset_after: bool = True,
        use_cudnn: Any = "auto",
        **kwargs: Any,
    ) -> None:
        cell = GRUCell(
            units,
            activation=activation,
            recurrent_activation=recurrent_activation,
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
            reset_after=reset_after,
            dtype=kwargs.get("dtype"),
            trainable=kwargs.get("trainable", True),
            name="gru_cell",
            seed=seed,
            implementation=kwargs.pop("implementation", 2),
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
        cell_config.check_use_cudnn(use_cudnn)
        self.use_cudnn = use_cudnn

    def get_config(self) -> dict:
        keys = (*_HEAD, *_REG_ARGS, "activity_regularizer", *_CONSTRAINT_ARGS, *_TAIL)
        config = super().get_config()
        del config["cell"]
        return {**config, **cell_config.serialize_args(self, keys)}

    @classmethod
    def from_config(cls, config: dict, custom_objects: dict | None = None) -> Any:
        del custom_objects
        return Layer.from_config.__func__(cls, config)


cell_config.delegate_to_cell(GRU, _CELL_ARGS)
