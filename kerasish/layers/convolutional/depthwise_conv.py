"""`DepthwiseConv1D`, `DepthwiseConv2D`: one set of filters per input channel."""

from __future__ import annotations

from typing import Any

from kerasish.layers.convolutional.base_depthwise_conv import BaseDepthwiseConv

_ARGS_DOC = """
    Args:
        kernel_size: int or tuple of ints, the convolution window.
        strides: int or tuple of ints.
        padding: `"valid"` or `"same"`.
        depth_multiplier: positive int, output channels per input channel.
        data_format: `"channels_last"` (default) or `"channels_first"`.
        dilation_rate: int or tuple of ints, the dilation of the kernel.
        activation: Activation function; None is linear.
        use_bias: Whether the layer adds a bias vector.
        depthwise_initializer: Initializer for the kernel (`"glorot_uniform"`).
        bias_initializer: Initializer for the bias (`"zeros"`).
        depthwise_regularizer: Regularizer applied to the kernel.
        bias_regularizer: Regularizer applied to the bias.
        activity_regularizer: Regularizer applied to the output.
        depthwise_constraint: Constraint applied to the kernel after updates.
        bias_constraint: Constraint applied to the bias after updates.
"""


class DepthwiseConv1D(BaseDepthwiseConv):
    """1D depthwise convolution layer.

    Each input channel is convolved with its own `depth_multiplier` filters
    (kernel `(kernel_size, in_channels, depth_multiplier)`).
    {args}
    Input shape:
        `(batch, steps, channels)` or `(batch, channels, steps)`.

    Output shape:
        `(batch, new_steps, channels * depth_multiplier)` or
        `(batch, channels * depth_multiplier, new_steps)`.
    """

    def __init__(
        self,
        kernel_size: Any,
        strides: Any = 1,
        padding: str = "valid",
        depth_multiplier: int = 1,
        data_format: str | None = None,
        dilation_rate: Any = 1,
        activation: Any = None,
        use_bias: bool = True,
        depthwise_initializer: Any = "glorot_uniform",
        bias_initializer: Any = "zeros",
        depthwise_regularizer: Any = None,
        bias_regularizer: Any = None,
        activity_regularizer: Any = None,
        depthwise_constraint: Any = None,
        bias_constraint: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            rank=1,
            depth_multiplier=depth_multiplier,
            kernel_size=kernel_size,
            strides=strides,
            padding=padding,
            data_format=data_format,
            dilation_rate=dilation_rate,
            activation=activation,
            use_bias=use_bias,
            depthwise_initializer=depthwise_initializer,
            bias_initializer=bias_initializer,
            depthwise_regularizer=depthwise_regularizer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            depthwise_constraint=depthwise_constraint,
            bias_constraint=bias_constraint,
            **kwargs,
        )


class DepthwiseConv2D(BaseDepthwiseConv):
    """2D depthwise convolution layer.

    Each input channel is convolved with its own `depth_multiplier` filters
    (kernel `(*kernel_size, in_channels, depth_multiplier)`).
    {args}
    Input shape:
        `(batch, height, width, channels)` or `(batch, channels, height, width)`.

    Output shape:
        `(batch, new_height, new_width, channels * depth_multiplier)` or
        `(batch, channels * depth_multiplier, new_height, new_width)`.
    """

    def __init__(
        self,
        kernel_size: Any,
        strides: Any = (1, 1),
        padding: str = "valid",
        depth_multiplier: int = 1,
        data_format: str | None = None,
        dilation_rate: Any = (1, 1),
        activation: Any = None,
        use_bias: bool = True,
        depthwise_initializer: Any = "glorot_uniform",
        bias_initializer: Any = "zeros",
        depthwise_regularizer: Any = None,
        bias_regularizer: Any = None,
        activity_regularizer: Any = None,
        depthwise_constraint: Any = None,
        bias_constraint: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            rank=2,
            depth_multiplier=depth_multiplier,
            kernel_size=kernel_size,
            strides=strides,
            padding=padding,
            data_format=data_format,
            dilation_rate=dilation_rate,
            activation=activation,
            use_bias=use_bias,
            depthwise_initializer=depthwise_initializer,
            bias_initializer=bias_initializer,
            depthwise_regularizer=depthwise_regularizer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            depthwise_constraint=depthwise_constraint,
            bias_constraint=bias_constraint,
            **kwargs,
        )


for _cls in (DepthwiseConv1D, DepthwiseConv2D):
    _cls.__doc__ = _cls.__doc__.replace("{args}", _ARGS_DOC)
