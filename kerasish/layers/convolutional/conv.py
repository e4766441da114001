"""`Conv1D`, `Conv2D`, `Conv3D`: convolution layers over 1, 2 and 3 spatial axes."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.layers.convolutional import conv_utils
from kerasish.layers.convolutional.base_conv import BaseConv, add_bias
from kerasish.ops import convolution

_ARGS_DOC = """
    Args:
        filters: int, the number of output channels.
        kernel_size: int or tuple of ints, the convolution window.
        strides: int or tuple of ints. `strides > 1` is incompatible with
            `dilation_rate > 1`.
        padding: `"valid"` or `"same"` (TF-style: an odd total padding puts
            the extra element at the end){causal}.
        data_format: `"channels_last"` (default) or `"channels_first"`.
        dilation_rate: int or tuple of ints, the dilation of the kernel.
        groups: positive int; input channels and `filters` are split into
            `groups` groups convolved separately.
        activation: Activation function; None is linear.
        use_bias: Whether the layer adds a bias vector.
        kernel_initializer: Initializer for the kernel (`"glorot_uniform"`).
        bias_initializer: Initializer for the bias (`"zeros"`).
        kernel_regularizer: Regularizer applied to the kernel.
        bias_regularizer: Regularizer applied to the bias.
        activity_regularizer: Regularizer applied to the output.
        kernel_constraint: Constraint applied to the kernel after updates.
        bias_constraint: Constraint applied to the bias after updates.
