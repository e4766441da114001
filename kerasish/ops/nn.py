"""Neural-network ops of `keras.ops.nn`: activations, one-hot, crossentropies, moments.

Formulas follow Keras 3.15.1's JAX backend (mostly `jax.nn`), including its
clipping of probabilities to `[epsilon, 1 - epsilon]` in the crossentropies.
Crossentropies and normalization ops live in their own modules and are
re-exported here; convolutions and pooling are not implemented yet.
"""

from __future__ import annotations

import warnings
from typing import Any

import jax
import jax.numpy as jnp
from jax import nn as jnn

from kerasish.backend import config
from kerasish.ops._dispatch import (
    axis_arg,
    keras_op,
    standardize_dtype,
    to_float,
    to_tensor,
)
from kerasish.ops.convolution import average_pool as average_pool
from kerasish.ops.convolution import conv as conv
from kerasish.ops.convolution import conv_transpose as conv_transpose
from kerasish.ops.convolution import depthwise_conv as depthwise_conv
from kerasish.ops.convolution import max_pool as max_pool
from kerasish.ops.convolution import separable_conv as separable_conv
from kerasish.ops.crossentropy import binary_crossentropy as binary_crossentropy
from kerasish.ops.crossentropy import (
    categorical_crossentropy as categorical_crossentropy,
)
from kerasish.ops.crossentropy import (
    sparse_categorical_crossentropy as sparse_categorical_crossentropy,
)
from kerasish.ops.normalization import batch_normalization as batch_normalization
from kerasish.ops.normalization import layer_normalization as layer_normalization
from kerasish.ops.normalization import moments as moments
from kerasish.ops.normalization import normalize as normalize
from kerasish.ops.normalization import rms_normalization as rms_normalization


@keras_op
def relu(x: Any) -> jax.Array:
    """Rectified linear unit: `max(x, 0)`."""
    return jnn.relu(to_tensor(x))


@keras_op
def relu6(x: Any) -> jax.Array:
    """ReLU capped at 6: `min(max(x, 0), 6)`."""
    return jnn.relu6(to_tensor(x))


@keras_op
def sigmoid(x: Any) -> jax.Array:
    """Logistic sigmoid: `1 / (1 + exp(-x))`."""
    return jnn.sigmoid(to_float(x))


@keras_op
def sparse_sigmoid(x: Any) -> jax.Array:
    """Sparse sigmoid: 0 below -1, 1 above 1, `(x + 1) / 2` between."""
    return jnn.sparse_sigmoid(to_float(x))


@keras_op
def softplus(x: Any) -> jax.Array:
    """Softplus: `log(exp(x) + 1)`."""
    return jnn.softplus(to_float(x))


@keras_op
def softsign(x: Any) -> jax.Array:
    """Softsign: `x / (abs(x) + 1)`."""
    return jnn.soft_sign(to_float(x))


@keras_op
def soft_shrink(x: Any, threshold: float = 0.5) -> jax.Array:
    """Soft shrinkage: `x -+ threshold` outside `[-threshold, threshold]`, else 0."""
    x = to_float(x)
    zero = jnp.zeros_like(x)
    return jnp.where(
        x > threshold, x - threshold, jnp.where(x < -threshold, x + threshold, zero)
    )


@keras_op
def sparse_plus(x: Any) -> jax.Array:
    """SparsePlus: 0 below -1, `x` above 1, `(x + 1)**2 / 4` between."""
    return jnn.sparse_plus(to_float(x))


@keras_op
def silu(x: Any) -> jax.Array:
    """Sigmoid linear unit (swish): `x * sigmoid(x)`."""
    return jnn.silu(to_float(x))


@keras_op
def swish(x: Any) -> jax.Array:
    """Swish (SiLU): `x * sigmoid(x)`."""
    return jnn.silu(to_float(x))


@keras_op
def squareplus(x: Any, b: float = 4) -> jax.Array:
    """Squareplus: `(x + sqrt(x**2 + b)) / 2`."""
    return jnn.squareplus(to_float(x), b=b)


@keras_op
def log_sigmoid(x: Any) -> jax.Array:
    """Logarithm of the sigmoid: `-softplus(-x)`."""
    return jnn.log_sigmoid(to_float(x))


@keras_op
def leaky_relu(x: Any, negative_slope: float = 0.2) -> jax.Array:
    """Leaky ReLU: `x` if `x >= 0`, else `negative_slope * x`."""
    return jnn.leaky_relu(to_float(x), negative_slope=negative_slope)


@keras_op
def hard_sigmoid(x: Any) -> jax.Array:
    """Hard sigmoid: `relu6(x + 3) / 6`."""
    return jnn.hard_sigmoid(to_float(x))


@keras_op
def hard_silu(x: Any) -> jax.Array:
    """Hard SiLU (hard swish): `x * relu6(x + 3) / 6`."""
    return jnn.hard_silu(to_float(x))


@keras_op
def hard_swish(x: Any) -> jax.Array:
    """Hard swish (hard SiLU): `x * relu6(x + 3) / 6`."""
    return jnn.hard_silu(to_float(x))


@keras_op
def elu(x: Any, alpha: float = 1.0) -> jax.Array:
    """Exponential linear unit: `x` if `x > 0`, else `alpha * (exp(x) - 1)`."""
    return jnn.elu(to_float(x), alpha=alpha)


@keras_op
def selu(x: Any) -> jax.Array:
    """Scaled ELU with `alpha=1.67326324`, `scale=1.05070098`."""
    return jnn.selu(to_float(x))


