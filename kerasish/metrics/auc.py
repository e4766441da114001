"""`AUC`: area under the ROC or PR curve from confusion counts at thresholds."""

from __future__ import annotations

import functools
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from kerasish.backend import config
from kerasish.losses.loss import convert, divide_no_nan
from kerasish.metrics import metrics_utils as mu
from kerasish.metrics.metric import Metric

_CURVES = {"roc": "ROC", "pr": "PR", "prgain": "PRGAIN"}
_SUMMATIONS = ("interpolation", "majoring", "minoring")


def _curve(curve: Any) -> str:
    key = getattr(curve, "value", curve)
    if str(key) not in ("ROC", "roc", "PR", "pr", "PRGAIN", "prgain"):
        raise ValueError(
            f'Invalid AUC curve value: "{curve}". '
            'Expected values are ["PR", "ROC", "PRGAIN"]'
        )
    return _CURVES[str(key).lower()]


def _summation(method: Any) -> str:
    key = str(getattr(method, "value", method))
    if key.lower() not in _SUMMATIONS or key not in (key.lower(), key.capitalize()):
        raise ValueError(
            f'Invalid AUC summation method value: "{method}". '
            'Expected values are ["interpolation", "majoring", "minoring"]'
        )
    return key.lower()


class AUC(Metric):
    """Approximates the AUC (area under the curve) of the ROC or PR curves.

    The metric keeps true/false positive/negative counts at `num_thresholds`
    thresholds and computes the area under the curve they trace, with a
    Riemann sum. PR curves with `"interpolation"` use the interpolation of
    Davis & Goadrich (2006).

    Args:
        num_thresholds: (Optional) Number of thresholds to use when
            discretizing the curve; must be > 1. Defaults to `200`.
        curve: (Optional) `"ROC"` (default) or `"PR"` (`"PRGAIN"` for the
            precision-recall-gain curve).
        summation_method: (Optional) `"interpolation"` (default), `"minoring"`
            or `"majoring"`.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
        thresholds: (Optional) A list of floats in `[0, 1]` to use instead of
            `num_thresholds` evenly spaced ones. Endpoint thresholds just
            below 0 and above 1 are always added.
        multi_label: Whether to treat the last axis as separate labels (an AUC
            per label, then averaged) instead of flattening the data.
        num_labels: (Optional) Number of labels with `multi_label=True`; when
            `None`, the state is created on the first `update_state`.
        label_weights: (Optional) Non-negative per-label weights: the weighted
            mean of the label AUCs with `multi_label`, else weights of the
            flattened counts.
        from_logits: Whether predictions are logits (a sigmoid is applied).

    Example:

    >>> m = keras.metrics.AUC(num_thresholds=3)
    >>> m.update_state([0, 0, 1, 1], [0, 0.5, 0.3, 0.9])
    >>> m.result()
    0.75
    """

    def __init__(
        self,
        num_thresholds: int = 200,
        curve: str = "ROC",
        summation_method: str = "interpolation",
        name: str | None = None,
        dtype: Any = None,
        thresholds: list[float] | None = None,
        multi_label: bool = False,
        num_labels: int | None = None,
        label_weights: Any = None,
        from_logits: bool = False,
    ) -> None:
        self._init_from_thresholds = thresholds is not None
        if thresholds is not None:
            self.num_thresholds = len(thresholds) + 2
            thresholds = sorted(thresholds)
            self._thresholds_distributed_evenly = mu.is_evenly_distributed_thresholds(
                np.array([0.0, *thresholds, 1.0])
            )
        else:
            if num_thresholds <= 1:
                raise ValueError(
                    "Argument `num_thresholds` must be an integer > 1. "
                    f"Received: num_thresholds={num_thresholds}"
                )
            self.num_thresholds = num_thresholds
            thresholds = [
                (i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)
            ]
            self._thresholds_distributed_evenly = True
        # End points just outside [0, 1] absorb floating point imprecision.
        eps = config.epsilon()
        self._thresholds = np.array([0.0 - eps, *thresholds, 1.0 + eps])
        self.curve = _curve(curve)
        self.summation_method = _summation(summation_method)
        super().__init__(name=name, dtype=dtype)
        self._direction = "up"
        self.multi_label = multi_label
        self.num_labels = num_labels
        self.label_weights = (
            None if label_weights is None else convert(label_weights, self.dtype)
        )
        self._from_logits = from_logits
        self._built = False
        if multi_label:
            if num_labels:
                self._build((None, num_labels))
        elif num_labels:
            raise ValueError("`num_labels` is needed only when `multi_label` is True.")
        else:
            self._build(None)

    @property
    def thresholds(self) -> list[float]:
        """The thresholds used for evaluating AUC (end points included)."""
        return list(self._thresholds)

    def _build(self, shape: Any) -> None:
        """Creates the four count variables (per label with `multi_label`)."""
        if self.multi_label:
            if len(shape) != 2:
                raise ValueError(
                    "`y_pred` must have rank 2 when `multi_label=True`. "
                    f"Found rank {len(shape)}. "
                    f"Full shape received for `y_pred`: {shape}"
                )
            self._num_labels = shape[1]
            variable_shape = (self.num_thresholds, self._num_labels)
        else:
            variable_shape = (self.num_thresholds,)
        self._build_input_shape = shape
        for var_name in (
            "true_positives",
            "false_positives",
            "true_negatives",
            "false_negatives",
        ):
            variable = self.add_variable(
                shape=variable_shape, initializer="zeros", name=var_name
            )
            setattr(self, var_name, variable)
        self._built = True

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        """Accumulates the confusion counts for a batch.

        Args:
            y_true: The ground truth values (cast to bool).
            y_pred: The predicted values, in `[0, 1]` (or logits with
                `from_logits=True`).
            sample_weight: Optional weights broadcastable to `y_true`.
        """
        y_pred = convert(y_pred)
        if not self._built:
            self._build(y_pred.shape)
        if self._from_logits:
            y_pred = jax.nn.sigmoid(y_pred)
        # With `multi_label`, label weights average the label AUCs in `result`.
        label_weights = None if self.multi_label else self.label_weights
        mu.update_confusion_matrix_variables(
            {
                mu.TRUE_POSITIVES: self.true_positives,
                mu.TRUE_NEGATIVES: self.true_negatives,
                mu.FALSE_POSITIVES: self.false_positives,
                mu.FALSE_NEGATIVES: self.false_negatives,
            },
            y_true,
            y_pred,
            self._thresholds,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly,
            sample_weight=sample_weight,
            multi_label=self.multi_label,
            label_weights=label_weights,
        )

    def _counts(self) -> tuple[jax.Array, jax.Array, jax.Array, jax.Array]:
        return (
            self.true_positives.value,
            self.false_positives.value,
            self.true_negatives.value,
            self.false_negatives.value,
        )

    def interpolate_pr_auc(self) -> jax.Array:
        """PR AUC by interpolating the curve (Davis & Goadrich, 2006).

        Between two thresholds, precision is a function of the number of
        positive predictions `p`: `precision = slope + intercept / p`, whose
        integral over recall has a closed form.
        """
        return _area(
            *self._counts(),
            self.label_weights,
            curve="PR",
            summation_method="interpolation",
            multi_label=self.multi_label,
        )

    def result(self) -> jax.Array:
        return _area(
            *self._counts(),
            self.label_weights,
            curve=self.curve,
            summation_method=self.summation_method,
            multi_label=self.multi_label,
        )

    def reset_state(self) -> None:
        if self._built:
            for v in self.variables:
                v.assign(jnp.zeros(v.shape, v.dtype))

    def get_config(self) -> dict[str, Any]:
        label_weights = self.label_weights
        config_ = {
            **super().get_config(),
            "num_thresholds": self.num_thresholds,
            "curve": self.curve,
            "summation_method": self.summation_method,
            "multi_label": self.multi_label,
            "num_labels": self.num_labels,
            "label_weights": None
            if label_weights is None
            else np.asarray(label_weights).tolist(),
            "from_logits": self._from_logits,
        }
        if self._init_from_thresholds:
            # Without the end points, so `from_config` rebuilds the same list.
            config_["thresholds"] = [float(t) for t in self.thresholds[1:-1]]
        return config_


