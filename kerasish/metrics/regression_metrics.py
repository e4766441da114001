"""Regression metrics: MSE, MAE, MAPE, MSLE, RMSE, cosine similarity, log-cosh."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.losses import losses as fns
from kerasish.losses.loss import convert, squeeze_or_expand_to_same_rank
from kerasish.metrics.reduction_metrics import Mean, MeanMetricWrapper


def cosine_similarity(y_true: Any, y_pred: Any, axis: int = -1) -> jax.Array:
    """Cosine similarity `sum(l2_norm(y_true) * l2_norm(y_pred))` (not negated)."""
    y_pred = convert(y_pred)
    y_true = convert(y_true, y_pred.dtype)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    return jnp.sum(
        fns.l2_normalize(y_true, axis) * fns.l2_normalize(y_pred, axis), axis=axis
    )


class MeanSquaredError(MeanMetricWrapper):
    """Computes the mean squared error between `y_true` and `y_pred`."""

    def __init__(self, name="mean_squared_error", dtype=None):
        super().__init__(fn=fns.mean_squared_error, name=name, dtype=dtype)
        self._direction = "down"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class MeanAbsoluteError(MeanMetricWrapper):
    """Computes the mean absolute error between `y_true` and `y_pred`."""

    def __init__(self, name="mean_absolute_error", dtype=None):
        super().__init__(fns.mean_absolute_error, name, dtype=dtype)
        self._direction = "down"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class MeanAbsolutePercentageError(MeanMetricWrapper):
    """Computes `100 * mean(abs((y_true - y_pred) / y_true))`."""

    def __init__(self, name="mean_absolute_percentage_error", dtype=None):
        super().__init__(fns.mean_absolute_percentage_error, name, dtype=dtype)
        self._direction = "down"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class MeanSquaredLogarithmicError(MeanMetricWrapper):
    """Computes `mean(square(log(y_true + 1) - log(y_pred + 1)))`."""

    def __init__(self, name="mean_squared_logarithmic_error", dtype=None):
        super().__init__(fns.mean_squared_logarithmic_error, name, dtype=dtype)
        self._direction = "down"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class RootMeanSquaredError(Mean):
    """Computes `sqrt(mean((y_pred - y_true) ** 2))` over all elements seen.

    Args:
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name="root_mean_squared_error", dtype=None):
        super().__init__(name, dtype=dtype)
        self._direction = "down"

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = convert(y_true, self.dtype)
        y_pred = convert(y_pred, self.dtype)
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        error_sq = jnp.square(y_pred - y_true)
        super().update_state(error_sq, sample_weight=sample_weight)

    def result(self):
        return jnp.sqrt(super().result())


class CosineSimilarity(MeanMetricWrapper):
    """Computes the mean cosine similarity between labels and predictions.

    Args:
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
        axis: (Optional) The axis along which the similarity is computed.
    """

    def __init__(self, name="cosine_similarity", dtype=None, axis=-1):
        super().__init__(cosine_similarity, name, dtype=dtype, axis=axis)
        self._direction = "up"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class LogCoshError(MeanMetricWrapper):
    """Computes the mean logarithm of the hyperbolic cosine of the error."""

    def __init__(self, name="logcosh", dtype=None):
        super().__init__(fns.log_cosh, name, dtype=dtype)
        self._direction = "down"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}
