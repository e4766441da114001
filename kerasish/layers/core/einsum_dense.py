"""`EinsumDense`: a dense layer of arbitrary dimensionality given by an einsum."""

from __future__ import annotations

import re
from typing import Any

import jax
import jax.numpy as jnp

from kerasish import activations, constraints, initializers, regularizers
from kerasish.initializers.random_initializers import VarianceScaling
from kerasish.layers.core.lora import LoRA
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer


class EinsumDense(LoRA, Layer):
    """A layer that uses `einsum` as the backing computation.

    This layer can perform einsum calculations of arbitrary dimensionality.

    Args:
        equation: An equation describing the einsum to perform, of the form
            `ab,bc->ac`, `...ab,bc->...ac`, or `ab...,bc->ac...` where 'ab',
            'bc', and 'ac' can be any valid einsum axis expression sequence.
        output_shape: The expected shape of the output tensor (excluding the
            batch dimension and any dimensions represented by ellipses). You
            can specify `None` for any dimension that is unknown or can be
            inferred from the input shape.
        activation: Activation function to use (default: none, linear).
        bias_axes: A string containing the output dimension(s) to apply a bias
            to. Each character must appear in the output part of `equation`.
        kernel_initializer: Initializer for the `kernel` weights matrix.
        bias_initializer: Initializer for the bias vector.
        kernel_regularizer: Regularizer function applied to the kernel.
        bias_regularizer: Regularizer function applied to the bias vector.
        kernel_constraint: Constraint function applied to the kernel.
        bias_constraint: Constraint function applied to the bias vector.
        **kwargs: Base layer keyword arguments, such as `name` and `dtype`.

    Example:

    >>> layer = keras.layers.EinsumDense("abc,cd->abd", output_shape=(None, 64),
    ...                                  bias_axes="d")
    >>> layer(np.zeros((2, 32, 128))).shape
    (2, 32, 64)
    """

    def __init__(
        self,
        equation: str,
        output_shape: Any,
        activation: Any = None,
        bias_axes: str | None = None,
        kernel_initializer: Any = "glorot_uniform",
        bias_initializer: Any = "zeros",
        kernel_regularizer: Any = None,
        bias_regularizer: Any = None,
        kernel_constraint: Any = None,
        bias_constraint: Any = None,
        lora_rank: int | None = None,
        lora_alpha: float | None = None,
        gptq_unpacked_column_size: int | None = None,
        quantization_config: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.equation = equation
        if isinstance(output_shape, int):
            self.partial_output_shape = (output_shape,)
        else:
            self.partial_output_shape = tuple(output_shape)
        self.bias_axes = bias_axes
        self.activation = activations.get(activation)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self._init_lora(lora_rank, lora_alpha)
        self.gptq_unpacked_column_size = gptq_unpacked_column_size
        self.quantization_config = quantization_config

    def _axis_aware_initializer(self, input_axes: list, output_axes: list) -> Any:
        """Keras gives a VarianceScaling kernel initializer the kernel's input and
        output axes (so fans count every contracted / produced axis), keeping
        its concrete seed."""
        init = self.kernel_initializer
        if not isinstance(init, VarianceScaling) or (
            init.input_axes is not None and init.output_axes is not None
        ):
            return init
        config = init.get_config()
        config.update(seed=init.seed, input_axes=input_axes, output_axes=output_axes)
        return init.__class__.from_config(config)

    def build(self, input_shape: tuple) -> None:
        kernel_shape, bias_shape, _, input_axes, output_axes = _analyze_einsum(
            self.equation, self.bias_axes, input_shape, self.partial_output_shape
        )
        self.input_spec = InputSpec(ndim=len(input_shape))
        self._kernel = self.add_weight(
            name="kernel",
            shape=tuple(kernel_shape),
            initializer=self._axis_aware_initializer(input_axes, output_axes),
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
        )
        if bias_shape is not None:
            self.bias = self.add_weight(
                name="bias",
                shape=tuple(bias_shape),
                initializer=self.bias_initializer,
                regularizer=self.bias_regularizer,
                constraint=self.bias_constraint,
            )
        else:
            self.bias = None
        self.built = True
        if self.lora_rank:
            self.enable_lora(self.lora_rank, lora_alpha=self.lora_alpha)

    @property
    def kernel(self) -> Any:
        if not self.built:
            raise AttributeError("You must build the layer before accessing `kernel`.")
        return self._kernel

    def call(self, inputs: jax.Array, training: bool | None = None) -> jax.Array:
        del training
        x = jnp.einsum(self.equation, inputs, self._with_lora(self._kernel.value))
        if self.bias is not None:
            x = x + self.bias.value
        if self.activation is not None:
            x = self.activation(x)
        return x

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        _, _, full_output_shape, _, _ = _analyze_einsum(
            self.equation, self.bias_axes, input_shape, self.partial_output_shape
        )
        return tuple(full_output_shape)

    def get_config(self) -> dict:
        config = {
            **super().get_config(),
            "output_shape": self.partial_output_shape,
            "equation": self.equation,
            "activation": activations.serialize(self.activation),
            "bias_axes": self.bias_axes,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
            "quantization_config": self.quantization_config,
        }
        if self.gptq_unpacked_column_size:
            config["gptq_unpacked_column_size"] = self.gptq_unpacked_column_size
        return {**config, **self._lora_config()}


def _analyze_einsum(
    equation: str, bias_axes: str | None, input_shape: tuple, output_shape: tuple
) -> tuple:
    """`(kernel_shape, bias_shape, full_output_shape, input_axes, output_axes)`."""
    plain = re.sub(r"\.\.\.", "0", equation)
    patterns = (
        ("([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)", False),
        ("0([a-zA-Z]+),([a-zA-Z]+)->0([a-zA-Z]+)", True),
        ("([a-zA-Z]{2,})0,([a-zA-Z]+)->([a-zA-Z]+)0", False),
    )
    for pattern, left_elided in patterns:
        match = re.match(pattern, plain)
        if match:
            return _analyze_split(
                match.groups(), bias_axes, tuple(input_shape), output_shape, left_elided
            )
    raise ValueError(
        f"Invalid einsum equation '{equation}'. Equations must be in the form "
        "[X],[Y]->[Z], ...[X],[Y]->...[Z], or [X]...,[Y]->[Z]...."
    )


def _analyze_split(
    specs: tuple,
    bias_axes: str | None,
    input_shape: tuple,
    output_shape: Any,
    left_elided: bool,
) -> tuple:
    input_spec, weight_spec, output_spec = specs
    elided = len(input_shape) - len(input_spec)
    if isinstance(output_shape, int):
        output_shape = [output_shape]
    output_shape = list(output_shape)
    output_shape.insert(0, input_shape[0])
    if elided > 0 and left_elided:
        for i in range(1, elided):
            output_shape.insert(1, input_shape[i])
    elif elided > 0:
        output_shape.extend(input_shape[len(input_shape) - elided :])
    if left_elided:
        input_map = {d: i + elided - len(input_shape) for i, d in enumerate(input_spec)}
        output_map = {d: i + elided for i, d in enumerate(output_spec)}
    else:
        input_map = {d: i for i, d in enumerate(input_spec)}
        output_map = {d: i for i, d in enumerate(output_spec)}
    for dim in input_spec:
        if dim in output_map:
            wanted = output_shape[output_map[dim]]
            if wanted is not None and wanted != input_shape[input_map[dim]]:
                raise ValueError(
                    "Input shape and output shape do not match at shared "
                    f"dimension '{dim}'. Input shape is "
                    f"{input_shape[input_map[dim]]}, and output shape is {wanted}."
                )
    for dim in output_spec:
        if dim not in input_spec and dim not in weight_spec:
            raise ValueError(
                f"Dimension '{dim}' was specified in the output '{output_spec}' "
                f"but has no corresponding dim in the input spec '{input_spec}' "
                f"or weight spec '{output_spec}'"
            )
    weight_shape, input_axes, output_axes = [], [], []
    for i, dim in enumerate(weight_spec):
        if dim in output_map:
            weight_shape.append(output_shape[output_map[dim]])
            output_axes.append(i)
        elif dim in input_map:
            weight_shape.append(input_shape[input_map[dim]])
            input_axes.append(i)
        else:
            raise ValueError(
                f"Weight dimension '{dim}' did not have a match in either the "
                f"input spec '{input_spec}' or the output spec '{output_spec}'. "
                "For this layer, the weight must be fully specified."
            )
    bias_shape = None
    if bias_axes is not None:
        offset = elided if left_elided else 0
        sizes = {c: output_shape[i + offset] for i, c in enumerate(output_spec)}
        for char in bias_axes:
            if char not in output_spec:
                raise ValueError(
                    f"Bias dimension '{char}' was requested, but is not part "
                    f"of the output spec '{output_spec}'"
                )
        first = min(output_spec.find(c) for c in bias_axes)
        bias_shape = [sizes[c] if c in bias_axes else 1 for c in output_spec[first:]]
        if not left_elided:
            bias_shape.extend([1] * max(elided, 0))
    return weight_shape, bias_shape, output_shape, input_axes, output_axes
