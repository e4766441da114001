"""Pure per-sample Keras loss functions (`mean_squared_error`, crossentropies, ...).

Each takes `(y_true, y_pred)` and returns one value per sample (the last axis
reduced), with Keras 3's exact numerics. They are also Keras' metric functions.
"""

from __future__ import annotations

import warnings
from typing import Any

import jax
import jax.numpy as jnp

from kerasish.backend import config
from kerasish.core.masking import set_keras_mask
from kerasish.losses.loss import convert, squeeze_or_expand_to_same_rank


def _pair(y_true: Any, y_pred: Any) -> tuple[jax.Array, jax.Array]:
    """Converts `y_pred`, casts `y_true` to its dtype, matches their ranks."""
    y_pred = convert(y_pred)
    y_true = convert(y_true, y_pred.dtype)
    return squeeze_or_expand_to_same_rank(y_true, y_pred)


def _cast_pair(y_true: Any, y_pred: Any) -> tuple[jax.Array, jax.Array]:
    """Converts `y_pred` and casts `y_true` to its dtype (no rank matching)."""
    y_pred = convert(y_pred)
    return convert(y_true, y_pred.dtype), y_pred


def convert_binary_labels_to_hinge(y_true: jax.Array) -> jax.Array:
    """Maps {0, 1} labels to {-1, 1}; leaves any other labels unchanged."""
    is_binary = jnp.all(jnp.logical_or(y_true == 0, y_true == 1))
    return jnp.where(is_binary, 2.0 * y_true - 1.0, y_true)


def hinge(y_true: Any, y_pred: Any) -> jax.Array:
    """Hinge loss: `mean(maximum(1 - y_true * y_pred, 0), axis=-1)`.

    Binary {0, 1} labels are converted to {-1, 1}.
    """
    y_true, y_pred = _cast_pair(y_true, y_pred)
    y_true = convert_binary_labels_to_hinge(y_true)
    return jnp.mean(jnp.maximum(1.0 - y_true * y_pred, 0.0), axis=-1)


def squared_hinge(y_true: Any, y_pred: Any) -> jax.Array:
    """Squared hinge loss: `mean(square(maximum(1 - y_true * y_pred, 0)), axis=-1)`."""
    y_true, y_pred = _cast_pair(y_true, y_pred)
    y_true = convert_binary_labels_to_hinge(y_true)
    return jnp.mean(jnp.square(jnp.maximum(1.0 - y_true * y_pred, 0.0)), axis=-1)


def categorical_hinge(y_true: Any, y_pred: Any) -> jax.Array:
    """Categorical hinge: `maximum(neg - pos + 1, 0)`.

    `pos = sum(y_true * y_pred)` and `neg = max((1 - y_true) * y_pred)`.
    """
    y_true, y_pred = _cast_pair(y_true, y_pred)
    pos = jnp.sum(y_true * y_pred, axis=-1)
    neg = jnp.max((1.0 - y_true) * y_pred, axis=-1)
    return jnp.maximum(neg - pos + 1.0, jnp.zeros((), y_pred.dtype))


def mean_squared_error(y_true: Any, y_pred: Any) -> jax.Array:
    """Mean squared error: `mean(square(y_true - y_pred), axis=-1)`."""
    y_true, y_pred = _pair(y_true, y_pred)
    return jnp.mean(jnp.square(y_true - y_pred), axis=-1)


def mean_absolute_error(y_true: Any, y_pred: Any) -> jax.Array:
    """Mean absolute error: `mean(abs(y_true - y_pred), axis=-1)`."""
    y_true, y_pred = _pair(y_true, y_pred)
    return jnp.mean(jnp.abs(y_true - y_pred), axis=-1)


def mean_absolute_percentage_error(y_true: Any, y_pred: Any) -> jax.Array:
    """`100 * mean(abs((y_true - y_pred) / maximum(abs(y_true), epsilon)), axis=-1)`."""
    y_true, y_pred = _pair(y_true, y_pred)
    eps = jnp.asarray(config.epsilon(), y_pred.dtype)
    diff = jnp.abs((y_true - y_pred) / jnp.maximum(jnp.abs(y_true), eps))
    return 100.0 * jnp.mean(diff, axis=-1)