"""


class Conv1D(BaseConv):
    """1D convolution layer (e.g. temporal convolution).

    Convolves a kernel `(kernel_size, in_channels // groups, filters)` over
    the steps axis, adds a bias and applies `activation`.
    {args}
    Input shape:
        `(batch, steps, channels)` (channels_last) or
        `(batch, channels, steps)` (channels_first).

    Output shape:
        `(batch, new_steps, filters)` or `(batch, filters, new_steps)`.

    Example:

    >>> x = np.random.rand(4, 10, 128)
    >>> keras.layers.Conv1D(32, 3, activation="relu")(x).shape
    (4, 8, 32)
    """

    def __init__(
        self,
        filters: int,
        kernel_size: Any,
        strides: Any = 1,
        padding: str = "valid",
        data_format: str | None = None,
        dilation_rate: Any = 1,
        groups: int = 1,
        activation: Any = None,
        use_bias: bool = True,
        kernel_initializer: Any = "glorot_uniform",
        bias_initializer: Any = "zeros",
        kernel_regularizer: Any = None,
        bias_regularizer: Any = None,
        activity_regularizer: Any = None,
        kernel_constraint: Any = None,
        bias_constraint: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            rank=1,
            filters=filters,
            kernel_size=kernel_size,
            strides=strides,
            padding=padding,
            data_format=data_format,
            dilation_rate=dilation_rate,
            groups=groups,
            activation=activation,
            use_bias=use_bias,
            kernel_initializer=kernel_initializer,
            bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            kernel_constraint=kernel_constraint,
            bias_constraint=bias_constraint,
            **kwargs,
        )

    def call(self, inputs: jax.Array) -> jax.Array:
        if self.padding != "causal":
            return super().call(inputs)
        conv_utils.check_rank(self, inputs.shape, self.rank)
        # "causal": pad dilation * (kernel - 1) zeros before the steps, then a
        # "valid" conv, so output t only sees inputs <= t.
        left = self.dilation_rate[0] * (self.kernel_size[0] - 1)
        steps_axis = 1 if self.data_format == "channels_last" else 2
        pads = [(0, 0)] * 3
        pads[steps_axis] = (left, 0)
        outputs = convolution.conv(
            jnp.pad(inputs, pads),
            self.kernel.value,
            strides=self.strides,
            padding="valid",
            dilation_rate=self.dilation_rate,
            data_format=self.data_format,
        )
        outputs = add_bias(outputs, self.bias, self.rank, self.data_format)
        return self.activation(outputs)


class Conv2D(BaseConv):
    """2D convolution layer (e.g. spatial convolution over images).

    Convolves a kernel `(*kernel_size, in_channels // groups, filters)` over
    height and width, adds a bias and applies `activation`.
    {args}
    Input shape:
        `(batch, height, width, channels)` (channels_last) or
        `(batch, channels, height, width)` (channels_first).

    Output shape:
        `(batch, new_height, new_width, filters)` or
        `(batch, filters, new_height, new_width)`.

    Example:

    >>> x = np.random.rand(4, 10, 10, 128)
    >>> keras.layers.Conv2D(32, 3, activation="relu")(x).shape
    (4, 8, 8, 32)
    """

    def __init__(
        self,
        filters: int,
        kernel_size: Any,
        strides: Any = (1, 1),
        padding: str = "valid",
        data_format: str | None = None,
        dilation_rate: Any = (1, 1),
        groups: int = 1,
        activation: Any = None,
        use_bias: bool = True,
        kernel_initializer: Any = "glorot_uniform",
        bias_initializer: Any = "zeros",
        kernel_regularizer: Any = None,
        bias_regularizer: Any = None,
        activity_regularizer: Any = None,
        kernel_constraint: Any = None,
        bias_constraint: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            rank=2,
            filters=filters,
            kernel_size=kernel_size,
            strides=strides,
            padding=padding,
            data_format=data_format,
            dilation_rate=dilation_rate,
            groups=groups,
            activation=activation,
            use_bias=use_bias,
            kernel_initializer=kernel_initializer,
            bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            kernel_constraint=kernel_constraint,
            bias_constraint=bias_constraint,
            **kwargs,
        )


class Conv3D(BaseConv):
    """3D convolution layer (e.g. spatial convolution over volumes).

    Convolves a kernel `(*kernel_size, in_channels // groups, filters)` over
    the three spatial axes, adds a bias and applies `activation`.
    {args}
    Input shape:
        `(batch, dim1, dim2, dim3, channels)` (channels_last) or
        `(batch, channels, dim1, dim2, dim3)` (channels_first).

    Output shape:
        `(batch, new_dim1, new_dim2, new_dim3, filters)` or
        `(batch, filters, new_dim1, new_dim2, new_dim3)`.
    """

    def __init__(
        self,
        filters: int,
        kernel_size: Any,
        strides: Any = (1, 1, 1),
        padding: str = "valid",
        data_format: str | None = None,
        dilation_rate: Any = (1, 1, 1),
        groups: int = 1,
        activation: Any = None,
        use_bias: bool = True,
        kernel_initializer: Any = "glorot_uniform",
        bias_initializer: Any = "zeros",
        kernel_regularizer: Any = None,
        bias_regularizer: Any = None,
        activity_regularizer: Any = None,
        kernel_constraint: Any = None,
        bias_constraint: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            rank=3,
            filters=filters,
            kernel_size=kernel_size,
            strides=strides,
            padding=padding,
            data_format=data_format,
            dilation_rate=dilation_rate,
            groups=groups,
            activation=activation,
            use_bias=use_bias,
            kernel_initializer=kernel_initializer,
            bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            kernel_constraint=kernel_constraint,
            bias_constraint=bias_constraint,
            **kwargs,
        )


Conv1D.__doc__ = Conv1D.__doc__.replace(
    "{args}",
    _ARGS_DOC.replace("{causal}", ', or `"causal"` (output t sees inputs <= t)'),
)
Conv2D.__doc__ = Conv2D.__doc__.replace("{args}", _ARGS_DOC.replace("{causal}", ""))
Conv3D.__doc__ = Conv3D.__doc__.replace("{args}", _ARGS_DOC.replace("{causal}", ""))

Convolution1D = Conv1D
Convolution2D = Conv2D
Convolution3D = Conv3D
