"""`BaseConvTranspose`: the N-D transposed convolution behind Conv*DTranspose."""

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


class BaseConvTranspose(Layer):
    """Abstract N-D transposed convolution layer (a.k.a. deconvolution).

    The kernel has shape `(*kernel_size, filters, in_channels)` (output
    channels before input channels, as in Keras). Output sizes follow TF: with
    `"same"` padding `in * stride`, with `"valid"` `(in - 1) * stride +
    max(kernel, stride)`; `output_padding` overrides the extra amount.

    Args:
        rank: int, the number of spatial dimensions.
        filters: int, the number of output channels.
        kernel_size: int or tuple of `rank` ints.
        strides: int or tuple of `rank` ints.
        padding: `"valid"` or `"same"`.
        output_padding: None, int or tuple of `rank` ints, each strictly less
            than the matching stride: the extra size added at the end.
        data_format: `"channels_last"` (default) or `"channels_first"`.
        dilation_rate: int or tuple of `rank` ints.
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

    def __init__(
        self,
        rank: int,
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
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.rank = rank
        check_positive(self.name, "filters", filters)
        self.filters = filters
        self.kernel_size = conv_utils.standardize_tuple(
            kernel_size, rank, "kernel_size"
        )
        self.strides = conv_utils.standardize_tuple(strides, rank, "strides")
        self.dilation_rate = conv_utils.standardize_tuple(
            dilation_rate, rank, "dilation_rate"
        )
        self.padding = conv_utils.standardize_padding(padding)
        self.output_padding = None
        if output_padding is not None:
            self.output_padding = conv_utils.standardize_tuple(
                output_padding, rank, "output_padding", allow_zero=True
            )
            for i, (pad, stride) in enumerate(
                zip(self.output_padding, self.strides, strict=True)
            ):
                if pad >= stride:
                    raise ValueError(
                        "`output_padding` must be strictly less than `strides` "
                        f"for all dimensions. At dimension {i}, `output_padding` "
                        f"is {pad} but `strides` is {stride}. Received: "
                        f"output_padding={self.output_padding}, "
                        f"strides={self.strides}"
                    )
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError(
                "`strides > 1` not supported in conjunction with "
                f"`dilation_rate > 1`. Received: strides={self.strides} and "
                f"dilation_rate={self.dilation_rate}"
            )
        self.data_format = config.standardize_data_format(data_format)
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
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
        self.input_spec = InputSpec(min_ndim=self.rank + 2, axes={axis: in_channels})
        self.kernel = self.add_weight(
            name="kernel",
            shape=(*self.kernel_size, self.filters, in_channels),
            initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
        )
        self.bias = None
        if self.use_bias:
            self.bias = self.add_weight(
                name="bias",
                shape=(self.filters,),
                initializer=self.bias_initializer,
                regularizer=self.bias_regularizer,
                constraint=self.bias_constraint,
            )

    def call(self, inputs: jax.Array) -> jax.Array:
        conv_utils.check_rank(self, inputs.shape, self.rank)
        outputs = convolution.conv_transpose(
            inputs,
            self.kernel.value,
            strides=self.strides,
            padding=self.padding,
            output_padding=self.output_padding,
            data_format=self.data_format,
            dilation_rate=self.dilation_rate,
        )
        outputs = add_bias(outputs, self.bias, self.rank, self.data_format)
        return self.activation(outputs)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        conv_utils.check_rank(self, input_shape, self.rank)
        return conv_utils.conv_transpose_output_shape(
            input_shape,
            self.filters,
            self.kernel_size,
            self.strides,
            self.padding,
            self.output_padding,
            self.dilation_rate,
            self.data_format,
        )

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "filters": self.filters,
            "kernel_size": self.kernel_size,
            "strides": self.strides,
            "padding": self.padding,
            "output_padding": self.output_padding,
            "data_format": self.data_format,
            "dilation_rate": self.dilation_rate,
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
        }