def mean_squared_logarithmic_error(y_true: Any, y_pred: Any) -> jax.Array:
    """`mean(square(log(y_pred + 1) - log(y_true + 1)), axis=-1)`.

    Values below `epsilon` are replaced by `epsilon` first.
    """
    y_true, y_pred = _pair(y_true, y_pred)
    eps = jnp.asarray(config.epsilon(), y_pred.dtype)
    first_log = jnp.log(jnp.maximum(y_pred, eps) + 1.0)
    second_log = jnp.log(jnp.maximum(y_true, eps) + 1.0)
    return jnp.mean(jnp.square(first_log - second_log), axis=-1)


def l2_normalize(x: jax.Array, axis: int = -1) -> jax.Array:
    """`x * min(rsqrt(sum(x**2)), 1 / epsilon)`, as `keras.ops.normalize`."""
    if x.ndim == 0:
        x = jnp.expand_dims(x, 0)
    inv_norm = jax.lax.rsqrt(jnp.sum(jnp.square(x), axis=axis, keepdims=True))
    return x * jnp.minimum(inv_norm, 1.0 / config.epsilon())


def cosine_similarity(y_true: Any, y_pred: Any, axis: int = -1) -> jax.Array:
    """Negative cosine similarity: `-sum(l2_norm(y_true) * l2_norm(y_pred))`."""
    y_true, y_pred = _pair(y_true, y_pred)
    return -jnp.sum(l2_normalize(y_true, axis) * l2_normalize(y_pred, axis), axis=axis)


def huber(y_true: Any, y_pred: Any, delta: float = 1.0) -> jax.Array:
    """Huber loss: quadratic for `|error| <= delta`, linear beyond it."""
    y_true, y_pred = _pair(y_true, y_pred)
    delta = jnp.asarray(delta, y_pred.dtype)
    error = y_pred - y_true
    abs_error = jnp.abs(error)
    half = jnp.asarray(0.5, abs_error.dtype)
    values = jnp.where(
        abs_error <= delta,
        half * jnp.square(error),
        delta * abs_error - half * jnp.square(delta),
    )
    return jnp.mean(values, axis=-1)


def log_cosh(y_true: Any, y_pred: Any) -> jax.Array:
    """`mean(log(cosh(y_pred - y_true)), axis=-1)`, computed stably."""
    y_true, y_pred = _pair(y_true, y_pred)
    log2 = jnp.log(jnp.asarray(2.0, "float32")).astype(y_pred.dtype)
    x = y_pred - y_true
    return jnp.mean(x + jax.nn.softplus(x * -2.0) - log2, axis=-1)


def kl_divergence(y_true: Any, y_pred: Any) -> jax.Array:
    """`sum(y_true * log(y_true / y_pred), axis=-1)`, both clipped to `[eps, 1]`."""
    y_true, y_pred = _cast_pair(y_true, y_pred)
    y_true = jnp.clip(y_true, config.epsilon(), 1)
    y_pred = jnp.clip(y_pred, config.epsilon(), 1)
    return jnp.sum(y_true * jnp.log(y_true / y_pred), axis=-1)


def poisson(y_true: Any, y_pred: Any) -> jax.Array:
    """Poisson loss: `mean(y_pred - y_true * log(y_pred + epsilon), axis=-1)`."""
    y_true, y_pred = _cast_pair(y_true, y_pred)
    eps = jnp.asarray(config.epsilon(), y_pred.dtype)
    return jnp.mean(y_pred - y_true * jnp.log(y_pred + eps), axis=-1)


def _check_axis(axis: Any) -> None:
    if isinstance(axis, bool):
        raise ValueError(
            f"`axis` must be of type `int`. Received: axis={axis} of type {type(axis)}"
        )


def _warn_single_class(fn_name: str, y_pred: jax.Array) -> None:
    if y_pred.shape[-1] == 1:
        warnings.warn(
            f"In loss {fn_name}, expected y_pred.shape to be (batch_size, "
            f"num_classes) with num_classes > 1. Received: y_pred.shape="
            f"{y_pred.shape}. Consider using 'binary_crossentropy' if you only "
            "have 2 classes.",
            SyntaxWarning,
            stacklevel=3,
        )


