"""`R2Score`: the (optionally adjusted) coefficient of determination."""

from __future__ import annotations

import functools
import warnings
from typing import Any

import jax
import jax.numpy as jnp

from kerasish.losses.loss import convert, squeeze_or_expand_to_same_rank
from kerasish.metrics.metric import Metric

_AGGREGATIONS = (None, "uniform_average", "variance_weighted_average")


class R2Score(Metric):
    """Computes R2 score.

    Formula:

    ```python
    sum_squares_residuals = sum((y_true - y_pred) ** 2)
    sum_squares = sum((y_true - mean(y_true)) ** 2)
    R2 = 1 - sum_squares_residuals / sum_squares
    ```

    Also called the coefficient of determination: 1.0 is a perfect fit, 0.0
    no better than predicting the mean, and it can be negative. With
    `num_regressors > 0` it is the "Adjusted R2" score.

    Args:
        class_aggregation: How to aggregate the scores of the output
            dimensions (scikit-learn's `multioutput`): `None` (no
            aggregation), `"uniform_average"` (default) or
            `"variance_weighted_average"`.
        num_regressors: Number of independent regressors used ("Adjusted R2"
            score). 0 is the standard R2 score. Defaults to `0`.
        name: Optional. string name of the metric instance.
        dtype: Optional. data type of the metric result.

    Example:

    >>> y_true = np.array([[1], [4], [3]], dtype=np.float32)
    >>> y_pred = np.array([[2], [4], [4]], dtype=np.float32)
    >>> metric = keras.metrics.R2Score()
    >>> metric.update_state(y_true, y_pred)
    >>> metric.result()
    0.57142854
    """

    def __init__(
        self,
        class_aggregation: str | None = "uniform_average",
        num_regressors: int = 0,
        name: str = "r2_score",
        dtype: Any = None,
    ) -> None:
        super().__init__(name=name, dtype=dtype)
        self._direction = "up"
        if class_aggregation not in _AGGREGATIONS:
            raise ValueError(
                "Invalid value for argument `class_aggregation`. Expected one of "
                f"{_AGGREGATIONS}. Received: class_aggregation={class_aggregation}"
            )
        if num_regressors < 0:
            raise ValueError(
                "Invalid value for argument `num_regressors`. Expected a value "
                f">= 0. Received: num_regressors={num_regressors}"
            )
        self.class_aggregation = class_aggregation
        self.num_regressors = num_regressors
        self.num_samples = self.add_variable(
            shape=(), initializer="zeros", name="num_samples"
        )
        self._built = False

    def _build(self, y_true_shape: tuple, y_pred_shape: tuple) -> None:
        """Creates the per-output sums once the output size is known."""
        if len(y_pred_shape) != 2 or len(y_true_shape) != 2:
            raise ValueError(
                "R2Score expects 2D inputs with shape (batch_size, output_dim). "
                f"Received input shapes: y_pred.shape={y_pred_shape} and "
                f"y_true.shape={y_true_shape}."
            )
        num_classes = y_pred_shape[-1]
        for attr, var_name in (
            ("squared_sum", "squared_sum"),
            ("sum", "sum"),
            ("total_mse", "residual"),
            ("count", "count"),
        ):
            variable = self.add_variable(
                shape=(num_classes,), initializer="zeros", name=var_name
            )
            setattr(self, attr, variable)
        self._built = True

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        """Accumulates the sums behind the R2 score.

        Args:
            y_true: The ground truth values, shape `(batch_size, output_dim)`.
            y_pred: The predicted values, same shape.
            sample_weight: Optional weights broadcastable to `y_true` (a
                rank-1 weight is one per sample). Defaults to `1`.
        """
        y_true = convert(y_true, self.dtype)
        y_pred = convert(y_pred, self.dtype)
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        if not self._built:
            self._build(y_true.shape, y_pred.shape)
        sample_weight = convert(
            1 if sample_weight is None else sample_weight, self.dtype
        )
        sums = _batch_sums(y_true, y_pred, sample_weight)
        for variable, value in zip(
            (self.sum, self.squared_sum, self.total_mse, self.count), sums, strict=True
        ):
            variable.assign_add(value)
        self.num_samples.assign_add(jnp.asarray(y_true.size, self.num_samples.dtype))

    def result(self) -> jax.Array:
        r2_score = _r2(
            self.sum.value,
            self.squared_sum.value,
            self.total_mse.value,
            self.count.value,
            class_aggregation=self.class_aggregation,
        )
        if self.num_regressors == 0:
            return r2_score
        return self._adjust(r2_score)

    def _adjust(self, r2_score: jax.Array) -> jax.Array:
        """Adjusted R2; falls back to plain R2 (as Keras does) when the sample
        count leaves no degrees of freedom. Chosen with `where`, so it jits."""
        n = self.num_samples.value.astype("float32")
        p = float(self.num_regressors)
        fallback = p >= n - 1
        if not isinstance(n, jax.core.Tracer) and bool(fallback):
            warnings.warn(
                "More independent predictors than datapoints in adjusted R2 "
                "score. Falling back to standard R2 score."
                if p > n - 1
                else "Division by zero in Adjusted R2 score. Falling back to "
                "standard R2 score.",
                stacklevel=3,
            )
        den = jnp.where(fallback, 1.0, n - p - 1.0)
        adjusted = 1.0 - (1.0 - r2_score) * (n - 1.0) / den
        return jnp.where(fallback, r2_score, adjusted)

    def reset_state(self) -> None:
        for v in self.variables:
            v.assign(jnp.zeros(v.shape, v.dtype))

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            "class_aggregation": self.class_aggregation,
            "num_regressors": self.num_regressors,
        }


# Jitted so an eager update or result is one dispatch; inlined under `jit`.
@jax.jit
def _batch_sums(
    y_true: jax.Array, y_pred: jax.Array, sample_weight: jax.Array
) -> tuple[jax.Array, jax.Array, jax.Array, jax.Array]:
    """Per-output weighted sum, sum of squares, squared residuals and count."""
    if sample_weight.ndim == 1:
        sample_weight = jnp.expand_dims(sample_weight, axis=1)
    sample_weight = jnp.broadcast_to(sample_weight, y_true.shape)
    weighted_y_true = y_true * sample_weight
    return (
        jnp.sum(weighted_y_true, axis=0),
        jnp.sum(y_true * weighted_y_true, axis=0),
        jnp.sum((y_true - y_pred) ** 2 * sample_weight, axis=0),
        jnp.sum(sample_weight, axis=0),
    )


@functools.partial(jax.jit, static_argnames=("class_aggregation",))
def _r2(
    total: jax.Array,
    squared_sum: jax.Array,
    total_mse: jax.Array,
    count: jax.Array,
    *,
    class_aggregation: str | None,
) -> jax.Array:
    """The R2 score of each output, aggregated as asked."""
    mean = total / count
    sum_squares = squared_sum - total * mean
    raw_scores = 1 - (total_mse / sum_squares)
    raw_scores = jnp.where(jnp.isinf(raw_scores), 0.0, raw_scores)
    if class_aggregation == "uniform_average":
        return jnp.mean(raw_scores)
    if class_aggregation == "variance_weighted_average":
        return jnp.sum(sum_squares * raw_scores) / jnp.sum(sum_squares)
    return raw_scores
