"""`PReLU`: leaky ReLU whose negative slope `alpha` is a learned weight."""

from __future__ import annotations

from typing import Any

import jax

from kerasish import constraints, initializers, regularizers
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer


class PReLU(Layer):
    """Parametric Rectified Linear Unit activation layer.

    Formula: `f(x) = alpha * x for x < 0; f(x) = x for x >= 0`, where
    `alpha` is a learned array with the same shape as x (without the batch
    axis), or with size 1 along each of `shared_axes`.

    Args:
        alpha_initializer: Initializer function for the weights.
        alpha_regularizer: Regularizer for the weights.
        alpha_constraint: Constraint for the weights.
        shared_axes: The axes along which to share learnable parameters, e.g.
            `shared_axes=[1, 2]` for `(batch, height, width, channels)`
            feature maps gives one slope per channel.
        **kwargs: Base layer keyword arguments, such as `name` and `dtype`.
    """

    def __init__(
        self,
        alpha_initializer: Any = "Zeros",
        alpha_regularizer: Any = None,
        alpha_constraint: Any = None,
        shared_axes: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.supports_masking = True
        self.alpha_initializer = initializers.get(alpha_initializer)
        self.alpha_regularizer = regularizers.get(alpha_regularizer)
        self.alpha_constraint = constraints.get(alpha_constraint)
        if shared_axes is None:
            self.shared_axes = None
        elif not isinstance(shared_axes, list | tuple):
            self.shared_axes = [shared_axes]
        else:
            self.shared_axes = list(shared_axes)

    def build(self, input_shape: tuple) -> None:
        param_shape = list(input_shape[1:])
        for axis in self.shared_axes or ():
            if not 1 <= axis < len(input_shape):
                raise ValueError(
                    f"Invalid value for `shared_axes` in layer '{self.name}': "
                    f"each axis must be in [1, {len(input_shape) - 1}] for "
                    f"input shape {tuple(input_shape)}. "
                    f"Received: shared_axes={self.shared_axes}"
                )
            param_shape[axis - 1] = 1
        self.alpha = self.add_weight(
            shape=tuple(param_shape),
            name="alpha",
            initializer=self.alpha_initializer,
            regularizer=self.alpha_regularizer,
            constraint=self.alpha_constraint,
        )
        axes = {}
        if self.shared_axes:
            for i in range(1, len(input_shape)):
                if i not in self.shared_axes:
                    axes[i] = input_shape[i]
        self.input_spec = InputSpec(ndim=len(input_shape), axes=axes)

    def call(self, inputs: jax.Array) -> jax.Array:
        # Keras' form `relu(x) - alpha * relu(-x)` (not a `where`), so the
        # gradient at exactly 0 matches.
        alpha = self.alpha.value.astype(inputs.dtype)
        return jax.nn.relu(inputs) - alpha * jax.nn.relu(-inputs)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return input_shape

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "alpha_initializer": initializers.serialize(self.alpha_initializer),
            "alpha_regularizer": regularizers.serialize(self.alpha_regularizer),
            "alpha_constraint": constraints.serialize(self.alpha_constraint),
            "shared_axes": self.shared_axes,
        }
