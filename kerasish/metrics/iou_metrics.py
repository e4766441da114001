"""Intersection-over-Union metrics: `IoU`, `MeanIoU`, `BinaryIoU`, `OneHotIoU`,
`OneHotMeanIoU`, all over one accumulated confusion matrix."""

from __future__ import annotations

import functools
import warnings
from typing import Any

import jax
import jax.numpy as jnp

from kerasish.backend import config
from kerasish.losses.loss import convert
from kerasish.metrics.metric import Metric
from kerasish.metrics.metrics_utils import confusion_matrix


class _IoUBase(Metric):
    """Accumulates the `(num_classes, num_classes)` confusion matrix.

    Args:
        num_classes: The possible number of labels.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result; defaults to `"int32"`
            (so float sample weights are truncated, as in Keras).
        ignore_class: Optional integer label to skip.
        sparse_y_true: Whether labels are integers (else argmax over `axis`).
        sparse_y_pred: Whether predictions are integers (else argmax).
        axis: The class axis. Defaults to `-1`.
    """

    def __init__(
        self,
        num_classes: int,
        name: str | None = None,
        dtype: Any = None,
        ignore_class: int | None = None,
        sparse_y_true: bool = True,
        sparse_y_pred: bool = True,
        axis: int = -1,
    ) -> None:
        # Keras defaults to an integer dtype for the confusion matrix.
        super().__init__(name=name, dtype=dtype or "int32")
        self._direction = "up"
        self.num_classes = num_classes
        self.ignore_class = ignore_class
        self.sparse_y_true = sparse_y_true
        self.sparse_y_pred = sparse_y_pred
        self.axis = axis
        self.total_cm = self.add_variable(
            name="total_confusion_matrix",
            shape=(num_classes, num_classes),
            initializer="zeros",
            dtype=self.dtype,
        )

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        """Accumulates the confusion matrix of a batch.

        Args:
            y_true: The ground truth values.
            y_pred: The predicted values.
            sample_weight: Optional weights (cast to the metric dtype).
        """
        if sample_weight is None:
            sample_weight = 1
        elif "float" in str(getattr(sample_weight, "dtype", "")) and (
            "int" in self.dtype
        ):
            warnings.warn(
                "You are passing weight as `float`, but dtype is `int`. This may "
                "result in an incorrect weight due to type casting Consider "
                "using integer weights.",
                stacklevel=2,
            )
        current_cm = _batch_confusion_matrix(
            convert(y_true),
            convert(y_pred),
            convert(sample_weight, self.dtype),
            num_classes=self.num_classes,
            ignore_class=self.ignore_class,
            true_axis=None if self.sparse_y_true else self.axis,
            pred_axis=None if self.sparse_y_pred else self.axis,
            dtype=self.dtype,
        )
        self.total_cm.assign(self.total_cm.value + current_cm)

    def reset_state(self) -> None:
        self.total_cm.assign(jnp.zeros(self.total_cm.shape, self.total_cm.dtype))


class IoU(_IoUBase):
    """Computes the Intersection-Over-Union metric for specific target classes.

    `iou = true_positives / (true_positives + false_positives +
    false_negatives)` per class, averaged over `target_class_ids` (classes
    that never occur in labels or predictions are left out of the mean).

    Args:
        num_classes: The possible number of labels.
        target_class_ids: A tuple or list of target class ids.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
        ignore_class: Optional integer label to skip (e.g. a void class).
        sparse_y_true: Whether labels are integers (else one-hot, argmaxed).
        sparse_y_pred: Whether predictions are integers (else argmaxed).
        axis: (Optional) The class axis. Defaults to `-1`.

    Example:

    >>> m = keras.metrics.IoU(num_classes=2, target_class_ids=[0])
    >>> m.update_state([0, 0, 1, 1], [0, 1, 0, 1])
    >>> m.result()
    0.33333334
    """

    def __init__(
        self,
        num_classes: int,
        target_class_ids: Any,
        name: str | None = None,
        dtype: Any = None,
        ignore_class: int | None = None,
        sparse_y_true: bool = True,
        sparse_y_pred: bool = True,
        axis: int = -1,
    ) -> None:
        super().__init__(
            name=name,
            num_classes=num_classes,
            ignore_class=ignore_class,
            sparse_y_true=sparse_y_true,
            sparse_y_pred=sparse_y_pred,
            axis=axis,
            dtype=dtype,
        )
        if max(target_class_ids) >= num_classes:
            raise ValueError(
                f"Target class id {max(target_class_ids)} is out of range, which "
                f"is [0, {num_classes})."
            )
        self.target_class_ids = list(target_class_ids)

    def result(self) -> jax.Array:
        """The mean IoU over the target classes present in the data."""
        return _mean_iou(
            self.total_cm.value,
            jnp.asarray(self.target_class_ids, "int32"),
            dtype=self.dtype,
            axis=self.axis,
        )

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            "num_classes": self.num_classes,
            "target_class_ids": self.target_class_ids,
            "ignore_class": self.ignore_class,
            "sparse_y_true": self.sparse_y_true,
            "sparse_y_pred": self.sparse_y_pred,
            "axis": self.axis,
        }