def _smooth_categorical(y_true: jax.Array, label_smoothing: float) -> jax.Array:
    num_classes = jnp.asarray(y_true.shape[-1], y_true.dtype)
    return y_true * (1.0 - label_smoothing) + label_smoothing / num_classes


def _log_probs(output: jax.Array, from_logits: bool, axis: int) -> jax.Array:
    """Log-probabilities; probabilities are renormalised and clipped as in Keras."""
    if from_logits:
        return jax.nn.log_softmax(output, axis=axis)
    eps = config.epsilon()
    output = output / jnp.sum(output, axis, keepdims=True)
    return jnp.log(jnp.clip(output, eps, 1.0 - eps))


def _check_same_shape(target: jax.Array, output: jax.Array) -> None:
    if target.shape != output.shape:
        raise ValueError(
            "Arguments `target` and `output` must have the same shape. Received: "
            f"target.shape={target.shape}, output.shape={output.shape}"
        )


def categorical_crossentropy(
    y_true: Any,
    y_pred: Any,
    from_logits: bool = False,
    label_smoothing: float = 0.0,
    axis: int = -1,
) -> jax.Array:
    """Categorical crossentropy between one-hot `y_true` and `y_pred`.

    Args:
        y_true: One-hot (or soft) targets.
        y_pred: Probabilities, or logits when `from_logits=True`.
        from_logits: Whether `y_pred` holds logits.
        label_smoothing: Float in [0, 1]: targets become
            `y_true * (1 - label_smoothing) + label_smoothing / num_classes`.
        axis: The class axis.

    Returns:
        Per-sample crossentropy, with `axis` reduced.
    """
    _check_axis(axis)
    y_true, y_pred = _cast_pair(y_true, y_pred)
    _warn_single_class("categorical_crossentropy", y_pred)
    if label_smoothing:
        y_true = _smooth_categorical(y_true, label_smoothing)
    _check_same_shape(y_true, y_pred)
    if y_true.ndim < 1:
        raise ValueError(
            "Arguments `target` and `output` must be at least rank 1. Received: "
            f"target.shape={y_true.shape}, output.shape={y_pred.shape}"
        )
    return -jnp.sum(y_true * _log_probs(y_pred, from_logits, axis), axis=axis)


def categorical_focal_crossentropy(
    y_true: Any,
    y_pred: Any,
    alpha: float = 0.25,
    gamma: float = 2.0,
    from_logits: bool = False,
    label_smoothing: float = 0.0,
    axis: int = -1,
) -> jax.Array:
    """Categorical focal crossentropy: `sum(alpha * (1 - p)**gamma * CE, axis)`."""
    _check_axis(axis)
    y_true, y_pred = _cast_pair(y_true, y_pred)
    _warn_single_class("categorical_focal_crossentropy", y_pred)
    if label_smoothing:
        y_true = _smooth_categorical(y_true, label_smoothing)
    if from_logits:
        y_pred = jax.nn.softmax(y_pred, axis=axis)
    eps = config.epsilon()
    output = y_pred / jnp.sum(y_pred, axis=axis, keepdims=True)
    output = jnp.clip(output, eps, 1.0 - eps)
    cce = -y_true * jnp.log(output)
    weighting = jnp.power(1.0 - output, gamma) * alpha
    return jnp.sum(weighting * cce, axis=axis)