@keras_op
def gelu(x: Any, approximate: bool = True) -> jax.Array:
    """Gaussian error linear unit (tanh approximation by default, as in Keras ops).

    Args:
        x: Input tensor.
        approximate: Use the tanh approximation instead of the exact `erf` form.

    Returns:
        `x * P(X <= x)` for `X ~ N(0, 1)`.
    """
    return jnn.gelu(to_float(x), approximate=approximate)


@keras_op
def celu(x: Any, alpha: float = 1.0) -> jax.Array:
    """CELU: `max(x, 0) + alpha * min(0, exp(x / alpha) - 1)`."""
    return jnn.celu(to_float(x), alpha=alpha)


@keras_op
def glu(x: Any, axis: int = -1) -> jax.Array:
    """Gated linear unit: splits `x` in two halves `a, b`; returns `a * sigmoid(b)`."""
    return jnn.glu(to_float(x), axis=axis)


@keras_op
def hard_tanh(x: Any) -> jax.Array:
    """Hard tanh: `x` clipped to `[-1, 1]`."""
    return jnn.hard_tanh(to_float(x))


@keras_op
def hard_shrink(x: Any, threshold: float = 0.5) -> jax.Array:
    """Hard shrinkage: `x` where `|x| > threshold`, else 0."""
    x = to_float(x)
    return jnp.where(jnp.abs(x) > threshold, x, jnp.zeros_like(x))


@keras_op
def threshold(x: Any, threshold: float, default_value: float) -> jax.Array:
    """`x` where `x > threshold`, else `default_value`."""
    x = to_float(x)
    return jnp.where(x > threshold, x, jnp.asarray(default_value, dtype=x.dtype))


@keras_op
def tanh_shrink(x: Any) -> jax.Array:
    """Tanh shrink: `x - tanh(x)`."""
    x = to_float(x)
    return x - jnp.tanh(x)


@keras_op
def softmax(x: Any, axis: Any = -1) -> jax.Array:
    """Softmax: `exp(x) / sum(exp(x))` along `axis` (an int or a tuple).

    Args:
        x: Input tensor.
        axis: The axis (or tuple of axes) to normalize over.

    Returns:
        A tensor of probabilities summing to 1 along `axis`.
    """
    x = to_float(x)
    if isinstance(axis, int) and -x.ndim <= axis < x.ndim and x.shape[axis] == 1:
        warnings.warn(
            f"You are using a softmax over axis {axis} of a tensor of shape "
            f"{x.shape}. This axis has size 1. The softmax operation will always "
            "return the value 1, which is likely not what you intended. Did you "
            "mean to use a sigmoid instead?",
            stacklevel=2,
        )
    return jnn.softmax(x, axis=axis_arg(axis))


@keras_op
def log_softmax(x: Any, axis: Any = -1) -> jax.Array:
    """Log-softmax: `x - logsumexp(x)` along `axis`."""
    return jnn.log_softmax(to_float(x), axis=axis_arg(axis))


@keras_op
def sparsemax(x: Any, axis: int = -1) -> jax.Array:
    """Sparsemax: Euclidean projection of `x` onto the probability simplex."""
    logits = to_float(x)
    ordered = -jnp.sort(-logits, axis=axis)
    cumsum = jnp.cumsum(ordered, axis=axis)
    shape = [1] * logits.ndim
    shape[axis] = -1
    ranks = jnp.arange(1, logits.shape[axis] + 1, dtype=logits.dtype).reshape(shape)
    support = ordered - (cumsum - 1) / ranks > 0
    # Keras quirk (copied): tau sums the *cumulative sums* over the support, not
    # the supported logits, so outputs need not sum to 1 (Keras 3.15.1 values).
    k = jnp.sum(support, axis=axis, keepdims=True).astype(logits.dtype)
    tau = (jnp.sum(jnp.where(support, cumsum, 0.0), axis=axis, keepdims=True) - 1) / k
    return jnp.maximum(logits - tau, 0.0)


@keras_op
def one_hot(
    x: Any, num_classes: int, axis: int = -1, dtype: Any = None, sparse: bool = False
) -> jax.Array:
    """One-hot encodes integer labels (negative labels give all-zero rows).

    Args:
        x: Integer tensor of class indices.
        num_classes: Number of classes.
        axis: Where to insert the class axis.
        dtype: Output dtype (default `floatx()`).
        sparse: Unsupported (kerasish has no sparse tensors).

    Returns:
        The one-hot tensor.
    """
    if sparse:
        raise ValueError("Argument `sparse=True` is not supported with kerasish.")
    dtype = standardize_dtype(dtype) or config.floatx()
    return jnn.one_hot(to_tensor(x), num_classes, axis=axis, dtype=dtype)


@keras_op
def multi_hot(
    inputs: Any,
    num_classes: int | None = None,
    axis: int = -1,
    dtype: Any = None,
    sparse: bool = False,
    **kwargs: Any,
) -> jax.Array:
    """Multi-hot encodes a (batch of) list(s) of integer labels.

    Args:
        inputs: Integer tensor, `(n,)` or `(batch, n)`.
        num_classes: Number of classes (`num_tokens` is accepted too).
        axis: Where to put the class axis.
        dtype: Output dtype (default `floatx()`).
        sparse: Unsupported.

    Returns:
        A tensor with 1 at every class present in each row.
    """
    if num_classes is None and "num_tokens" in kwargs:
        num_classes = kwargs.pop("num_tokens")
    if num_classes is None:
        raise ValueError("Argument `num_classes` must be specified.")
    x = to_tensor(inputs).astype("int32")
    reduction_axis = 1 if x.ndim > 1 else 0
    encoded = one_hot(x, num_classes, axis=axis, dtype=dtype, sparse=sparse)
    return jnp.max(encoded, axis=reduction_axis)
