"""`keras.activations`: activation functions, plus `get`, `serialize`, `deserialize`.

Each function follows Keras 3.15.1 exactly (defaults included: `gelu` is the
exact erf form here, unlike `ops.gelu`; `leaky_relu` uses `negative_slope=0.2`).
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any

import jax

from kerasish import ops
from kerasish.ops._dispatch import keras_op, to_tensor


@keras_op
def relu(
    x: Any,
    negative_slope: float = 0.0,
    max_value: float | None = None,
    threshold: float = 0.0,
) -> jax.Array:
    """Rectified linear unit, with optional slope, cap and threshold.

    With defaults this is `max(x, 0)`. Otherwise it returns `x` for
    `threshold <= x < max_value`, `max_value` for `x >= max_value`, and
    `negative_slope * (x - threshold)` below the threshold.

    Args:
        x: Input tensor.
        negative_slope: Slope for values below the threshold.
        max_value: Saturation threshold (the largest value returned).
        threshold: Values below it are damped or set to zero.

    Returns:
        A tensor with the same shape and dtype as `x`.
    """
    x = to_tensor(x)
    # Same order of operations as Keras' `ReLU.static_call`, for identical values.
    if negative_slope != 0.0:
        if max_value is None and threshold == 0:
            return ops.leaky_relu(x, negative_slope=negative_slope)
        negative_part = ops.relu(-x + threshold) if threshold != 0 else ops.relu(-x)
    clip_max = max_value is not None
    if threshold != 0:
        x = ops.where(ops.greater(x, threshold), x, ops.zeros_like(x))
    elif max_value == 6:
        x = ops.relu6(x)
        clip_max = False
    else:
        x = ops.relu(x)
    if clip_max:
        x = ops.clip(x, ops.cast(0.0, x.dtype), ops.cast(max_value, x.dtype))
    if negative_slope != 0.0:
        x = x - ops.cast(negative_slope, x.dtype) * negative_part
    return x


def leaky_relu(x: Any, negative_slope: float = 0.2) -> jax.Array:
    """Leaky ReLU: `x` if `x > 0`, else `negative_slope * x`."""
    return ops.leaky_relu(x, negative_slope=negative_slope)


def relu6(x: Any) -> jax.Array:
    """ReLU capped at 6: `min(max(x, 0), 6)`."""
    return ops.relu6(x)


def softmax(x: Any, axis: int = -1) -> jax.Array:
    """Softmax: `exp(x) / sum(exp(x), axis)`."""
    return ops.softmax(x, axis=axis)


def elu(x: Any, alpha: float = 1.0) -> jax.Array:
    """Exponential linear unit: `x` if `x > 0`, else `alpha * (exp(x) - 1)`."""
    return ops.elu(x, alpha=alpha)


def selu(x: Any) -> jax.Array:
    """Scaled ELU: `scale * elu(x, alpha)`, `alpha=1.67326324`, `scale=1.05070098`."""
    return ops.selu(x)


def softplus(x: Any) -> jax.Array:
    """Softplus: `log(exp(x) + 1)`."""
    return ops.softplus(x)


def softsign(x: Any) -> jax.Array:
    """Softsign: `x / (abs(x) + 1)`."""
    return ops.softsign(x)


def soft_shrink(x: Any, threshold: float = 0.5) -> jax.Array:
    """Soft shrinkage: moves `x` toward zero by `threshold`, zero inside it."""
    return ops.soft_shrink(x, threshold=threshold)


def sparse_plus(x: Any) -> jax.Array:
    """SparsePlus: 0 for `x <= -1`, `(x + 1)**2 / 4` for `|x| < 1`, else `x`."""
    return ops.sparse_plus(x)


def silu(x: Any) -> jax.Array:
    """Swish / SiLU: `x * sigmoid(x)`."""
    return ops.silu(x)


swish = silu


def squareplus(x: Any, b: float = 4) -> jax.Array:
    """Squareplus: `(x + sqrt(x**2 + b)) / 2`."""
    return ops.squareplus(x, b=b)


def gelu(x: Any, approximate: bool = False) -> jax.Array:
    """Gaussian error linear unit: `x * P(X <= x)`, `X ~ N(0, 1)`.

    Args:
        x: Input tensor.
        approximate: Use the tanh approximation (default: exact `erf` form).

    Returns:
        A tensor with the same shape as `x`.
    """
    return ops.gelu(x, approximate=approximate)


def celu(x: Any, alpha: float = 1.0) -> jax.Array:
    """CELU: `max(x, 0) + alpha * min(0, exp(x / alpha) - 1)`."""
    return ops.celu(x, alpha=alpha)


def glu(x: Any, axis: int = -1) -> jax.Array:
    """Gated linear unit: halves `a, b` of `x` along `axis`; `a * sigmoid(b)`."""
    return ops.glu(x, axis=axis)


def tanh(x: Any) -> jax.Array:
    """Hyperbolic tangent."""
    return ops.tanh(x)


def tanh_shrink(x: Any) -> jax.Array:
    """Tanh shrink: `x - tanh(x)`."""
    return ops.tanh_shrink(x)


def hard_tanh(x: Any) -> jax.Array:
    """Hard tanh: `x` clipped to `[-1, 1]`."""
    return ops.hard_tanh(x)


def hard_shrink(x: Any, threshold: float = 0.5) -> jax.Array:
    """Hard shrinkage: `x` where `|x| > threshold`, else 0."""
    return ops.hard_shrink(x, threshold=threshold)


def threshold(x: Any, threshold: float, default_value: float) -> jax.Array:
    """`x` where `x > threshold`, else `default_value`."""
    return ops.threshold(x, threshold, default_value)


def sigmoid(x: Any) -> jax.Array:
    """Sigmoid: `1 / (1 + exp(-x))`."""
    return ops.sigmoid(x)


def exponential(x: Any) -> jax.Array:
    """Exponential: `exp(x)`."""
    return ops.exp(x)


def hard_sigmoid(x: Any) -> jax.Array:
    """Hard sigmoid: `relu6(x + 3) / 6` (0 below -3, 1 above 3)."""
    return ops.hard_sigmoid(x)


def log_sigmoid(x: Any) -> jax.Array:
    """Log of the sigmoid: `-softplus(-x)`."""
    return ops.log_sigmoid(x)


def sparse_sigmoid(x: Any) -> jax.Array:
    """Sparse sigmoid: 0 below -1, 1 above 1, `(x + 1) / 2` between."""
    return ops.sparse_sigmoid(x)


def hard_silu(x: Any) -> jax.Array:
    """Hard SiLU / hard swish: `x * relu6(x + 3) / 6`."""
    return ops.hard_silu(x)


hard_swish = hard_silu


def linear(x: Any) -> Any:
    """Linear (identity) activation: returns `x` unchanged."""
    return x


def mish(x: Any) -> jax.Array:
    """Mish: `x * tanh(softplus(x))`."""
    x = to_tensor(x)
    return x * ops.tanh(ops.softplus(x))


def log_softmax(x: Any, axis: int = -1) -> jax.Array:
    """Log-softmax: `x - log(sum(exp(x), axis))`."""
    return ops.log_softmax(x, axis=axis)


def sparsemax(x: Any, axis: int = -1) -> jax.Array:
    """Sparsemax: projection onto the probability simplex (sparse outputs)."""
    return ops.sparsemax(x, axis=axis)


_BUILTINS = (
    relu, leaky_relu, relu6, softmax, celu, elu, selu, softplus, softsign,
    squareplus, soft_shrink, sparse_plus, silu, gelu, glu, tanh, tanh_shrink,
    threshold, sigmoid, sparse_sigmoid, exponential, hard_sigmoid, hard_silu,
    hard_tanh, hard_shrink, linear, mish, log_softmax, log_sigmoid, sparsemax,
)  # fmt: skip
ALL_OBJECTS_DICT: dict[str, Callable] = {fn.__name__: fn for fn in _BUILTINS}
ALL_OBJECTS_DICT["swish"] = silu
ALL_OBJECTS_DICT["hard_swish"] = hard_silu


def serialize(activation: Callable) -> str | dict:
    """Returns the name of a built-in activation, or a config dict for others.

    Args:
        activation: A built-in activation function, or a custom callable.

    Returns:
        The string name (`"relu"`; `swish` gives `"silu"`) for built-ins; a
        Keras-style config dict for custom functions and objects.
    """
    for name, fn in ALL_OBJECTS_DICT.items():
        if fn is activation and name not in ("swish", "hard_swish"):
            return name
    if isinstance(activation, types.FunctionType):
        return {
            "module": activation.__module__,
            "class_name": "function",
            "config": activation.__name__,
            "registered_name": activation.__name__,
        }
    if hasattr(activation, "get_config"):
        return {
            "module": type(activation).__module__,
            "class_name": type(activation).__name__,
            "config": activation.get_config(),
            "registered_name": None,
        }
    raise ValueError(
        f"Unknown activation function '{activation}' cannot be serialized. "
        "Use a built-in activation name or an object with `get_config()`."
    )


def deserialize(config: str | dict, custom_objects: dict | None = None) -> Callable:
    """Returns an activation function from its name or config.

    Args:
        config: A name (`"relu"`) or a config dict from `serialize`.
        custom_objects: Optional `{name: function_or_class}` for custom ones.

    Returns:
        The activation callable.
    """
    custom_objects = custom_objects or {}
    if isinstance(config, dict):
        class_name = config.get("class_name")
        inner = config.get("config")
        if class_name == "function" or (class_name is None and isinstance(inner, str)):
            return deserialize(inner, custom_objects)
        cls = custom_objects.get(class_name)
        if cls is None:
            raise ValueError(_unknown(class_name))
        return cls.from_config(inner or {}) if hasattr(cls, "from_config") else cls
    if isinstance(config, str):
        found = custom_objects.get(config, ALL_OBJECTS_DICT.get(config))
        if found is None:
            raise ValueError(_unknown(config))
        return found
    raise ValueError(f"Could not interpret activation function identifier: {config}")


def get(identifier: Any) -> Callable:
    """Retrieves an activation function.

    Args:
        identifier: `None` (linear), a name like `"relu"`, a config dict, or a
            callable (returned as is).

    Returns:
        The activation callable.

    Raises:
        ValueError: If the identifier is unknown or not callable.
    """
    if identifier is None:
        return linear
    if isinstance(identifier, dict | str):
        return deserialize(identifier)
    if callable(identifier):
        return identifier
    raise ValueError(
        f"Could not interpret activation function identifier: {identifier}"
    )


def _unknown(identifier: Any) -> str:
    return (
        f"Could not interpret activation function identifier: {identifier}. "
        f"Expected one of {sorted(ALL_OBJECTS_DICT)}, a callable or a config dict."
    )
