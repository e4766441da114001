"""`ConvLSTMCell`, `ConvLSTM` and `ConvLSTM1D/2D/3D`: an LSTM whose input and
recurrent transformations are convolutions (Shi et al., 2015)."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish import activations, constraints, initializers, regularizers
from kerasish.backend import config as backend_config
from kerasish.core.random import SeedGenerator
from kerasish.layers.convolutional import conv_utils
from kerasish.layers.convolutional.base_conv import channel_axis
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer
from kerasish.layers.rnn import cell_config
from kerasish.layers.rnn.dropout_rnn_cell import DropoutRNNCell
from kerasish.layers.rnn.lstm import forget_bias_initializer, lstm_update
from kerasish.layers.rnn.rnn import RNN
from kerasish.ops import convolution

_CONV_ARGS = (
    "filters",
    "kernel_size",
    "strides",
    "padding",
    "data_format",
    "dilation_rate",
)
_CELL_ARGS = (
    *_CONV_ARGS,
    "activation",
    "recurrent_activation",
    "use_bias",
    "kernel_initializer",
    "recurrent_initializer",
    "bias_initializer",
    "unit_forget_bias",
    "kernel_regularizer",
    "recurrent_regularizer",
    "bias_regularizer",
    "kernel_constraint",
    "recurrent_constraint",
    "bias_constraint",
    "dropout",
    "recurrent_dropout",
    "seed",
)


class ConvLSTMCell(Layer, DropoutRNNCell):
    """Cell class for the ConvLSTM layers: one step over `(batch, *spatial,
    channels)` (or channels first).

    Weights: `kernel (*kernel_size, channels, 4*filters)`, `recurrent_kernel
    (*kernel_size, filters, 4*filters)`, `bias (4*filters,)`, gates in the
    order i, f, c, o. The input convolution uses `strides`, `padding` and
    `dilation_rate`; the recurrent one stride 1 and `"same"` padding. Dropout
    draws one mask per gate, fixed across time steps.

    Args:
        rank: Number of spatial axes (1, 2 or 3).
        filters: Number of output channels (of `h` and `c`).
        kernel_size: int or tuple of `rank` ints, the convolution window.
        strides: int or tuple of `rank` ints; `> 1` is incompatible with
            `dilation_rate > 1`.
        padding: `"valid"` or `"same"`.
        data_format: `"channels_last"` (default) or `"channels_first"`.
        dilation_rate: int or tuple of `rank` ints.
        activation: Activation function (default `tanh`).
        recurrent_activation: Activation of the gates (default `sigmoid`).
        use_bias: Whether the cell uses a bias vector.
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
        dropout: Fraction of the input units to drop.
        recurrent_dropout: Fraction of the recurrent units to drop.
        seed: Random seed for dropout.
        **kwargs: Base layer keyword arguments (e.g. `name` and `dtype`).
    """

    def __init__(
        self,
        rank: int,
        filters: int,
        kernel_size: Any,
        strides: Any = 1,
        padding: str = "valid",
        data_format: str | None = None,
        dilation_rate: Any = 1,
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
        super().__init__(**kwargs)
        if rank not in (1, 2, 3):
            raise ValueError(
                f"Rank {rank} convolutions are not currently implemented. "
                f"Received: rank={rank}"
            )
        self.rank = rank
        self.filters = filters
        self.kernel_size = conv_utils.standardize_tuple(
            kernel_size, rank, "kernel_size"
        )
        self.strides = conv_utils.standardize_tuple(
            strides, rank, "strides", allow_zero=True
        )
        self.padding = conv_utils.standardize_padding(padding)
        self.data_format = backend_config.standardize_data_format(data_format)
        self.dilation_rate = conv_utils.standardize_tuple(
            dilation_rate, rank, "dilation_rate"
        )
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError(
                "Specifying `strides > 1` is not compatible with "
                "`dilation_rate > 1`. Please provide `strides=1` or "
                f"`dilation_rate=1`. Received: strides={self.strides} and "
                f"dilation_rate={self.dilation_rate}"
            )
        self.activation = activations.get(activation)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.unit_forget_bias = unit_forget_bias
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.recurrent_regularizer = regularizers.get(recurrent_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.recurrent_constraint = constraints.get(recurrent_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.dropout = cell_config.clip_rate(dropout)
        self.recurrent_dropout = cell_config.clip_rate(recurrent_dropout)
        self.dropout_mask_count = 4
        self.seed = seed
        self.seed_generator = SeedGenerator(seed)
        self.input_spec = InputSpec(ndim=rank + 2)
        self.state_size = -1  # two states shaped like the output (see below)

    def build(self, inputs_shape: tuple) -> None:
        channels = inputs_shape[channel_axis(self.data_format)]
        self.spatial_dims = conv_utils.spatial_dims(inputs_shape, self.data_format)
        if None in self.spatial_dims:
            raise ValueError(
                "ConvLSTM layers only support static input shapes for the "
                f"spatial dimension. Received invalid input shape: "
                f"input_shape={tuple(inputs_shape)}"
            )
        if channels is None:
            raise ValueError(
                "The channel dimension of the inputs (last axis) should be "
                "defined. Found None. Full input shape received: "
                f"input_shape={tuple(inputs_shape)}"
            )
        self.input_dim = channels
        cell_config.add_cell_weights(
            self,
            (*self.kernel_size, channels, self.filters * 4),
            (*self.kernel_size, self.filters, self.filters * 4),
            (self.filters * 4,),
            self._bias_initializer(),
        )

    def _bias_initializer(self) -> Any:
        if not self.unit_forget_bias:
            return self.bias_initializer
        return forget_bias_initializer(self.bias_initializer, self.filters)

    def call(self, inputs: jax.Array, states: list, training: bool = False) -> tuple:
        h_tm1, c_tm1 = states[0], states[1]
        xs, hs = [inputs] * 4, [h_tm1] * 4
        # Keras applies a rate of exactly 1.0 as no dropout in these cells.
        if training and 0.0 < self.dropout < 1.0:
            xs = [inputs * m for m in self.get_dropout_mask(inputs)]
        if training and 0.0 < self.recurrent_dropout < 1.0:
            hs = [h_tm1 * m for m in self.get_recurrent_dropout_mask(h_tm1)]
        kernels = jnp.split(self.kernel.value, 4, axis=-1)
        recurrent = jnp.split(self.recurrent_kernel.value, 4, axis=-1)
        biases = jnp.split(self.bias.value, 4) if self.use_bias else [None] * 4
        z = [
            self._input_conv(x, k, b) + self._recurrent_conv(h, r)
            for x, k, b, h, r in zip(xs, kernels, biases, hs, recurrent, strict=True)
        ]
        return lstm_update(self, z, c_tm1)

    def _input_conv(self, x: jax.Array, kernel: jax.Array, bias: Any) -> jax.Array:
        out = convolution.conv(
            x,
            kernel,
            strides=self.strides,
            padding=self.padding,
            data_format=self.data_format,
            dilation_rate=self.dilation_rate,
        )
        if bias is None:
            return out
        if self.data_format == "channels_first":
            bias = jnp.reshape(bias, (self.filters,) + (1,) * self.rank)
        return out + bias

    def _recurrent_conv(self, h: jax.Array, kernel: jax.Array) -> jax.Array:
        return convolution.conv(
            h, kernel, strides=1, padding="same", data_format=self.data_format
        )

    def compute_output_shape(self, inputs_shape: tuple) -> tuple:
        """`(output_shape, [h_shape, c_shape])`: all three the same."""
        shape = conv_utils.conv_output_shape(
            self,
            inputs_shape,
            self.filters,
            self.kernel_size,
            self.strides,
            self.padding,
            self.dilation_rate,
            self.data_format,
        )
        return shape, [shape, shape]

    def get_initial_state(self, batch_size: int | None = None) -> list:
        shape = conv_utils.with_spatial(
            (batch_size,), self.spatial_dims, self.input_dim, self.data_format
        )
        state_shape = self.compute_output_shape(shape)[0]
        return [jnp.zeros(state_shape, self.compute_dtype) for _ in range(2)]

    def get_config(self) -> dict:
        return {**super().get_config(), **cell_config.serialize_args(self, _CELL_ARGS)}


class ConvLSTM(RNN):
    """Abstract N-D convolutional LSTM layer (the base of `ConvLSTM1D/2D/3D`).

    The weights live in the cell (`conv_lstm2d/conv_lstm_cell/kernel`, ...);
    the time loop is one `jax.lax.scan`. Arguments are those of
    `ConvLSTMCell`, plus `activity_regularizer`, `return_sequences`,
    `return_state`, `go_backwards` and `stateful` as in `LSTM`.
    """

    def __init__(
        self,
        rank: int,
        filters: int,
        kernel_size: Any,
        strides: Any = 1,
        padding: str = "valid",
        data_format: str | None = None,
        dilation_rate: Any = 1,
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
        **kwargs: Any,
    ) -> None:
        cell = ConvLSTMCell(
            rank=rank,
            filters=filters,
            kernel_size=kernel_size,
            strides=strides,
            padding=padding,
            data_format=data_format,
            dilation_rate=dilation_rate,
            activation=activation,
            recurrent_activation=recurrent_activation,
            use_bias=use_bias,
            kernel_initializer=kernel_initializer,
            recurrent_initializer=recurrent_initializer,
            bias_initializer=bias_initializer,
            unit_forget_bias=unit_forget_bias,
            kernel_regularizer=kernel_regularizer,
            recurrent_regularizer=recurrent_regularizer,
            bias_regularizer=bias_regularizer,
            kernel_constraint=kernel_constraint,
            recurrent_constraint=recurrent_constraint,
            bias_constraint=bias_constraint,
            dropout=dropout,
            recurrent_dropout=recurrent_dropout,
            seed=seed,
            name="conv_lstm_cell",
            dtype=kwargs.get("dtype"),
        )
        super().__init__(
            cell,
            return_sequences=return_sequences,
            return_state=return_state,
            go_backwards=go_backwards,
            stateful=stateful,
            activity_regularizer=activity_regularizer,
            **kwargs,
        )
        self.input_spec = InputSpec(ndim=rank + 3)

    def compute_output_shape(
        self, sequences_shape: tuple, initial_state_shape: Any = None
    ) -> Any:
        del initial_state_shape
        batch_size, steps = sequences_shape[0], sequences_shape[1]
        step_shape = (batch_size, *sequences_shape[2:])
        state_shape = tuple(self.cell.compute_output_shape(step_shape)[0][1:])
        if self.return_sequences:
            output_shape = (batch_size, steps, *state_shape)
        else:
            output_shape = (batch_size, *state_shape)
        if self.return_state:
            return output_shape, (batch_size, *state_shape), (batch_size, *state_shape)
        return output_shape

    def compute_mask(self, inputs: Any, mask: Any) -> Any:
        del inputs
        if isinstance(mask, list | tuple):
            mask = mask[0]
        output_mask = mask if self.return_sequences else None
        return [output_mask, None, None] if self.return_state else output_mask

    def _last_output_init(self, sequences: jax.Array, initial_state: list) -> Any:
        del sequences
        return jnp.zeros_like(initial_state[0])  # the output is `h`

    def get_config(self) -> dict:
        at = _CELL_ARGS.index("bias_regularizer") + 1
        keys = (*_CELL_ARGS[:at], "activity_regularizer", *_CELL_ARGS[at:])
        config = super().get_config()
        del config["cell"]
        return {**config, **cell_config.serialize_args(self, keys)}

    @classmethod
    def from_config(cls, config: dict, custom_objects: dict | None = None) -> Any:
        del custom_objects
        return Layer.from_config.__func__(cls, config)


cell_config.delegate_to_cell(ConvLSTM, _CELL_ARGS)


class ConvLSTM1D(ConvLSTM):
    """1D convolutional LSTM over `(batch, time, steps, channels)` (or
    `(batch, time, channels, steps)` with `channels_first`); see `ConvLSTM`.

    Example:

    ```python
    x = np.random.random((2, 5, 8, 3)).astype("float32")
    keras.layers.ConvLSTM1D(4, 3, padding="same")(x).shape  # (2, 8, 4)
    ```
    """

    def __init__(self, filters: int, kernel_size: Any, *args: Any, **kwargs: Any):
        super().__init__(1, filters, kernel_size, *args, **kwargs)


class ConvLSTM2D(ConvLSTM):
    """2D convolutional LSTM over `(batch, time, rows, cols, channels)` (or
    `(batch, time, channels, rows, cols)` with `channels_first`); see
    `ConvLSTM`.

    Example:

    ```python
    frames = np.random.random((2, 5, 8, 8, 1)).astype("float32")
    keras.layers.ConvLSTM2D(4, (3, 3), padding="same", return_sequences=True)(
        frames
    ).shape  # (2, 5, 8, 8, 4)
    ```
    """

    def __init__(self, filters: int, kernel_size: Any, *args: Any, **kwargs: Any):
        super().__init__(2, filters, kernel_size, *args, **kwargs)


class ConvLSTM3D(ConvLSTM):
    """3D convolutional LSTM over `(batch, time, depth, rows, cols, channels)`
    (or channels first); see `ConvLSTM`."""

    def __init__(self, filters: int, kernel_size: Any, *args: Any, **kwargs: Any):
        super().__init__(3, filters, kernel_size, *args, **kwargs)
