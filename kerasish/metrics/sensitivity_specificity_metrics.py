"""Trade-off metrics at evenly spaced thresholds: `SensitivityAtSpecificity`,
`SpecificityAtSensitivity`, `PrecisionAtRecall`, `RecallAtPrecision`."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import jax
import jax.numpy as jnp

from kerasish.losses.loss import divide_no_nan
from kerasish.metrics import metrics_utils as mu
from kerasish.metrics.metric import Metric


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

    def _find_max_under_constraint(
        self, constrained: jax.Array, dependent: jax.Array, predicate: Callable
    ) -> jax.Array:
        """Max of `dependent` where `predicate(constrained, value)` holds, else 0."""
        feasible = predicate(constrained, self.value)
        return jnp.max(jnp.where(feasible, dependent, 0), initial=0)

    def _max_of(self, dependent: str, constrained: str) -> jax.Array:
        return _best_rate(
            self.true_positives.value,
            self.false_positives.value,
            self.true_negatives.value,
            self.false_negatives.value,
            jnp.asarray(self.value, self.true_positives.dtype),
            dependent=dependent,
            constrained=constrained,
        )


# Jitted so an eager `result()` is one dispatch; inlined inside an outer `jit`.
@functools.partial(jax.jit, static_argnames=("dependent", "constrained"))
def _best_rate(
    tp: jax.Array,
    fp: jax.Array,
    tn: jax.Array,
    fn: jax.Array,
    value: jax.Array,
    *,
    dependent: str,
    constrained: str,
) -> jax.Array:
    """The largest `dependent` rate over thresholds where `constrained >= value`."""
    recall = divide_no_nan(tp, tp + fn)
    rates = {
        "sensitivity": recall,
        "recall": recall,
        "specificity": divide_no_nan(tn, tn + fp),
        "precision": divide_no_nan(tp, tp + fp),
    }
    feasible = rates[constrained] >= value
    return jnp.max(jnp.where(feasible, rates[dependent], 0), initial=0)


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
