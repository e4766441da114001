"""`LayerNormalization`: normalizes each example over its feature axes."""

from __future__ import annotations

import warnings
from typing import Any

import jax
import jax.numpy as jnp

from kerasish import constraints, initializers, regularizers
from kerasish.layers.layer import Layer
from kerasish.layers.normalization import _checks
from kerasish.ops.normalization import at_least_float32


class LayerNormalization(Layer):
    """Layer normalization layer (Ba et al., 2016).

    Normalizes the activations of each example independently over `axis`:
    `gamma * (x - mean) / sqrt(var + epsilon) + beta`, with `gamma` and `beta`
    shaped like the normalized axes.

    Args:
        axis: Integer or list of integers, the axis or axes to normalize
            across (typically the features axis). Defaults to `-1`.
        epsilon: Small float added to variance to avoid dividing by zero.
        center: If `True`, add offset of `beta` to normalized tensor.
        scale: If `True`, multiply by `gamma`.
        beta_initializer: Initializer for the beta weight.
        gamma_initializer: Initializer for the gamma weight.
        beta_regularizer: Optional regularizer for the beta weight.
        gamma_regularizer: Optional regularizer for the gamma weight.
        beta_constraint: Optional constraint for the beta weight.
        gamma_constraint: Optional constraint for the gamma weight.
        **kwargs: Base layer keyword arguments (e.g. `name` and `dtype`), and
            the deprecated `rms_scaling` (which, as in Keras, scales by
            `rsqrt(var + epsilon)` without centering and uses no `beta`).

    Input shape:
        Arbitrary.

    Output shape:
        Same shape as input.
    """

    def __init__(
        self,
        axis: Any = -1,
        epsilon: float = 1e-3,
        center: bool = True,
        scale: bool = True,
        beta_initializer: Any = "zeros",
        gamma_initializer: Any = "ones",
        beta_regularizer: Any = None,
        gamma_regularizer: Any = None,
        beta_constraint: Any = None,
        gamma_constraint: Any = None,
        **kwargs: Any,
    ) -> None:
        rms_scaling = kwargs.pop("rms_scaling", False)
        if rms_scaling:
            warnings.warn(
                "You passed `rms_scaling=True`, which is deprecated. This "
                "argument incorrectly scales the input by the variance, not "
                "the root mean square. To correctly use RMS Normalization, "
                "please use `keras.layers.RMSNormalization` instead.",
                stacklevel=2,
            )
        super().__init__(**kwargs)
        if isinstance(axis, list | tuple):
            self.axis: Any = list(axis)
        elif isinstance(axis, int):
            self.axis = axis
        else:
            raise TypeError(
                "Expected an int or a list/tuple of ints for the "
                f"argument 'axis', but received: {axis!r}"
            )
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.rms_scaling = rms_scaling
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.supports_masking = True
        self.autocast = False

    def build(self, input_shape: tuple) -> None:
        axes = self.axis if isinstance(self.axis, list) else [self.axis]
        _checks.check_axes(self, axes, input_shape)
        # Keras stores the sorted axis list after build (and in get_config).
        self.axis = sorted(axes)
        shape = tuple(input_shape[dim] for dim in self.axis)
        self.gamma = None
        self.beta = None
        if self.scale or self.rms_scaling:
            self.gamma = self.add_weight(
                name="gamma",
                autocast=False,
                shape=shape,
                initializer=self.gamma_initializer,
                regularizer=self.gamma_regularizer,
                constraint=self.gamma_constraint,
                trainable=True,
            )
        if self.center and not self.rms_scaling:
            self.beta = self.add_weight(
                name="beta",
                autocast=False,
                shape=shape,
                initializer=self.beta_initializer,
                regularizer=self.beta_regularizer,
                constraint=self.beta_constraint,
                trainable=True,
            )

    def call(self, inputs: jax.Array) -> jax.Array:
        x = inputs.astype(at_least_float32(inputs.dtype))
        axes = tuple(self.axis)
        shape = [1] * x.ndim
        for dim in axes:
            shape[dim] = x.shape[dim]

        def broadcast(weight: Any) -> jax.Array:
            return jnp.reshape(weight.value.astype(x.dtype), shape)

        variance = jnp.var(x, axis=axes, keepdims=True)
        inv = jax.lax.rsqrt(variance + self.epsilon)
        if self.rms_scaling:
            # Keras quirk: divides by the standard deviation, without centering.
            outputs = x * inv
            if self.gamma is not None:
                outputs = outputs * broadcast(self.gamma)
        else:
            mean = jnp.mean(x, axis=axes, keepdims=True)
            if self.gamma is not None:
                inv = inv * broadcast(self.gamma)
            offset = -mean * inv
            if self.beta is not None:
                offset = offset + broadcast(self.beta)
            outputs = x * inv + offset
        return outputs.astype(self.compute_dtype)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        axes = self.axis if isinstance(self.axis, list) else [self.axis]
        _checks.check_axes(self, axes, input_shape)
        return input_shape

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "axis": self.axis,
            "epsilon": self.epsilon,
            "center": self.center,
            "scale": self.scale,
            "rms_scaling": self.rms_scaling,
            "beta_initializer": initializers.serialize(self.beta_initializer),
            "gamma_initializer": initializers.serialize(self.gamma_initializer),
            "beta_regularizer": regularizers.serialize(self.beta_regularizer),
            "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
            "beta_constraint": constraints.serialize(self.beta_constraint),
            "gamma_constraint": constraints.serialize(self.gamma_constraint),
        }
