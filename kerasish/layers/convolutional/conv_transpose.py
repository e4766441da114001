"""`Conv1DTranspose`, `Conv2DTranspose`, `Conv3DTranspose`: transposed convolutions."""

from __future__ import annotations

from typing import Any

from kerasish.layers.convolutional.base_conv_transpose import BaseConvTranspose

_ARGS_DOC = """
    Args:
        filters: int, the number of output channels.
        kernel_size: int or tuple of ints, the convolution window.
        strides: int or tuple of ints. `strides > 1` is incompatible with
            `dilation_rate > 1`.
        padding: `"valid"` or `"same"`.
        output_padding: None, int or tuple of ints, each strictly less than
            the matching stride: the extra size added at the end of each
            spatial axis. None infers it (TF rule).
        data_format: `"channels_last"` (default) or `"channels_first"`.
        dilation_rate: int or tuple of ints, the dilation of the kernel.
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


class Conv1DTranspose(BaseConvTranspose):
    """1D transposed convolution layer.

    The kernel has shape `(kernel_size, filters, in_channels)`.
    {args}
    Input shape:
        `(batch, steps, channels)` or `(batch, channels, steps)`.

    Output shape:
        `(batch, new_steps, filters)` or `(batch, filters, new_steps)`, with
        `new_steps = steps * strides` for `"same"` padding.
    """

    def __init__(
        self,
        filters: int,
        kernel_size: Any,
        strides: Any = 1,
        padding: str = "valid",
        output_padding: Any = None,
        data_format: str | None = None,
        dilation_rate: Any = 1,
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
            output_padding=output_padding,
            data_format=data_format,
            dilation_rate=dilation_rate,
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


class Conv2DTranspose(BaseConvTranspose):
    """2D transposed convolution layer.

    The kernel has shape `(*kernel_size, filters, in_channels)`.
    {args}
    Input shape:
        `(batch, height, width, channels)` or `(batch, channels, height, width)`.

    Output shape:
        `(batch, new_height, new_width, filters)` or
        `(batch, filters, new_height, new_width)`, with `new = old * strides`
        for `"same"` padding.
    """

    def __init__(
        self,
        filters: int,
        kernel_size: Any,
        strides: Any = (1, 1),
        padding: str = "valid",
        output_padding: Any = None,
        data_format: str | None = None,
        dilation_rate: Any = (1, 1),
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
            output_padding=output_padding,
            data_format=data_format,
            dilation_rate=dilation_rate,
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


class Conv3DTranspose(BaseConvTranspose):
    """3D transposed convolution layer.

    The kernel has shape `(*kernel_size, filters, in_channels)`. Note Keras'
    argument order here: `data_format` comes before `output_padding`.
    {args}
    Input shape:
        `(batch, dim1, dim2, dim3, channels)` or
        `(batch, channels, dim1, dim2, dim3)`.

    Output shape:
        `(batch, new_dim1, new_dim2, new_dim3, filters)` or
        `(batch, filters, new_dim1, new_dim2, new_dim3)`.
    """

    # Keras quirk: Conv3DTranspose takes `data_format` before `output_padding`.
    def __init__(
        self,
        filters: int,
        kernel_size: Any,
        strides: Any = (1, 1, 1),
        padding: str = "valid",
        data_format: str | None = None,
        output_padding: Any = None,
        dilation_rate: Any = (1, 1, 1),
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
            output_padding=output_padding,
            data_format=data_format,
            dilation_rate=dilation_rate,
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


for _cls in (Conv1DTranspose, Conv2DTranspose, Conv3DTranspose):
    _cls.__doc__ = _cls.__doc__.replace("{args}", _ARGS_DOC)

Convolution1DTranspose = Conv1DTranspose
Convolution2DTranspose = Conv2DTranspose
Convolution3DTranspose = Conv3DTranspose
