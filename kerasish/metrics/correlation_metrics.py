"""Correlation metrics: `pearson_correlation`, `concordance_correlation` and
their running-mean classes."""

from __future__ import annotations

import functools
from typing import Any

import jax
import jax.numpy as jnp

from kerasish.backend import config
from kerasish.losses.loss import convert, squeeze_or_expand_to_same_rank
from kerasish.metrics.reduction_metrics import MeanMetricWrapper


def _pair(y_true: Any, y_pred: Any) -> tuple[jax.Array, jax.Array]:
    y_pred = convert(y_pred)
    y_true = convert(y_true, y_pred.dtype)
    return squeeze_or_expand_to_same_rank(y_true, y_pred)


def _static(axis: Any) -> Any:
    return tuple(axis) if isinstance(axis, list) else axis


def pearson_correlation(y_true: Any, y_pred: Any, axis: int = -1) -> jax.Array:
    """Computes the Pearson coefficient between labels and predictions.

    Formula: `cov(y_true, y_pred) / (std(y_true) * std(y_pred))` along `axis`.

    Args:
        y_true: Tensor of true targets.
        y_pred: Tensor of predicted targets.
        axis: Axis along which to determine similarity. Defaults to `-1`.

    Returns:
        Pearson Correlation Coefficient tensor.

    Example:

    >>> y_true = [[0, 1, 0.5], [1, 1, 0.2]]
    >>> y_pred = [[0.1, 0.9, 0.5], [1, 0.9, 0.2]]
    >>> keras.metrics.pearson_correlation(y_true, y_pred, axis=-1).numpy()
    [1.         0.99339927]
    """
    y_true, y_pred = _pair(y_true, y_pred)
    return _pearson(y_true, y_pred, axis=_static(axis))


# The math is jitted (one dispatch when eager); the public functions stay
# plain Python functions so that they serialize by name.
@functools.partial(jax.jit, static_argnames=("axis",))
def _pearson(y_true: jax.Array, y_pred: jax.Array, axis: int) -> jax.Array:
    y_true_norm = y_true - jnp.mean(y_true, axis=axis, keepdims=True)
    y_pred_norm = y_pred - jnp.mean(y_pred, axis=axis, keepdims=True)
    y_true_norm = y_true_norm / jnp.std(y_true_norm, axis=axis, keepdims=True)
    y_pred_norm = y_pred_norm / jnp.std(y_pred_norm, axis=axis, keepdims=True)
    return jnp.mean(y_true_norm * y_pred_norm, axis=axis)


def concordance_correlation(y_true: Any, y_pred: Any, axis: int = -1) -> jax.Array:
    """Computes the Concordance coefficient between labels and predictions.

    Formula: `2 * cov / (var(y_true) + var(y_pred) + (mean_true - mean_pred)**2)`
    along `axis`.

    Args:
        y_true: Tensor of true targets.
        y_pred: Tensor of predicted targets.
        axis: Axis along which to determine similarity. Defaults to `-1`.

    Returns:
        Concordance Correlation Coefficient tensor.

    Example:

    >>> y_true = [[0, 1, 0.5], [1, 1, 0.2]]
    >>> y_pred = [[0.1, 0.9, 0.5], [1, 0.9, 0.2]]
    >>> keras.metrics.concordance_correlation(y_true, y_pred, axis=-1).numpy()
    [0.97560976 0.98765432]
    """
    y_true, y_pred = _pair(y_true, y_pred)
    return _concordance(y_true, y_pred, axis=_static(axis))


@functools.partial(jax.jit, static_argnames=("axis",))
def _concordance(y_true: jax.Array, y_pred: jax.Array, axis: int) -> jax.Array:
    y_true_mean = jnp.mean(y_true, axis=axis, keepdims=True)
    y_pred_mean = jnp.mean(y_pred, axis=axis, keepdims=True)
    y_true_var = jnp.var(y_true - y_true_mean, axis=axis, keepdims=True)
    y_pred_var = jnp.var(y_pred - y_pred_mean, axis=axis, keepdims=True)
    # Keras quirk, copied: the covariance centres `y_true` on `y_pred`'s mean.
    covar = (y_true - y_pred_mean) * (y_pred - y_pred_mean)
    norm = y_true_var + y_pred_var + jnp.square(y_true_mean - y_pred_mean)
    return jnp.mean(2 * covar / (norm + config.epsilon()), axis=axis)


class PearsonCorrelation(MeanMetricWrapper):
    """Calculates the running mean of the Pearson Correlation Coefficient.

    Args:
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
        axis: (Optional) integer or tuple of integers of the axis/axes along
            which to compute the metric. Defaults to `-1`.

    Example:

    >>> m = keras.metrics.PearsonCorrelation()
    >>> m.update_state([[0, 1, 0.5], [1, 1, 0.2]], [[0.1, 0.9, 0.5], [1, 0.9, 0.2]])
    >>> m.result()
    0.99669963
    """

    def __init__(
        self, name: str = "pearson_correlation", dtype: Any = None, axis: int = -1
    ) -> None:
        super().__init__(fn=pearson_correlation, name=name, dtype=dtype, axis=axis)
        self.axis = axis
        self._direction = "up"

    def get_config(self) -> dict[str, Any]:
        return {"name": self.name, "dtype": self.dtype, "axis": self.axis}


class ConcordanceCorrelation(MeanMetricWrapper):
    """Calculates the running mean of the Concordance Correlation Coefficient.

    Args:
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
        axis: (Optional) integer or tuple of integers of the axis/axes along
            which to compute the metric. Defaults to `-1`.

    Example:

    >>> m = keras.metrics.ConcordanceCorrelation()
    >>> m.update_state([[0, 1, 0.5], [1, 1, 0.2]], [[0.1, 0.9, 0.5], [1, 0.9, 0.2]])
    >>> m.result()
    0.98163204
    """

    def __init__(
        self, name: str = "concordance_correlation", dtype: Any = None, axis: int = -1
    ) -> None:
        super().__init__(fn=concordance_correlation, name=name, dtype=dtype, axis=axis)
        self.axis = axis
        self._direction = "up"

    def get_config(self) -> dict[str, Any]:
        return {"name": self.name, "dtype": self.dtype, "axis": self.axis}
