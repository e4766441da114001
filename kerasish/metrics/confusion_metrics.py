"""Confusion-matrix counts at thresholds: TP/FP/TN/FN, `Precision`, `Recall`."""

from __future__ import annotations

from typing import Any

import jax

from kerasish.losses.loss import divide_no_nan
from kerasish.metrics import metrics_utils as mu
from kerasish.metrics.metric import Metric


class _ConfusionMatrixConditionCount(Metric):
    """Accumulates one confusion-matrix count at each threshold.

    Args:
        confusion_matrix_cond: Which count: `"tp"`, `"fp"`, `"tn"` or `"fn"`.
        thresholds: A float or list of floats in `[0, 1]`. Defaults to `0.5`.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(
        self,
        confusion_matrix_cond: str,
        thresholds: Any = None,
        name: str | None = None,
        dtype: Any = None,
    ) -> None:
        super().__init__(name=name, dtype=dtype)
        self._confusion_matrix_cond = confusion_matrix_cond
        self.init_thresholds = thresholds
        self.thresholds = mu.parse_init_thresholds(thresholds, default_threshold=0.5)
        self._thresholds_distributed_evenly = mu.is_evenly_distributed_thresholds(
            self.thresholds
        )
        self.accumulator = self.add_variable(
            shape=(len(self.thresholds),), initializer="zeros", name="accumulator"
        )

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        """Accumulates the count for a batch (`sample_weight` defaults to 1)."""
        mu.update_confusion_matrix_variables(
            {self._confusion_matrix_cond: self.accumulator},
            y_true,
            y_pred,
            thresholds=self.thresholds,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly,
            sample_weight=sample_weight,
        )

    def result(self) -> jax.Array:
        value = self.accumulator.value
        return value[0] if len(self.thresholds) == 1 else value

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "thresholds": self.init_thresholds}


class TruePositives(_ConfusionMatrixConditionCount):
    """Calculates the number of true positives (`y_true` and `y_pred > t`).

    Args:
        thresholds: (Optional) A float or list of floats in `[0, 1]`; a
            prediction above a threshold is positive. One result per
            threshold. Defaults to `0.5`.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.

    Example:

    >>> m = keras.metrics.TruePositives()
    >>> m.update_state([0, 1, 1, 1], [1, 0, 1, 1])
    >>> m.result()
    2.0
    """

    def __init__(self, thresholds=None, name=None, dtype=None) -> None:
        super().__init__(mu.TRUE_POSITIVES, thresholds, name=name, dtype=dtype)


class FalsePositives(_ConfusionMatrixConditionCount):
    """Calculates the number of false positives (see `TruePositives` for args).

    Example:

    >>> m = keras.metrics.FalsePositives()
    >>> m.update_state([0, 1, 0, 0], [0, 0, 1, 1])
    >>> m.result()
    2.0
    """

    def __init__(self, thresholds=None, name=None, dtype=None) -> None:
        super().__init__(mu.FALSE_POSITIVES, thresholds, name=name, dtype=dtype)


class TrueNegatives(_ConfusionMatrixConditionCount):
    """Calculates the number of true negatives (see `TruePositives` for args).

    Example:

    >>> m = keras.metrics.TrueNegatives()
    >>> m.update_state([0, 1, 0, 0], [1, 1, 0, 0])
    >>> m.result()
    2.0
    """

    def __init__(self, thresholds=None, name=None, dtype=None) -> None:
        super().__init__(mu.TRUE_NEGATIVES, thresholds, name=name, dtype=dtype)


class FalseNegatives(_ConfusionMatrixConditionCount):
    """Calculates the number of false negatives (see `TruePositives` for args).

    Example:

    >>> m = keras.metrics.FalseNegatives()
    >>> m.update_state([0, 1, 1, 1], [0, 1, 0, 0])
    >>> m.result()
    2.0
    """

    def __init__(self, thresholds=None, name=None, dtype=None) -> None:
        super().__init__(mu.FALSE_NEGATIVES, thresholds, name=name, dtype=dtype)


class _PrecisionRecallBase(Metric):
    """`true_positives` plus one other count, per threshold, with `top_k` and
    `class_id` filtering (shared by `Precision` and `Recall`)."""

    _other: str = ""
    _other_name: str = ""

    def __init__(
        self,
        thresholds: Any = None,
        top_k: int | None = None,
        class_id: int | None = None,
        name: str | None = None,
        dtype: Any = None,
    ) -> None:
        super().__init__(name=name, dtype=dtype)
        self._direction = "up"
        self.init_thresholds = thresholds
        self.top_k = top_k
        self.class_id = class_id
        default = 0.5 if top_k is None else mu.NEG_INF
        self.thresholds = mu.parse_init_thresholds(
            thresholds, default_threshold=default
        )
        self._thresholds_distributed_evenly = mu.is_evenly_distributed_thresholds(
            self.thresholds
        )
        shape = (len(self.thresholds),)
        self.true_positives = self.add_variable(
            shape=shape, initializer="zeros", name="true_positives"
        )
        self._other_count = self.add_variable(
            shape=shape, initializer="zeros", name=self._other_name
        )

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        """Accumulates the counts for a batch (`sample_weight` defaults to 1)."""
        mu.update_confusion_matrix_variables(
            {mu.TRUE_POSITIVES: self.true_positives, self._other: self._other_count},
            y_true,
            y_pred,
            thresholds=self.thresholds,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly,
            top_k=self.top_k,
            class_id=self.class_id,
            sample_weight=sample_weight,
        )

    def result(self) -> jax.Array:
        tp = self.true_positives.value
        value = divide_no_nan(tp, tp + self._other_count.value)
        return value[0] if len(self.thresholds) == 1 else value

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            "thresholds": self.init_thresholds,
            "top_k": self.top_k,
            "class_id": self.class_id,
        }


class Precision(_PrecisionRecallBase):
    """Computes the precision of the predictions with respect to the labels.

    `precision = true_positives / (true_positives + false_positives)`, with
    weighted counts; 0 when there are no positive predictions.

    Args:
        thresholds: (Optional) A float or list of floats in `[0, 1]`; a
            prediction above a threshold is positive. One result per
            threshold. Defaults to `0.5` (`-inf`-like with `top_k`).
        top_k: (Optional) Only the top `k` predictions of the last axis count.
        class_id: (Optional) Integer class ID to compute the metric for.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.

    Example:

    >>> m = keras.metrics.Precision()
    >>> m.update_state([0, 1, 1, 1], [1, 0, 1, 1])
    >>> m.result()
    0.6666667
    """

    _other = mu.FALSE_POSITIVES
    _other_name = "false_positives"

    @property
    def false_positives(self):
        return self._other_count


class Recall(_PrecisionRecallBase):
    """Computes the recall of the predictions with respect to the labels.

    `recall = true_positives / (true_positives + false_negatives)`, with
    weighted counts; 0 when there are no positive labels. Arguments as for
    `Precision`.

    Example:

    >>> m = keras.metrics.Recall()
    >>> m.update_state([0, 1, 1, 1], [1, 0, 1, 1])
    >>> m.result()
    0.6666667
    """

    _other = mu.FALSE_NEGATIVES
    _other_name = "false_negatives"

    @property
    def false_negatives(self):
        return self._other_count
