"""`SeparableConv1D`, `SeparableConv2D`: depthwise then pointwise convolution."""

from __future__ import annotations

from typing import Any

from kerasish.layers.convolutional.base_separable_conv import BaseSeparableConv

_ARGS_DOC = """
    Args:
        filters: int, the number of output channels.
        kernel_size: int or tuple of ints, the depthwise window.
        strides: int or tuple of ints (of the depthwise step).
        padding: `"valid"` or `"same"`.
        data_format: `"channels_last"` (default) or `"channels_first"`.
        dilation_rate: int or tuple of ints, the dilation of the kernel.
        depth_multiplier: positive int, depthwise channels per input channel.
        activation: Activation function; None is linear.
        use_bias: Whether the layer adds a bias vector.
        depthwise_initializer: Initializer for the depthwise kernel.
        pointwise_initializer: Initializer for the pointwise kernel.
        bias_initializer: Initializer for the bias (`"zeros"`).
        depthwise_regularizer: Regularizer applied to the depthwise kernel.
        pointwise_regularizer: Regularizer applied to the pointwise kernel.
        bias_regularizer: Regularizer applied to the bias.
        activity_regularizer: Regularizer applied to the output.
        depthwise_constraint: Constraint applied to the depthwise kernel.
        pointwise_constraint: Constraint applied to the pointwise kernel.
        bias_constraint: Constraint applied to the bias.
"""


class SeparableConv1D(BaseSeparableConv):
    """1D separable convolution layer.

    A depthwise convolution over the steps, then a pointwise (1x1)
    convolution mixing channels into `filters` outputs.
    {args}
    Input shape:
        `(batch, steps, channels)` or `(batch, channels, steps)`.

    Output shape:
        `(batch, new_steps, filters)` or `(batch, filters, new_steps)`.
    """

    def __init__(
        self,
        filters: int,
        kernel_size: Any,
        strides: Any = 1,
        padding: str = "valid",
        data_format: str | None = None,
        dilation_rate: Any = 1,
        depth_multiplier: int = 1,
        activation: Any = None,
        use_bias: bool = True,
        depthwise_initializer: Any = "glorot_uniform",
        pointwise_initializer: Any = "glorot_uniform",
        bias_initializer: Any = "zeros",
        depthwise_regularizer: Any = None,
        pointwise_regularizer: Any = None,
        bias_regularizer: Any = None,
        activity_regularizer: Any = None,
        depthwise_constraint: Any = None,
        pointwise_constraint: Any = None,
        bias_constraint: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            rank=1,
            depth_multiplier=depth_multiplier,
            filters=filters,
            kernel_size=kernel_size,
            strides=strides,
            padding=padding,
            data_format=data_format,
            dilation_rate=dilation_rate,
            activation=activation,
            use_bias=use_bias,
            depthwise_initializer=depthwise_initializer,
            pointwise_initializer=pointwise_initializer,
            bias_initializer=bias_initializer,
            depthwise_regularizer=depthwise_regularizer,
            pointwise_regularizer=pointwise_regularizer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            depthwise_constraint=depthwise_constraint,
            pointwise_constraint=pointwise_constraint,
            bias_constraint=bias_constraint,
            **kwargs,
        )


class SeparableConv2D(BaseSeparableConv):
    """2D separable convolution layer.

    A depthwise convolution over height and width, then a pointwise (1x1)
    convolution mixing channels into `filters` outputs.
    {args}
    Input shape:
        `(batch, height, width, channels)` or `(batch, channels, height, width)`.

    Output shape:
        `(batch, new_height, new_width, filters)` or
        `(batch, filters, new_height, new_width)`.
    """

    def __init__(
        self,
        filters: int,
        kernel_size: Any,
        strides: Any = (1, 1),
        padding: str = "valid",
        data_format: str | None = None,
        dilation_rate: Any = (1, 1),
        depth_multiplier: int = 1,
        activation: Any = None,
        use_bias: bool = True,
        depthwise_initializer: Any = "glorot_uniform",
        pointwise_initializer: Any = "glorot_uniform",
        bias_initializer: Any = "zeros",
        depthwise_regularizer: Any = None,
        pointwise_regularizer: Any = None,
        bias_regularizer: Any = None,
        activity_regularizer: Any = None,
        depthwise_constraint: Any = None,
        pointwise_constraint: Any = None,
        bias_constraint: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            rank=2,
            depth_multiplier=depth_multiplier,
            filters=filters,
            kernel_size=kernel_size,
            strides=strides,
            padding=padding,
            data_format=data_format,
            dilation_rate=dilation_rate,
            activation=activation,
            use_bias=use_bias,
            depthwise_initializer=depthwise_initializer,
            pointwise_initializer=pointwise_initializer,
            bias_initializer=bias_initializer,
            depthwise_regularizer=depthwise_regularizer,
            pointwise_regularizer=pointwise_regularizer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            depthwise_constraint=depthwise_constraint,
            pointwise_constraint=pointwise_constraint,
            bias_constraint=bias_constraint,
            **kwargs,
        )


for _cls in (SeparableConv1D, SeparableConv2D):
    _cls.__doc__ = _cls.__doc__.replace("{args}", _ARGS_DOC)

SeparableConvolution1D = SeparableConv1D
SeparableConvolution2D = SeparableConv2D
