"""Threshold metrics over confusion-matrix counts: TP/FP/TN/FN, `Precision`,
`Recall` and the sensitivity/specificity/precision/recall trade-off metrics."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jax
import jax.numpy as jnp

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


class SensitivitySpecificityBase(Metric):
    """All four counts at `num_thresholds` evenly spaced thresholds in `[0, 1]`;
    subclasses maximise one rate subject to a constraint on another."""

    def __init__(
        self,
        value: float,
        num_thresholds: int = 200,
        class_id: int | None = None,
        name: str | None = None,
        dtype: Any = None,
    ) -> None:
        super().__init__(name=name, dtype=dtype)
        self._direction = "up"
        if num_thresholds <= 0:
            raise ValueError(
                "Argument `num_thresholds` must be an integer > 0. "
                f"Received: num_thresholds={num_thresholds}"
            )
        self.value = value
        self.class_id = class_id
        if num_thresholds == 1:
            self.thresholds = [0.5]
            self._thresholds_distributed_evenly = False
        else:
            inner = [
                (i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)
            ]
            self.thresholds = [0.0, *inner, 1.0]
            self._thresholds_distributed_evenly = True
        shape = (len(self.thresholds),)
        for var_name in (
            "true_positives",
            "false_positives",
            "true_negatives",
            "false_negatives",
        ):
            setattr(
                self,
                var_name,
                self.add_variable(shape=shape, initializer="zeros", name=var_name),
            )

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        """Accumulates the four counts for a batch."""
        mu.update_confusion_matrix_variables(
            {
                mu.TRUE_POSITIVES: self.true_positives,
                mu.TRUE_NEGATIVES: self.true_negatives,
                mu.FALSE_POSITIVES: self.false_positives,
                mu.FALSE_NEGATIVES: self.false_negatives,
            },
            y_true,
            y_pred,
            thresholds=self.thresholds,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly,
            class_id=self.class_id,
            sample_weight=sample_weight,
        )

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "class_id": self.class_id}

    def _rates(self) -> dict[str, jax.Array]:
        tp, fp = self.true_positives.value, self.false_positives.value
        tn, fn = self.true_negatives.value, self.false_negatives.value
        recall = divide_no_nan(tp, tp + fn)
        return {
            "sensitivity": recall,
            "recall": recall,
            "specificity": divide_no_nan(tn, tn + fp),
            "precision": divide_no_nan(tp, tp + fp),
        }

    def _find_max_under_constraint(
        self, constrained: jax.Array, dependent: jax.Array, predicate: Callable
    ) -> jax.Array:
        """Max of `dependent` where `predicate(constrained, value)` holds, else 0."""
        feasible = predicate(constrained, self.value)
        return jnp.max(jnp.where(feasible, dependent, 0), initial=0)

    def _max_of(self, dependent: str, constrained: str) -> jax.Array:
        rates = self._rates()
        return self._find_max_under_constraint(
            rates[constrained], rates[dependent], jnp.greater_equal
        )


def _check_unit(arg_name: str, value: float) -> None:
    if value < 0 or value > 1:
        raise ValueError(
            f"Argument `{arg_name}` must be in the range [0, 1]. "
            f"Received: {arg_name}={value}"
        )


class SensitivityAtSpecificity(SensitivitySpecificityBase):
    """Computes best sensitivity where specificity is >= specified value.

    `sensitivity = tp / (tp + fn)`, `specificity = tn / (tn + fp)`, each at
    `num_thresholds` evenly spaced thresholds.

    Args:
        specificity: A scalar value in range `[0, 1]`.
        num_thresholds: (Optional) Number of thresholds to use. Defaults to 200.
        class_id: (Optional) Integer class ID to compute the metric for.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(
        self, specificity, num_thresholds=200, class_id=None, name=None, dtype=None
    ) -> None:
        _check_unit("specificity", specificity)
        self.specificity = specificity
        self.num_thresholds = num_thresholds
        super().__init__(specificity, num_thresholds, class_id, name=name, dtype=dtype)

    def result(self) -> jax.Array:
        return self._max_of("sensitivity", constrained="specificity")

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            "num_thresholds": self.num_thresholds,
            "specificity": self.specificity,
        }


class SpecificityAtSensitivity(SensitivitySpecificityBase):
    """Computes best specificity where sensitivity is >= specified value.

    Args:
        sensitivity: A scalar value in range `[0, 1]`.
        num_thresholds: (Optional) Number of thresholds to use. Defaults to 200.
        class_id: (Optional) Integer class ID to compute the metric for.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(
        self, sensitivity, num_thresholds=200, class_id=None, name=None, dtype=None
    ) -> None:
        _check_unit("sensitivity", sensitivity)
        self.sensitivity = sensitivity
        self.num_thresholds = num_thresholds
        super().__init__(sensitivity, num_thresholds, class_id, name=name, dtype=dtype)

    def result(self) -> jax.Array:
        return self._max_of("specificity", constrained="sensitivity")

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            "num_thresholds": self.num_thresholds,
            "sensitivity": self.sensitivity,
        }


class PrecisionAtRecall(SensitivitySpecificityBase):
    """Computes best precision where recall is >= specified value.

    Args:
        recall: A scalar value in range `[0, 1]`.
        num_thresholds: (Optional) Number of thresholds to use. Defaults to 200.
        class_id: (Optional) Integer class ID to compute the metric for.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(
        self, recall, num_thresholds=200, class_id=None, name=None, dtype=None
    ) -> None:
        _check_unit("recall", recall)
        self.recall = recall
        self.num_thresholds = num_thresholds
        super().__init__(recall, num_thresholds, class_id, name=name, dtype=dtype)

    def result(self) -> jax.Array:
        return self._max_of("precision", constrained="recall")

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            "num_thresholds": self.num_thresholds,
            "recall": self.recall,
        }


class RecallAtPrecision(SensitivitySpecificityBase):
    """Computes best recall where precision is >= specified value.

    Args:
        precision: A scalar value in range `[0, 1]`.
        num_thresholds: (Optional) Number of thresholds to use. Defaults to 200.
        class_id: (Optional) Integer class ID to compute the metric for.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(
        self, precision, num_thresholds=200, class_id=None, name=None, dtype=None
    ) -> None:
        _check_unit("precision", precision)
        self.precision = precision
        self.num_thresholds = num_thresholds
        super().__init__(precision, num_thresholds, class_id, name=name, dtype=dtype)

    def result(self) -> jax.Array:
        return self._max_of("recall", constrained="precision")

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            "num_thresholds": self.num_thresholds,
            "precision": self.precision,
        }