def _pr_gain(
    tp: jax.Array, fp: jax.Array, tn: jax.Array, fn: jax.Array
) -> tuple[jax.Array, jax.Array]:
    """Recall gain and precision gain (Flach & Kull, 2015), with Keras' guards:
    no true positives gives recall gain 0 and precision gain 1, and a negative
    recall gain is clipped to 0."""
    scaling_factor = divide_no_nan(tp + fn, tn + fp)
    recall_gain = 1.0 - scaling_factor * divide_no_nan(fn, tp)
    precision_gain = 1.0 - scaling_factor * divide_no_nan(fp, tp)
    no_tp = tp == 0.0
    recall_gain = jnp.maximum(jnp.where(no_tp, 0.0, recall_gain), 0.0)
    precision_gain = jnp.where(no_tp, 1.0, precision_gain)
    return recall_gain, precision_gain


def _interpolated_pr_terms(tp: jax.Array, fp: jax.Array, fn: jax.Array) -> jax.Array:
    """The area of each PR segment, precision interpolated in `p = tp + fp`."""
    dtp = tp[:-1] - tp[1:]
    p = tp + fp
    dp = p[:-1] - p[1:]
    prec_slope = divide_no_nan(dtp, jnp.maximum(dp, 0))
    intercept = tp[1:] - prec_slope * p[1:]
    safe_p_ratio = jnp.where(
        jnp.logical_and(p[:-1] > 0, p[1:] > 0),
        divide_no_nan(p[:-1], jnp.maximum(p[1:], 0)),
        jnp.ones_like(p[1:]),
    )
    return divide_no_nan(
        prec_slope * (dtp + intercept * jnp.log(safe_p_ratio)),
        jnp.maximum(tp[1:] + fn[1:], 0),
    )


