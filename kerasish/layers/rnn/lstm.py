"""`LSTMCell` and `LSTM`: Hochreiter 1997, Keras' gate order i, f, c, o."""

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
_CELL_ARGS = (
    "units",
    "activation",
    "recurrent_activation",
    "use_bias",
    *_INIT_ARGS,
    "unit_forget_bias",
    *_REG_ARGS,
    *_CONSTRAINT_ARGS,
    "dropout",
    "recurrent_dropout",
    "seed",
)


def forget_bias_initializer(base: Any, units: int) -> Any:
    """The bias initializer of `unit_forget_bias`: `base` for gates i, c, o
    and ones for the forget gate f (bias `(4*units,)`, gates i, f, c, o)."""

    def initializer(shape: tuple, dtype: Any = None) -> jax.Array:
        del shape
        return jnp.concatenate(
            [
                base((units,), dtype=dtype),
                jnp.ones((units,), dtype=dtype),
                base((units * 2,), dtype=dtype),
            ]
        )

    return initializer


def lstm_update(cell: Any, z: list, c_tm1: jax.Array) -> tuple:
    """`(h, [h, c])` from the gate pre-activations `z` (i, f, c, o) and the
    previous carry: `c = f*c_tm1 + i*activation(z_c)`, `h = o*activation(c)`."""
    i = cell.recurrent_activation(z[0])
    f = cell.recurrent_activation(z[1])
    c = f * c_tm1 + i * cell.activation(z[2])
    o = cell.recurrent_activation(z[3])
    h = o * cell.activation(c)
    return h, [h, c]