class BinaryIoU(IoU):
    """Computes the IoU for binary problems, thresholding the predictions.

    Predictions `>= threshold` are class 1, the rest class 0.

    Args:
        target_class_ids: A tuple or list of target class ids (0 and/or 1).
            Defaults to `(0, 1)`.
        threshold: The decision threshold. Defaults to `0.5`.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.

    Example:

    >>> m = keras.metrics.BinaryIoU(target_class_ids=[0, 1], threshold=0.3)
    >>> m.update_state([0, 1, 0, 1], [0.1, 0.2, 0.4, 0.7])
    >>> m.result()
    0.33333334
    """

    def __init__(
        self,
        target_class_ids: Any = (0, 1),
        threshold: float = 0.5,
        name: str | None = None,
        dtype: Any = None,
    ) -> None:
        super().__init__(
            num_classes=2, target_class_ids=target_class_ids, name=name, dtype=dtype
        )
        self.threshold = threshold

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        y_true = convert(y_true, self.dtype)
        y_pred = (convert(y_pred, "float32") >= self.threshold).astype(self.dtype)
        super().update_state(y_true, y_pred, sample_weight)

    def get_config(self) -> dict[str, Any]:
        return {
            "target_class_ids": self.target_class_ids,
            "threshold": self.threshold,
            "name": self.name,
            "dtype": self.dtype,
        }


class MeanIoU(IoU):
    """Computes the mean Intersection-Over-Union metric over all classes.

    Args:
        num_classes: The possible number of labels.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
        ignore_class: Optional integer label to skip.
        sparse_y_true: Whether labels are integers (else one-hot, argmaxed).
        sparse_y_pred: Whether predictions are integers (else argmaxed).
        axis: (Optional) The class axis. Defaults to `-1`.

    Example:

    >>> m = keras.metrics.MeanIoU(num_classes=2)
    >>> m.update_state([0, 0, 1, 1], [0, 1, 0, 1])
    >>> m.result()
    0.33333334
    """

    def __init__(
        self,
        num_classes: int,
        name: str | None = None,
        dtype: Any = None,
        ignore_class: int | None = None,
        sparse_y_true: bool = True,
        sparse_y_pred: bool = True,
        axis: int = -1,
    ) -> None:
        super().__init__(
            name=name,
            num_classes=num_classes,
            target_class_ids=list(range(num_classes)),
            axis=axis,
            dtype=dtype,
            ignore_class=ignore_class,
            sparse_y_true=sparse_y_true,
            sparse_y_pred=sparse_y_pred,
        )

    def get_config(self) -> dict[str, Any]:
        return {
            "num_classes": self.num_classes,
            "name": self.name,
            "dtype": self.dtype,
            "ignore_class": self.ignore_class,
            "sparse_y_true": self.sparse_y_true,
            "sparse_y_pred": self.sparse_y_pred,
            "axis": self.axis,
        }


class OneHotIoU(IoU):
    """`IoU` for one-hot labels (and by default class-score predictions).

    Args as for `IoU`, without `sparse_y_true` (labels are always one-hot);
    `sparse_y_pred` defaults to `False`.
    """

    def __init__(
        self,
        num_classes: int,
        target_class_ids: Any,
        name: str | None = None,
        dtype: Any = None,
        ignore_class: int | None = None,
        sparse_y_pred: bool = False,
        axis: int = -1,
    ) -> None:
        super().__init__(
            num_classes=num_classes,
            target_class_ids=target_class_ids,
            name=name,
            dtype=dtype,
            ignore_class=ignore_class,
            sparse_y_true=False,
            sparse_y_pred=sparse_y_pred,
            axis=axis,
        )

    def get_config(self) -> dict[str, Any]:
        return {
            "num_classes": self.num_classes,
            "target_class_ids": self.target_class_ids,
            "name": self.name,
            "dtype": self.dtype,
            "ignore_class": self.ignore_class,
            "sparse_y_pred": self.sparse_y_pred,
            "axis": self.axis,
        }


