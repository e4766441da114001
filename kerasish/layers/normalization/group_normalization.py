"""`GroupNormalization`: normalizes groups of channels per example."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish import constraints, initializers, regularizers
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer
from kerasish.layers.normalization import _checks
from kerasish.ops.normalization import at_least_float32


class GroupNormalization(Layer):
    """Group normalization layer (Wu and He, 2018).

    Divides the channels into `groups` and normalizes each group of each
    example over its channels and all non-batch axes. `groups=1` is layer
    normalization over all non-batch axes; `groups=-1` (one group per
    channel) is instance normalization.

    Args:
        groups: Integer, the number of groups. Must divide the number of
            channels. `-1` means one group per channel. Defaults to `32`.
        axis: Integer, the channels axis. Defaults to `-1`.
        epsilon: Small float added to variance to avoid dividing by zero.
        center: If `True`, add offset of `beta` to normalized tensor.
        scale: If `True`, multiply by `gamma`.
        beta_initializer: Initializer for the beta weight.
        gamma_initializer: Initializer for the gamma weight.
        beta_regularizer: Optional regularizer for the beta weight.
        gamma_regularizer: Optional regularizer for the gamma weight.
        beta_constraint: Optional constraint for the beta weight.
        gamma_constraint: Optional constraint for the gamma weight.
        **kwargs: Base layer keyword arguments (e.g. `name` and `dtype`).

    Input shape:
        Arbitrary.

    Output shape:
        Same shape as input.
    """

    def __init__(
        self,
        groups: int = 32,
        axis: int = -1,
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
        if (
            not isinstance(groups, int)
            or isinstance(groups, bool)
            or (groups <= 0 and groups != -1)
        ):
            raise ValueError(
                "Received an invalid value for argument `groups`, expected "
                "a positive integer (or `-1` for instance normalization). "
                f"Received: groups={groups}"
            )
        super().__init__(**kwargs)
        self.supports_masking = True
        self.autocast = False
        self.groups = groups
        self.axis = axis
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)

    def build(self, input_shape: tuple) -> None:
        _checks.check_axes(self, [self.axis], input_shape)
        dim = input_shape[self.axis]
        if dim is None:
            raise ValueError(
                f"Axis {self.axis} of input tensor should have a defined "
                "dimension but the layer received an input with shape "
                f"{tuple(input_shape)}."
            )
        # Keras rewrites `groups=-1` to the channel count (also in get_config).
        if self.groups == -1:
            self.groups = dim
        if dim < self.groups:
            raise ValueError(
                f"Number of groups ({self.groups}) cannot be more than the "
                f"number of channels ({dim})."
            )
        if dim % self.groups != 0:
            raise ValueError(
                f"Number of groups ({self.groups}) must be a multiple "
                f"of the number of channels ({dim})."
            )
        self.input_spec = InputSpec(ndim=len(input_shape), axes={self.axis: dim})
        self.gamma = None
        self.beta = None
        if self.scale:
            self.gamma = self.add_weight(
                shape=(dim,),
                name="gamma",
                autocast=False,
                initializer=self.gamma_initializer,
                regularizer=self.gamma_regularizer,
                constraint=self.gamma_constraint,
            )
        if self.center:
            self.beta = self.add_weight(
                shape=(dim,),
                name="beta",
                autocast=False,
                initializer=self.beta_initializer,
                regularizer=self.beta_regularizer,
                constraint=self.beta_constraint,
            )

    def call(self, inputs: jax.Array) -> jax.Array:
        rank = inputs.ndim
        axis = self.axis % rank
        # (batch, ..., groups, channels // groups, ...) with the group axis
        # inserted just before the channels axis.
        group_shape = list(inputs.shape)
        group_shape[axis] = inputs.shape[axis] // self.groups
        group_shape.insert(axis, self.groups)
        x = jnp.reshape(inputs, group_shape)
        x = x.astype(at_least_float32(x.dtype))
        reduce = tuple(i for i in range(1, rank + 1) if i != axis)
        mean = jnp.mean(x, axis=reduce, keepdims=True)
        variance = jnp.var(x, axis=reduce, keepdims=True)
        broadcast = [1] * (rank + 1)
        broadcast[axis] = self.groups
        broadcast[axis + 1] = group_shape[axis + 1]
        inv = jax.lax.rsqrt(variance + self.epsilon)
        if self.gamma is not None:
            inv = inv * jnp.reshape(self.gamma.value.astype(x.dtype), broadcast)
        offset = -mean * inv
        if self.beta is not None:
            offset = offset + jnp.reshape(self.beta.value.astype(x.dtype), broadcast)
        outputs = (x * inv + offset).astype(inputs.dtype)
        return jnp.reshape(outputs, inputs.shape).astype(self.compute_dtype)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        _checks.check_axes(self, [self.axis], input_shape)
        return input_shape

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "groups": self.groups,
            "axis": self.axis,
            "epsilon": self.epsilon,
            "center": self.center,
            "scale": self.scale,
            "beta_initializer": initializers.serialize(self.beta_initializer),
            "gamma_initializer": initializers.serialize(self.gamma_initializer),
            "beta_regularizer": regularizers.serialize(self.beta_regularizer),
            "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
            "beta_constraint": constraints.serialize(self.beta_constraint),
            "gamma_constraint": constraints.serialize(self.gamma_constraint),
        }
