"""`BatchNormalization`: batch statistics in training, moving statistics otherwise."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish import constraints, initializers, regularizers
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer
from kerasish.layers.normalization import _checks
from kerasish.ops.normalization import at_least_float32


class BatchNormalization(Layer):
    """Layer that normalizes its inputs.

    Batch normalization applies a transformation that keeps the mean output
    close to 0 and the output standard deviation close to 1.

    During training (`fit`, or `layer(x, training=True)`) it normalizes with
    the mean and (biased) variance of the current batch,
    `gamma * (x - mean(x)) / sqrt(var(x) + epsilon) + beta`, and updates the
    moving statistics:
    `moving_mean = moving_mean * momentum + mean(x) * (1 - momentum)` (same
    for `moving_variance`). In inference it uses the moving statistics.
    The moving statistics are non-trainable variables updated with `assign`
    inside `call`, so under `model.apply` / `fit` they come back as new state.

    Setting `trainable = False` on the layer freezes it **and** makes it run
    in inference mode, even inside `fit` (as in Keras).

    Args:
        axis: Integer, the axis that should be normalized (typically the
            features axis).
        momentum: Momentum for the moving average.
        epsilon: Small float added to variance to avoid dividing by zero.
        center: If `True`, add offset of `beta` to normalized tensor.
        scale: If `True`, multiply by `gamma`.
        beta_initializer: Initializer for the beta weight.
        gamma_initializer: Initializer for the gamma weight.
        moving_mean_initializer: Initializer for the moving mean.
        moving_variance_initializer: Initializer for the moving variance.
        beta_regularizer: Optional regularizer for the beta weight.
        gamma_regularizer: Optional regularizer for the gamma weight.
        beta_constraint: Optional constraint for the beta weight.
        gamma_constraint: Optional constraint for the gamma weight.
        synchronized: Only applicable with the TensorFlow backend; `True`
            raises a `ValueError` here, as in Keras' JAX backend.
        renorm: Batch renormalization; only `False` is supported.
        renorm_clipping: Accepted for config compatibility (unused).
        renorm_momentum: Accepted for config compatibility (unused).
        **kwargs: Base layer keyword arguments (e.g. `name` and `dtype`).

    Call arguments:
        inputs: Input tensor (of any rank).
        training: Whether to normalize with the batch statistics (and update
            the moving ones) or with the moving statistics.
        mask: Binary tensor with one dimension less than `inputs`; masked
            positions are left out of the batch statistics.

    Input shape:
        Arbitrary.

    Output shape:
        Same shape as input.
    """

    def __init__(
        self,
        axis: int = -1,
        momentum: float = 0.99,
        epsilon: float = 1e-3,
        center: bool = True,
        scale: bool = True,
        beta_initializer: Any = "zeros",
        gamma_initializer: Any = "ones",
        moving_mean_initializer: Any = "zeros",
        moving_variance_initializer: Any = "ones",
        beta_regularizer: Any = None,
        gamma_regularizer: Any = None,
        beta_constraint: Any = None,
        gamma_constraint: Any = None,
        renorm: bool = False,
        renorm_clipping: dict | None = None,
        renorm_momentum: float = 0.99,
        synchronized: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.axis = int(axis)
        if synchronized:
            raise ValueError(
                "Argument synchronized=True is only supported "
                "with the TensorFlow backend."
            )
        if renorm:
            raise NotImplementedError(
                "Batch renormalization is not supported yet. Received: renorm=True"
            )
        self.synchronized = synchronized
        self.momentum = float(momentum)
        self.epsilon = float(epsilon)
        self.center = center
        self.scale = scale
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.moving_mean_initializer = initializers.get(moving_mean_initializer)
        self.moving_variance_initializer = initializers.get(moving_variance_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.renorm = renorm
        self.renorm_clipping = renorm_clipping
        self.renorm_momentum = renorm_momentum
        self.supports_masking = True
        self.gamma = None
        self.beta = None
        self.moving_mean = None
        self.moving_variance = None
        self._reduction_axes: list[int] = []

    def build(self, input_shape: tuple) -> None:
        _checks.check_axes(self, [self.axis], input_shape)
        shape = (input_shape[self.axis],)
        if self.scale:
            self.gamma = self.add_weight(
                shape=shape,
                name="gamma",
                autocast=False,
                initializer=self.gamma_initializer,
                regularizer=self.gamma_regularizer,
                constraint=self.gamma_constraint,
                trainable=True,
            )
        if self.center:
            self.beta = self.add_weight(
                shape=shape,
                name="beta",
                autocast=False,
                initializer=self.beta_initializer,
                regularizer=self.beta_regularizer,
                constraint=self.beta_constraint,
                trainable=True,
            )
        self.moving_mean = self.add_weight(
            shape=shape,
            name="moving_mean",
            autocast=False,
            initializer=self.moving_mean_initializer,
            trainable=False,
        )
        self.moving_variance = self.add_weight(
            shape=shape,
            name="moving_variance",
            autocast=False,
            initializer=self.moving_variance_initializer,
            trainable=False,
        )
        self.input_spec = InputSpec(
            ndim=len(input_shape), axes={self.axis: input_shape[self.axis]}
        )
        axis = self.axis % len(input_shape)
        self._reduction_axes = [i for i in range(len(input_shape)) if i != axis]

    def call(
        self, inputs: jax.Array, training: bool | None = None, mask: Any = None
    ) -> jax.Array:
        if mask is not None and jnp.ndim(mask) != inputs.ndim - 1:
            raise ValueError(
                "The mask provided should be one dimension less "
                "than the inputs. Received: "
                f"mask.shape={tuple(jnp.shape(mask))}, inputs.shape={inputs.shape}"
            )
        # Statistics in at least float32: half precision overflows here.
        x = inputs.astype(at_least_float32(inputs.dtype))
        moving_mean = self.moving_mean.value.astype(x.dtype)
        moving_variance = self.moving_variance.value.astype(x.dtype)
        # Keras: a frozen BN layer (`trainable=False`) runs in inference mode.
        if training and self.trainable:
            mean, variance = self._moments(x, mask)
            m = self.momentum
            self.moving_mean.assign(moving_mean * m + mean * (1.0 - m))
            self.moving_variance.assign(moving_variance * m + variance * (1.0 - m))
        else:
            mean, variance = moving_mean, moving_variance
        shape = [1] * x.ndim
        shape[self.axis] = x.shape[self.axis]
        inv = jax.lax.rsqrt(jnp.reshape(variance, shape) + self.epsilon)
        if self.gamma is not None:
            inv = inv * jnp.reshape(self.gamma.value.astype(x.dtype), shape)
        offset = -jnp.reshape(mean, shape) * inv
        if self.beta is not None:
            offset = offset + jnp.reshape(self.beta.value.astype(x.dtype), shape)
        return (x * inv + offset).astype(self.compute_dtype)

    def _moments(self, x: jax.Array, mask: Any) -> tuple[jax.Array, jax.Array]:
        axes = tuple(self._reduction_axes)
        if mask is None:
            return jnp.mean(x, axis=axes), jnp.var(x, axis=axes)
        from kerasish.backend import config

        weights = jnp.broadcast_to(
            jnp.expand_dims(jnp.asarray(mask), -1), x.shape
        ).astype(bool)
        count = jnp.sum(weights.astype(x.dtype), axis=axes, keepdims=True)
        count = count + config.epsilon()
        mean = jnp.sum(jnp.where(weights, x, 0), axis=axes, keepdims=True) / count
        squares = jnp.square(jnp.where(weights, x - mean, 0))
        variance = jnp.sum(squares, axis=axes, keepdims=True) / count
        return jnp.reshape(mean, (-1,)), jnp.reshape(variance, (-1,))

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        _checks.check_axes(self, [self.axis], input_shape)
        return input_shape

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "axis": self.axis,
            "momentum": self.momentum,
            "epsilon": self.epsilon,
            "center": self.center,
            "scale": self.scale,
            "beta_initializer": initializers.serialize(self.beta_initializer),
            "gamma_initializer": initializers.serialize(self.gamma_initializer),
            "moving_mean_initializer": initializers.serialize(
                self.moving_mean_initializer
            ),
            "moving_variance_initializer": initializers.serialize(
                self.moving_variance_initializer
            ),
            "beta_regularizer": regularizers.serialize(self.beta_regularizer),
            "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
            "beta_constraint": constraints.serialize(self.beta_constraint),
            "gamma_constraint": constraints.serialize(self.gamma_constraint),
            "synchronized": self.synchronized,
            "renorm": self.renorm,
            "renorm_clipping": self.renorm_clipping,
            "renorm_momentum": self.renorm_momentum,
        }