class OneHotMeanIoU(MeanIoU):
    """`MeanIoU` for one-hot labels (and by default class-score predictions).

    Args as for `MeanIoU`, without `sparse_y_true`; `sparse_y_pred` defaults
    to `False`.
    """

    def __init__(
        self,
        num_classes: int,
        name: str | None = None,
        dtype: Any = None,
        ignore_class: int | None = None,
        sparse_y_pred: bool = False,
        axis: int = -1,
    ) -> None:
        super().__init__(
            num_classes=num_classes,
            axis=axis,
            name=name,
            dtype=dtype,
            ignore_class=ignore_class,
            sparse_y_true=False,
            sparse_y_pred=sparse_y_pred,
        )

    def get_config(self) -> dict[str, Any]:
        return {
            "num_classes": self.num_classes,
            "name": self.name,
            "dtype": self.dtype,
            "ignore_class": self.ignore_class,
            "sparse_y_pred": self.sparse_y_pred,
            "axis": self.axis,
        }


# Jitted so an eager update is one dispatch; inlined inside an outer `jit`.
@functools.partial(
    jax.jit,
    static_argnames=("num_classes", "ignore_class", "true_axis", "pred_axis", "dtype"),
)
def _batch_confusion_matrix(
    y_true: jax.Array,
    y_pred: jax.Array,
    sample_weight: jax.Array,
    *,
    num_classes: int,
    ignore_class: int | None,
    true_axis: int | None,
    pred_axis: int | None,
    dtype: str,
) -> jax.Array:
    """The weighted confusion matrix of one batch (`*_axis`: argmax axis for
    one-hot inputs, `None` for sparse ones)."""
    if true_axis is not None:
        y_true = jnp.argmax(y_true, axis=true_axis)
    if pred_axis is not None:
        y_pred = jnp.argmax(y_pred, axis=pred_axis)
    y_true = y_true.astype(dtype).reshape(-1)
    y_pred = y_pred.astype(dtype).reshape(-1)
    if sample_weight.ndim > 1:
        sample_weight = sample_weight.reshape(-1)
    sample_weight = jnp.broadcast_to(sample_weight, y_true.shape)
    # Out-of-range (and ignored) labels never reach the matrix.
    n = jnp.asarray(num_classes, y_true.dtype)
    valid = (y_true >= 0) & (y_true < n) & (y_pred >= 0) & (y_pred < n)
    if ignore_class is not None:
        valid = valid & (y_true != jnp.asarray(ignore_class, y_true.dtype))
    zero = jnp.zeros((), y_true.dtype)
    return confusion_matrix(
        jnp.where(valid, y_true, zero),
        jnp.where(valid, y_pred, zero),
        num_classes,
        weights=jnp.where(valid, sample_weight, jnp.zeros((), sample_weight.dtype)),
        dtype=dtype,
    )


@functools.partial(jax.jit, static_argnames=("dtype", "axis"))
def _mean_iou(cm: jax.Array, ids: jax.Array, *, dtype: str, axis: int) -> jax.Array:
    """Mean IoU over the classes `ids` that occur in labels or predictions."""
    sum_over_row = jnp.sum(cm, axis=0).astype(dtype)
    sum_over_col = jnp.sum(cm, axis=1).astype(dtype)
    true_positives = jnp.diag(cm).astype(dtype)
    # sum_over_row + sum_over_col = 2 * tp + fp + fn.
    denominator = sum_over_row + sum_over_col - true_positives
    true_positives = true_positives[ids].astype("float32")
    denominator = denominator[ids].astype("float32")
    valid = denominator > 1e-9
    iou = jnp.where(valid, true_positives / (denominator + config.epsilon()), 0.0)
    num_valid = jnp.sum(valid.astype("float32"))
    return jnp.sum(iou, axis=axis) / (num_valid + config.epsilon())