# Jitted so an eager `result()` is one dispatch; inlined inside an outer `jit`.
@functools.partial(
    jax.jit, static_argnames=("curve", "summation_method", "multi_label")
)
def _area(
    tp: jax.Array,
    fp: jax.Array,
    tn: jax.Array,
    fn: jax.Array,
    label_weights: jax.Array | None,
    *,
    curve: str,
    summation_method: str,
    multi_label: bool,
) -> jax.Array:
    """The AUC from the counts: a Riemann sum over the threshold segments."""
    if curve == "PR" and summation_method == "interpolation":
        terms = _interpolated_pr_terms(tp, fp, fn)
    else:
        recall = divide_no_nan(tp, tp + fn)
        if curve == "ROC":
            x, y = divide_no_nan(fp, fp + tn), recall
        elif curve == "PR":
            x, y = recall, divide_no_nan(tp, tp + fp)
        else:
            x, y = _pr_gain(tp, fp, tn, fn)
        if summation_method == "interpolation":
            heights = (y[:-1] + y[1:]) / 2.0
        elif summation_method == "minoring":
            heights = jnp.minimum(y[:-1], y[1:])
        else:
            heights = jnp.maximum(y[:-1], y[1:])
        terms = (x[:-1] - x[1:]) * heights
    if not multi_label:
        return jnp.sum(terms)
    by_label_auc = jnp.sum(terms, axis=0)
    if label_weights is None:
        return jnp.mean(by_label_auc)
    return divide_no_nan(jnp.sum(by_label_auc * label_weights), jnp.sum(label_weights))
