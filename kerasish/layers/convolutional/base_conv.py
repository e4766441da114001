"""`BaseConv`: the N-D convolution layer behind Conv1D, Conv2D and Conv3D."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish import activations, constraints, initializers, regularizers
from kerasish.backend import config
from kerasish.layers.convolutional import conv_utils
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer
from kerasish.ops import convolution


def channel_axis(data_format: str) -> int:
    return -1 if data_format == "channels_last" else 1


def add_bias(outputs: jax.Array, bias: Any, rank: int, data_format: str) -> jax.Array:
    """Adds a per-channel bias on the channel axis of a rank+2 output."""
    if bias is None:
        return outputs
    if data_format == "channels_last":
        return outputs + bias.value
    return outputs + jnp.reshape(bias.value, (1, -1) + (1,) * rank)


def check_positive(layer_name: str, name: str, value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ValueError(
            f"Layer '{layer_name}': invalid value for argument `{name}`. Expected "
            f"a strictly positive integer. Received {name}={value}."
        )


class BaseConv(Layer):
    """Abstract N-D convolution layer (the base of `Conv1D`/`Conv2D`/`Conv3D`).

    Creates a kernel that is convolved (cross-correlated) with the input,
    adds a bias when `use_bias`, then applies `activation`.

    Args:
        rank: int, the number of spatial dimensions.
        filters: int, the number of output channels.
        kernel_size: int or tuple of `rank` ints, the convolution window.
        strides: int or tuple of `rank` ints. `strides > 1` is incompatible
            with `dilation_rate > 1`.
        padding: `"valid"`, `"same"` (TF-style: an odd total padding puts the
            extra element at the end) or, for rank 1, `"causal"`.
        data_format: `"channels_last"` (default) or `"channels_first"`.
        dilation_rate: int or tuple of `rank` ints.
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

    def __init__(
        self,
        rank: int,
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
        lora_rank: int | None = None,
        lora_alpha: float | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        if lora_rank is not None:
            raise NotImplementedError(
                f"LoRA is not supported yet. Received: lora_rank={lora_rank}"
            )
        self.rank = rank
        check_positive(self.name, "filters", filters)
        check_positive(self.name, "groups", groups)
        if filters % groups:
            raise ValueError(
                "The number of filters must be evenly divisible by the number "
                f"of groups. Received: groups={groups}, filters={filters}."
            )
        self.filters = filters
        self.groups = groups
        self.kernel_size = conv_utils.standardize_tuple(
            kernel_size, rank, "kernel_size"
        )
        self.strides = conv_utils.standardize_tuple(strides, rank, "strides")
        self.dilation_rate = conv_utils.standardize_tuple(
            dilation_rate, rank, "dilation_rate"
        )
        self.padding = conv_utils.standardize_padding(padding, allow_causal=rank == 1)
        self.data_format = config.standardize_data_format(data_format)
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError(
                "`strides > 1` not supported in conjunction with "
                f"`dilation_rate > 1`. Received: strides={self.strides} and "
                f"dilation_rate={self.dilation_rate}"
            )
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
        if in_channels % self.groups:
            raise ValueError(
                "The number of input channels must be evenly divisible by the "
                f"number of groups. Received groups={self.groups}, but the input "
                f"has {in_channels} channels (full input shape is "
                f"{tuple(input_shape)})."
            )
        self.compute_output_shape(input_shape)
        self.input_spec = InputSpec(min_ndim=self.rank + 2, axes={axis: in_channels})
        self.kernel = self.add_weight(
            name="kernel",
            shape=(*self.kernel_size, in_channels // self.groups, self.filters),
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

    def convolution_op(self, inputs: jax.Array, kernel: jax.Array) -> jax.Array:
        return convolution.conv(
            inputs,
            kernel,
            strides=self.strides,
            padding=self.padding,
            dilation_rate=self.dilation_rate,
            data_format=self.data_format,
        )

    def call(self, inputs: jax.Array) -> jax.Array:
        conv_utils.check_rank(self, inputs.shape, self.rank)
        self.compute_output_shape(tuple(inputs.shape))
        outputs = self.convolution_op(inputs, self.kernel.value)
        outputs = add_bias(outputs, self.bias, self.rank, self.data_format)
        return self.activation(outputs)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        conv_utils.check_rank(self, input_shape, self.rank)
        return conv_utils.conv_output_shape(
            self,
            input_shape,
            self.filters,
            self.kernel_size,
            self.strides,
            self.padding,
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
            "data_format": self.data_format,
            "dilation_rate": self.dilation_rate,
            "groups": self.groups,
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
