"""`FBetaScore` and `F1Score`: per-class or averaged F-scores from TP/FP/FN."""

from __future__ import annotations

import functools
from typing import Any

import jax
import jax.numpy as jnp

from kerasish.backend import config
from kerasish.losses.loss import convert
from kerasish.metrics.metric import Metric


class FBetaScore(Metric):
    """Computes the F-Beta score.

    `F_beta = (1 + beta**2) * (precision * recall) / (beta**2 * precision +
    recall)`, per class, from weighted counts over all batches.

    Args:
        average: Type of averaging: `None` (one score per class, default),
            `"micro"` (counts pooled over classes), `"macro"` (unweighted mean
            of the class scores) or `"weighted"` (mean weighted by the number
            of true instances of each class).
        beta: Weight of recall in the harmonic mean (a Python float > 0).
            Defaults to `1.0`.
        threshold: Predictions above it are positive. If `None` (default),
            the highest prediction of each row is positive.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.

    Returns:
        F-Beta score: a float array of shape `(num_classes,)` when `average`
        is `None`, else a scalar.

    Example:

    >>> metric = keras.metrics.FBetaScore(beta=2.0, threshold=0.5)
    >>> y_true = np.array([[1, 1, 1], [1, 0, 0], [1, 1, 0]], np.int32)
    >>> y_pred = np.array([[0.2, 0.6, 0.7], [0.2, 0.6, 0.6], [0.6, 0.8, 0.0]])
    >>> metric.update_state(y_true, y_pred)
    >>> metric.result()
    [0.3846154 , 0.90909094, 0.8333334 ]
    """

    def __init__(
        self,
        average: str | None = None,
        beta: float = 1.0,
        threshold: float | None = None,
        name: str = "fbeta_score",
        dtype: Any = None,
    ) -> None:
        super().__init__(name=name, dtype=dtype)
        self._direction = "up"
        if average not in (None, "micro", "macro", "weighted"):
            raise ValueError(
                "Invalid `average` argument value. Expected one of: "
                "{None, 'micro', 'macro', 'weighted'}. "
                f"Received: average={average}"
            )
        if not isinstance(beta, float):
            raise ValueError(
                "Invalid `beta` argument value. It should be a Python float. "
                f"Received: beta={beta} of type '{type(beta)}'"
            )
        if beta <= 0.0:
            raise ValueError(
                "Invalid `beta` argument value. It should be > 0. "
                f"Received: beta={beta}"
            )
        if threshold is not None:
            if not isinstance(threshold, float):
                raise ValueError(
                    "Invalid `threshold` argument value. It should be a Python "
                    f"float. Received: threshold={threshold} of type "
                    f"'{type(threshold)}'"
                )
            if threshold > 1.0 or threshold <= 0.0:
                raise ValueError(
                    "Invalid `threshold` argument value. It should verify "
                    f"0 < threshold <= 1. Received: threshold={threshold}"
                )
        self.average = average
        self.beta = beta
        self.threshold = threshold
        # "micro" pools every class into scalar counts.
        self.axis = None if average == "micro" else 0
        self._built = False

    def _build(self, y_true_shape: tuple, y_pred_shape: tuple) -> None:
        """Creates the count variables once the number of classes is known."""
        if len(y_pred_shape) != 2 or len(y_true_shape) != 2:
            raise ValueError(
                "FBetaScore expects 2D inputs with shape (batch_size, output_dim). "
                f"Received input shapes: y_pred.shape={y_pred_shape} and "
                f"y_true.shape={y_true_shape}."
            )
        if y_pred_shape[-1] is None or y_true_shape[-1] is None:
            raise ValueError(
                "FBetaScore expects 2D inputs with shape (batch_size, output_dim), "
                "with output_dim fully defined (not None). Received input shapes: "
                f"y_pred.shape={y_pred_shape} and y_true.shape={y_true_shape}."
            )
        shape = () if self.average == "micro" else (y_pred_shape[-1],)
        for var_name in (
            "true_positives",
            "false_positives",
            "false_negatives",
            "intermediate_weights",
        ):
            variable = self.add_variable(
                shape=shape, initializer="zeros", dtype=self.dtype, name=var_name
            )
            setattr(self, var_name, variable)
        self._built = True

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        """Accumulates TP/FP/FN and the true counts of a batch.

        Args:
            y_true: Labels, shape `(batch_size, num_classes)`.
            y_pred: Predictions, shape `(batch_size, num_classes)`.
            sample_weight: Optional per-sample weights, shape `(batch_size,)`.
        """
        y_true = convert(y_true, self.dtype)
        y_pred = convert(y_pred, self.dtype)
        if not self._built:
            self._build(y_true.shape, y_pred.shape)
        tp, fp, fn, weights = _batch_counts(
            y_true,
            y_pred,
            None if sample_weight is None else convert(sample_weight, self.dtype),
            threshold=self.threshold,
            axis=self.axis,
        )
        self.true_positives.assign_add(tp)
        self.false_positives.assign_add(fp)
        self.false_negatives.assign_add(fn)
        self.intermediate_weights.assign_add(weights)

    def result(self) -> jax.Array:
        return _f_score(
            self.true_positives.value,
            self.false_positives.value,
            self.false_negatives.value,
            self.intermediate_weights.value,
            beta=self.beta,
            average=self.average,
        )

    def reset_state(self) -> None:
        for v in self.variables:
            v.assign(jnp.zeros(v.shape, v.dtype))

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            "average": self.average,
            "beta": self.beta,
            "threshold": self.threshold,
        }