class LSTMCell(Layer, DropoutRNNCell):
    """Cell class for the LSTM layer: one step over `(batch, features)`.

    Weights: `kernel (input_dim, 4*units)`, `recurrent_kernel (units,
    4*units)`, `bias (4*units,)`, gates in the order i, f, c, o;
    `c = f*c_prev + i*activation(z_c)`, `h = o*activation(c)`.

    Args:
        units: Positive integer, dimensionality of the output space.
        activation: Activation function (default `tanh`).
        recurrent_activation: Activation of the gates (default `sigmoid`).
        use_bias: Whether the layer uses a bias vector.
        kernel_initializer: Initializer of the input `kernel`.
        recurrent_initializer: Initializer of the `recurrent_kernel`
            (default `"orthogonal"`).
        bias_initializer: Initializer of the bias (default `"zeros"`).
        unit_forget_bias: Add 1 to the forget-gate bias at initialization.
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
        inputs: A 2D tensor `(batch, features)`: one time step.
        states: `[h, c]`, each `(batch, units)`.
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
        unit_forget_bias: bool = True,
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
        # Keras switches to per-gate matmuls (one dropout mask per gate)
        # when recurrent dropout is on.
        if self.recurrent_dropout != 0.0:
            self.implementation = 1
        if self.implementation == 1:
            self.dropout_mask_count = 4
        self.seed = seed
        self.seed_generator = SeedGenerator(seed)
        self.unit_forget_bias = unit_forget_bias
        self.state_size = [self.units, self.units]
        self.output_size = self.units

    def build(self, input_shape: tuple) -> None:
        cell_config.add_cell_weights(
            self,
            (input_shape[-1], self.units * 4),
            (self.units, self.units * 4),
            (self.units * 4,),
            self._bias_initializer(),
        )

    def _bias_initializer(self) -> Any:
        if not self.unit_forget_bias:
            return self.bias_initializer
        return forget_bias_initializer(self.bias_initializer, self.units)

    def call(self, inputs: jax.Array, states: list, training: bool = False) -> tuple:
        h_tm1, c_tm1 = states[0], states[1]
        # Keras applies a rate of exactly 1.0 as no dropout in these cells.
        dp_mask = rec_dp_mask = None
        if training and 0.0 < self.dropout < 1.0:
            dp_mask = self.get_dropout_mask(inputs)
        if training and 0.0 < self.recurrent_dropout < 1.0:
            rec_dp_mask = self.get_recurrent_dropout_mask(h_tm1)
        kernel = self.kernel.value
        recurrent = self.recurrent_kernel.value
        bias = self.bias.value if self.use_bias else None
        if self.implementation == 1:
            xs = [inputs * m for m in dp_mask] if dp_mask else [inputs] * 4
            hs = [h_tm1 * m for m in rec_dp_mask] if rec_dp_mask else [h_tm1] * 4
            kernels = jnp.split(kernel, 4, axis=1)
            z = [jnp.matmul(x, k) for x, k in zip(xs, kernels, strict=True)]
            if bias is not None:
                z = [zi + b for zi, b in zip(z, jnp.split(bias, 4), strict=True)]
            u = self.units
            z = [
                zi + jnp.matmul(hi, recurrent[:, g * u : (g + 1) * u])
                for g, (zi, hi) in enumerate(zip(z, hs, strict=True))
            ]
        else:
            if dp_mask is not None:
                inputs = inputs * dp_mask
            z = jnp.matmul(inputs, kernel) + jnp.matmul(h_tm1, recurrent)
            if bias is not None:
                z = z + bias
            z = jnp.split(z, 4, axis=1)
        return lstm_update(self, z, c_tm1)

    def get_initial_state(self, batch_size: int | None = None) -> list:
        return [jnp.zeros((batch_size, d), self.compute_dtype) for d in self.state_size]

    def get_config(self) -> dict:
        return {**super().get_config(), **cell_config.serialize_args(self, _CELL_ARGS)}


class LSTM(RNN):
    """Long Short-Term Memory layer - Hochreiter 1997.

    The weights live in the cell (`lstm/lstm_cell/kernel`, ...). The time loop
    is one `jax.lax.scan` with the input projection computed inside the step.

    Args:
        units: Positive integer, dimensionality of the output space.
        activation: Activation function (default `tanh`).
        recurrent_activation: Activation of the gates (default `sigmoid`).
        use_bias: Whether the layer uses a bias vector.
        kernel_initializer: Initializer of the input `kernel`.
        recurrent_initializer: Initializer of the `recurrent_kernel`.
        bias_initializer: Initializer of the bias.
        unit_forget_bias: Add 1 to the forget-gate bias at initialization.
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
        return_state: Also return the last states `h` and `c`.
        go_backwards: Process the input backwards (reversed output sequence).
        stateful: Carry the last states of a batch into the next batch.
        unroll: Unroll the time loop in Python.
        use_cudnn: Accepted for Keras compatibility (`"auto"`, True, False);
            the JAX loop is always used.
        **kwargs: Base layer keyword arguments (e.g. `name` and `dtype`).

    Call arguments:
        inputs: A 3D tensor `(batch, timesteps, features)`.
        initial_state: Optional list `[h, c]` of initial states.
        mask: Optional boolean `(batch, timesteps)`; `False` skips a step.
        training: Whether dropout is active.

    Example:

    ```python
    inputs = np.random.random((32, 10, 8)).astype("float32")
    seq, h, c = keras.layers.LSTM(4, return_sequences=True, return_state=True)(
        inputs
    )  # (32, 10, 4), (32, 4), (32, 4)
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
        unit_forget_bias: bool = True,
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
        use_cudnn: Any = "auto",
        **kwargs: Any,
    ) -> None:
        cell = LSTMCell(
            units,
            activation=activation,
            recurrent_activation=recurrent_activation,
            use_bias=use_bias,
            kernel_initializer=kernel_initializer,
            unit_forget_bias=unit_forget_bias,
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
            dtype=kwargs.get("dtype"),
            trainable=kwargs.get("trainable", True),
            name="lstm_cell",
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
        keys = ("units", "activation", "recurrent_activation", "use_bias")
        keys += (*_INIT_ARGS, "unit_forget_bias", *_REG_ARGS)
        keys += ("activity_regularizer", *_CONSTRAINT_ARGS)
        keys += ("dropout", "recurrent_dropout", "seed")
        config = super().get_config()
        del config["cell"]
        return {**config, **cell_config.serialize_args(self, keys)}

    @classmethod
    def from_config(cls, config: dict, custom_objects: dict | None = None) -> Any:
        del custom_objects
        return Layer.from_config.__func__(cls, config)


cell_config.delegate_to_cell(LSTM, _CELL_ARGS)