def sparse_categorical_crossentropy(
    y_true: Any,
    y_pred: Any,
    from_logits: bool = False,
    ignore_class: int | None = None,
    axis: int = -1,
) -> jax.Array:
    """Crossentropy between integer labels and predicted class scores.

    Args:
        y_true: Integer class ids, shape `(batch, ...)` or `(batch, ..., 1)`.
        y_pred: Probabilities (or logits when `from_logits=True`).
        from_logits: Whether `y_pred` holds logits.
        ignore_class: Optional class id whose entries get a loss of 0 and are
            masked out of the reduction (a "void" class).
        axis: The class axis.

    Returns:
        Per-sample crossentropy.
    """
    y_true, y_pred = convert(y_true), convert(y_pred)
    if y_true.ndim == y_pred.ndim and y_true.shape[axis] == 1:
        y_true = jnp.squeeze(y_true, axis=axis)
    valid_mask = None
    if ignore_class is not None:
        class_axis = axis % y_pred.ndim
        res_shape = tuple(d for i, d in enumerate(y_pred.shape) if i != class_axis)
        valid_mask = y_true != ignore_class
        y_true = jnp.where(valid_mask, y_true, jnp.zeros_like(y_true))
        y_pred = jnp.where(
            jnp.expand_dims(valid_mask, axis), y_pred, jnp.zeros_like(y_pred)
        )
    target = y_true.astype("int32")
    if target.ndim == y_pred.ndim and target.shape[-1] == 1:
        target = jnp.squeeze(target, axis=-1)
    if y_pred.ndim < 1:
        raise ValueError(
            f"Argument `output` must be at least rank 1. Received: "
            f"output.shape={y_pred.shape}"
        )
    if target.shape != y_pred.shape[:-1]:
        raise ValueError(
            "Arguments `target` and `output` must have the same shape up until "
            f"the last dimension: target.shape={target.shape}, "
            f"output.shape={y_pred.shape}"
        )
    log_prob = _log_probs(y_pred, from_logits, axis)
    num_classes = y_pred.shape[axis]
    one_hot = jax.nn.one_hot(target, num_classes, axis=axis, dtype=log_prob.dtype)
    res = -jnp.sum(one_hot * log_prob, axis=axis)
    if valid_mask is not None:
        valid_mask = jnp.reshape(valid_mask, res_shape)
        res = jnp.where(valid_mask, res, jnp.zeros_like(res))
        set_keras_mask(res, valid_mask)
    return res


def _binary_crossentropy_elementwise(
    target: jax.Array, output: jax.Array, from_logits: bool
) -> jax.Array:
    _check_same_shape(target, output)
    if from_logits:
        log_logits = jax.nn.log_sigmoid(output)
        log_neg_logits = jax.nn.log_sigmoid(-output)
        return -1.0 * target * log_logits - (1.0 - target) * log_neg_logits
    eps = config.epsilon()
    output = jnp.clip(output, eps, 1.0 - eps)
    bce = target * jnp.log(output)
    bce += (1.0 - target) * jnp.log(1.0 - output)
    return -bce


def binary_crossentropy(
    y_true: Any,
    y_pred: Any,
    from_logits: bool = False,
    label_smoothing: float = 0.0,
    axis: int = -1,
) -> jax.Array:
    """Binary crossentropy, averaged over `axis`.

    Args:
        y_true: Targets in [0, 1], same shape as `y_pred`.
        y_pred: Probabilities (clipped to `[eps, 1 - eps]`), or logits when
            `from_logits=True`.
        from_logits: Whether `y_pred` holds logits.
        label_smoothing: Float in [0, 1]: targets become
            `y_true * (1 - label_smoothing) + 0.5 * label_smoothing`.
        axis: The axis along which the mean is computed.

    Returns:
        Per-sample binary crossentropy.
    """
    y_true, y_pred = _cast_pair(y_true, y_pred)
    if label_smoothing:
        y_true = y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing
    return jnp.mean(
        _binary_crossentropy_elementwise(y_true, y_pred, from_logits), axis=axis
    )


def binary_focal_crossentropy(
    y_true: Any,
    y_pred: Any,
    apply_class_balancing: bool = False,
    alpha: float = 0.25,
    gamma: float = 2.0,
    from_logits: bool = False,
    label_smoothing: float = 0.0,
    axis: int = -1,
) -> jax.Array:
    """Binary focal crossentropy: BCE weighted by `(1 - p_t) ** gamma`."""
    y_true, y_pred = _cast_pair(y_true, y_pred)
    if label_smoothing:
        y_true = y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing
    if from_logits:
        y_pred = jax.nn.sigmoid(y_pred)
    bce = _binary_crossentropy_elementwise(y_true, y_pred, from_logits=False)
    p_t = y_true * y_pred + (1 - y_true) * (1 - y_pred)
    focal_bce = jnp.power(1.0 - p_t, gamma) * bce
    if apply_class_balancing:
        focal_bce = (y_true * alpha + (1 - y_true) * (1 - alpha)) * focal_bce
    return jnp.mean(focal_bce, axis=axis)


# Legacy short names (tf.keras exported them as functions).
mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
kld = KLD = kullback_leibler_divergence = kl_divergence
logcosh = log_cosh
bce = BCE = binary_crossentropy
