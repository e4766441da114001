"""`BaseDepthwiseConv`: the depthwise convolution behind DepthwiseConv1D/2D."""

from __future__ import annotations

from typing import Any

import jax

from kerasish import activations, constraints, initializers, regularizers
from kerasish.backend import config
from kerasish.layers.convolutional import conv_utils
from kerasish.layers.convolutional.base_conv import (
    add_bias,
    channel_axis,
    check_positive,
)
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer
from kerasish.ops import convolution


class BaseDepthwiseConv(Layer):
    """Abstract N-D depthwise convolution layer.

    Each input channel is convolved with its own `depth_multiplier` filters;
    the outputs are concatenated channel-major, giving
    `in_channels * depth_multiplier` channels. The kernel has shape
    `(*kernel_size, in_channels, depth_multiplier)`.

    Args:
        rank: int, the number of spatial dimensions.
        depth_multiplier: positive int, output channels per input channel.
        kernel_size: int or tuple of `rank` ints.
        strides: int or tuple of `rank` ints.
        padding: `"valid"` or `"same"`.
        data_format: `"channels_last"` (default) or `"channels_first"`.
        dilation_rate: int or tuple of `rank` ints.
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

    def __init__(
        self,
        rank: int,
        depth_multiplier: int,
        kernel_size: Any,
        strides: Any = 1,
        padding: str = "valid",
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
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.rank = rank
        check_positive(self.name, "depth_multiplier", depth_multiplier)
        self.depth_multiplier = depth_multiplier
        self.kernel_size = conv_utils.standardize_tuple(
            kernel_size, rank, "kernel_size"
        )
        self.strides = conv_utils.standardize_tuple(strides, rank, "strides")
        self.dilation_rate = conv_utils.standardize_tuple(
            dilation_rate, rank, "dilation_rate"
        )
        self.padding = conv_utils.standardize_padding(padding)
        self.data_format = config.standardize_data_format(data_format)
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.depthwise_initializer = initializers.get(depthwise_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.depthwise_regularizer = regularizers.get(depthwise_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.depthwise_constraint = constraints.get(depthwise_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(min_ndim=rank + 2)

    def build(self, input_shape: tuple) -> None:
        conv_utils.check_rank(self, input_shape, self.rank)
        axis = channel_axis(self.data_format)
        in_channels = input_shape[axis]
        if in_channels is None:
            raise ValueError(
                f"Layer '{self.name}': the channel dimension of the inputs must "
                f"be defined. Received: input_shape={tuple(input_shape)}"
            )
        self.compute_output_shape(input_shape)
        self.input_spec = InputSpec(min_ndim=self.rank + 2, axes={axis: in_channels})
        self.kernel = self.add_weight(
            name="kernel",
            shape=(*self.kernel_size, in_channels, self.depth_multiplier),
            initializer=self.depthwise_initializer,
            regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint,
        )
        self.bias = None
        if self.use_bias:
            self.bias = self.add_weight(
                name="bias",
                shape=(self.depth_multiplier * in_channels,),
                initializer=self.bias_initializer,
                regularizer=self.bias_regularizer,
                constraint=self.bias_constraint,
            )

    def call(self, inputs: jax.Array) -> jax.Array:
        self.compute_output_shape(tuple(inputs.shape))
        outputs = convolution.depthwise_conv(
            inputs,
            self.kernel.value,
            strides=self.strides,
            padding=self.padding,
            data_format=self.data_format,
            dilation_rate=self.dilation_rate,
        )
        outputs = add_bias(outputs, self.bias, self.rank, self.data_format)
        return self.activation(outputs)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        conv_utils.check_rank(self, input_shape, self.rank)
        in_channels = input_shape[channel_axis(self.data_format)]
        channels = None if in_channels is None else in_channels * self.depth_multiplier
        return conv_utils.conv_output_shape(
            self,
            input_shape,
            channels,
            self.kernel_size,
            self.strides,
            self.padding,
            self.dilation_rate,
            self.data_format,
        )

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "depth_multiplier": self.depth_multiplier,
            "kernel_size": self.kernel_size,
            "strides": self.strides,
            "padding": self.padding,
            "data_format": self.data_format,
            "dilation_rate": self.dilation_rate,
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
            "depthwise_initializer": initializers.serialize(self.depthwise_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "depthwise_regularizer": regularizers.serialize(self.depthwise_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "depthwise_constraint": constraints.serialize(self.depthwise_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
        }