# Jitted so an eager update or result is one dispatch; inlined under `jit`.
@functools.partial(jax.jit, static_argnames=("threshold", "axis"))
def _batch_counts(
    y_true: jax.Array,
    y_pred: jax.Array,
    sample_weight: jax.Array | None,
    *,
    threshold: float | None,
    axis: int | None,
) -> tuple[jax.Array, jax.Array, jax.Array, jax.Array]:
    """Weighted TP, FP, FN and true counts of one batch (per class or pooled)."""
    if threshold is None:
        row_max = jnp.max(y_pred, axis=-1, keepdims=True)
        # `abs(x) > 1e-9` keeps an all-zero row from becoming all ones.
        y_pred = (y_pred >= row_max) & (jnp.abs(y_pred) > 1e-9)
    else:
        y_pred = y_pred > threshold
    y_pred = y_pred.astype(y_true.dtype)
    if sample_weight is not None:
        sample_weight = jnp.expand_dims(sample_weight, 1)

    def weighted_sum(values: jax.Array) -> jax.Array:
        if sample_weight is not None:
            values = values * sample_weight
        return jnp.sum(values, axis=axis)

    return (
        weighted_sum(y_pred * y_true),
        weighted_sum(y_pred * (1 - y_true)),
        weighted_sum((1 - y_pred) * y_true),
        weighted_sum(y_true),
    )


@functools.partial(jax.jit, static_argnames=("beta", "average"))
def _f_score(
    tp: jax.Array,
    fp: jax.Array,
    fn: jax.Array,
    intermediate_weights: jax.Array,
    *,
    beta: float,
    average: str | None,
) -> jax.Array:
    eps = config.epsilon()
    precision = tp / (tp + fp + eps)
    recall = tp / (tp + fn + eps)
    beta_sq = beta**2
    f_score = (precision * recall) / (beta_sq * precision + recall + eps)
    f_score = f_score * (1 + beta_sq)
    if average == "weighted":
        weights = intermediate_weights / (jnp.sum(intermediate_weights) + eps)
        return jnp.sum(f_score * weights)
    if average is not None:
        return jnp.mean(f_score)
    return f_score


class F1Score(FBetaScore):
    """Computes the F-1 score: `2 * (precision * recall) / (precision + recall)`.

    Args:
        average: Type of averaging: `None` (default), `"micro"`, `"macro"` or
            `"weighted"` (see `FBetaScore`).
        threshold: Predictions above it are positive. If `None` (default),
            the highest prediction of each row is positive.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.

    Example:

    >>> metric = keras.metrics.F1Score(threshold=0.5)
    >>> y_true = np.array([[1, 1, 1], [1, 0, 0], [1, 1, 0]], np.int32)
    >>> y_pred = np.array([[0.2, 0.6, 0.7], [0.2, 0.6, 0.6], [0.6, 0.8, 0.0]])
    >>> metric.update_state(y_true, y_pred)
    >>> metric.result()
    array([0.5      , 0.8      , 0.6666667], dtype=float32)
    """

    def __init__(
        self,
        average: str | None = None,
        threshold: float | None = None,
        name: str = "f1_score",
        dtype: Any = None,
    ) -> None:
        super().__init__(
            average=average, beta=1.0, threshold=threshold, name=name, dtype=dtype
        )

    def get_config(self) -> dict[str, Any]:
        config_ = super().get_config()
        del config_["beta"]
        return config_
