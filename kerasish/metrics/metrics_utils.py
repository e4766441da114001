"""Shared confusion-matrix machinery: thresholds, TP/FP/TN/FN updates, top-k."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from kerasish.backend import config
from kerasish.core.variables import Variable
from kerasish.losses.loss import convert, squeeze_or_expand_to_same_rank

# The threshold used with `top_k`: every kept prediction lies above it.
NEG_INF = -1e10

TRUE_POSITIVES = "tp"
FALSE_POSITIVES = "fp"
TRUE_NEGATIVES = "tn"
FALSE_NEGATIVES = "fn"
CONFUSION_MATRIX_KEYS = (
    TRUE_POSITIVES,
    FALSE_POSITIVES,
    TRUE_NEGATIVES,
    FALSE_NEGATIVES,
)


def to_list(x: Any) -> list:
    return list(x) if isinstance(x, (list, tuple, np.ndarray)) else [x]


def parse_init_thresholds(thresholds: Any, default_threshold: float = 0.5) -> list:
    """Validates `thresholds` (each in `[0, 1]`) and returns them as a list."""
    if thresholds is not None:
        invalid = [t for t in to_list(thresholds) if t is None or t < 0 or t > 1]
        if invalid:
            raise ValueError(f"Threshold values must be in [0, 1]. Received: {invalid}")
    return to_list(default_threshold if thresholds is None else thresholds)


def is_evenly_distributed_thresholds(thresholds: Sequence[float]) -> bool:
    """Whether `thresholds` are `[0, 1/(n-1), ..., 1]` (n >= 3), Keras' fast path."""
    n = len(thresholds)
    if n < 3:
        return False
    even = np.arange(n, dtype=np.float32) / (n - 1)
    return bool(np.allclose(thresholds, even, atol=config.epsilon()))


def filter_top_k(x: jax.Array, k: int) -> jax.Array:
    """Keeps the top `k` values of the last axis and sets the rest to `NEG_INF`."""
    _, top_k_idx = jax.lax.top_k(x, k)
    mask = jnp.sum(jax.nn.one_hot(top_k_idx, x.shape[-1], dtype=x.dtype), axis=-2)
    return x * mask + NEG_INF * (1 - mask)


def update_confusion_matrix_variables(
    variables_to_update: Mapping[str, Variable],
    y_true: Any,
    y_pred: Any,
    thresholds: Any,
    top_k: int | None = None,
    class_id: int | None = None,
    sample_weight: Any = None,
    multi_label: bool = False,
    label_weights: Any = None,
    thresholds_distributed_evenly: bool = False,
) -> None:
    """Adds the (weighted) TP/FP/TN/FN counts at each threshold to the variables.

    A prediction is positive at threshold `t` when `y_pred > t`; `y_true` is
    cast to bool. With `multi_label`, counts are kept per label (variables of
    shape `(num_thresholds, num_labels)`), otherwise everything is flattened.

    Args:
        variables_to_update: Dict from `"tp"`, `"fp"`, `"tn"`, `"fn"` to the
            `Variable`s to update.
        y_true: Labels, the shape of `y_pred`.
        y_pred: Predictions in `[0, 1]`.
        thresholds: A float or list of float thresholds.
        top_k: Only the top `k` predictions of the last axis count as positive.
        class_id: Restrict labels and predictions to this class (last axis).
        sample_weight: Optional weights broadcastable to `y_true`.
        multi_label: Whether to keep a count per label.
        label_weights: Optional per-label weights (only without `multi_label`).
        thresholds_distributed_evenly: Use the `O(T + N)` bucketing algorithm,
            valid for thresholds `[0, 1/(T-1), ..., 1]` (optionally with the
            end points nudged by epsilon).

    Raises:
        ValueError: For invalid keys, or `label_weights` with `multi_label`.
    """
    if multi_label and label_weights is not None:
        raise ValueError(
            "`label_weights` for multilabel data should be handled outside of "
            "`update_confusion_matrix_variables` when `multi_label` is True."
        )
    invalid_keys = [k for k in variables_to_update if k not in CONFUSION_MATRIX_KEYS]
    if not variables_to_update or invalid_keys:
        raise ValueError(
            f"Invalid keys: {invalid_keys or list(variables_to_update)}. Valid "
            f"variable key options are: {list(CONFUSION_MATRIX_KEYS)}"
        )
    dtype = next(iter(variables_to_update.values())).dtype
    thresholds = tuple(float(t) for t in to_list(thresholds))
    # `y_pred` of rank 1 stays rank 1 unless `y_true` is a `(n, 1)` column.
    true_is_column = np.ndim(y_true) == 2 and np.shape(y_true)[-1] == 1
    if class_id is not None and np.ndim(y_pred) == 1 and not true_is_column:
        raise ValueError(
            "When class_id is provided, y_pred must be a 2D array with shape "
            f"(num_samples, num_classes), found shape: {np.shape(y_pred)}"
        )
    counts = _confusion_counts(
        convert(y_true, dtype),
        convert(y_pred, dtype),
        jnp.asarray(thresholds, dtype=dtype),
        None if sample_weight is None else convert(sample_weight, dtype),
        None if label_weights is None else convert(label_weights, dtype),
        with_epsilon=thresholds[0] < 0.0 or thresholds[-1] > 1.0,
        top_k=top_k,
        class_id=class_id,
        multi_label=multi_label,
        evenly=thresholds_distributed_evenly,
    )
    for key, variable in variables_to_update.items():
        variable.assign(variable.value + counts[key].astype(variable.dtype))


# Jitted so that an eager `update_state` is one dispatch rather than dozens of
# small ops; inside an outer `jit` it is simply inlined.
@functools.partial(
    jax.jit,
    static_argnames=("with_epsilon", "top_k", "class_id", "multi_label", "evenly"),
)
def _confusion_counts(
    y_true: jax.Array,
    y_pred: jax.Array,
    thresholds: jax.Array,
    sample_weight: jax.Array | None,
    label_weights: jax.Array | None,
    *,
    with_epsilon: bool,
    top_k: int | None,
    class_id: int | None,
    multi_label: bool,
    evenly: bool,
) -> dict[str, jax.Array]:
    """TP/FP/TN/FN at each threshold, for one batch."""
    y_pred, y_true = squeeze_or_expand_to_same_rank(y_pred, y_true)
    if sample_weight is not None:
        sample_weight = jnp.expand_dims(sample_weight, -1)
        _, sample_weight = squeeze_or_expand_to_same_rank(
            y_true, sample_weight, expand_rank_1=False
        )
    if top_k is not None:
        y_pred = filter_top_k(y_pred, top_k)
    if class_id is not None:
        y_true = y_true[..., class_id, None]
        y_pred = y_pred[..., class_id, None]
    if label_weights is not None:
        label_weights = jnp.broadcast_to(
            jnp.expand_dims(label_weights, 0), y_pred.shape
        )
    if sample_weight is not None:
        sample_weight = jnp.broadcast_to(sample_weight, y_pred.shape)
    if evenly:
        return _bucketed_counts(
            y_true,
            y_pred,
            thresholds,
            multi_label,
            sample_weight,
            label_weights,
            with_epsilon,
        )
    return _tiled_counts(
        y_true, y_pred, thresholds, multi_label, sample_weight, label_weights
    )


def _weights(
    sample_weight: jax.Array | None, label_weights: jax.Array | None
) -> jax.Array | None:
    if sample_weight is None:
        return label_weights
    if label_weights is None:
        return sample_weight
    return sample_weight * label_weights


def _tiled_counts(
    y_true: jax.Array,
    y_pred: jax.Array,
    thresholds: jax.Array,
    multi_label: bool,
    sample_weight: jax.Array | None,
    label_weights: jax.Array | None,
) -> dict[str, jax.Array]:
    """Counts by comparing every prediction with every threshold: `O(T * N)`."""
    weights = _weights(sample_weight, None if multi_label else label_weights)
    if multi_label:
        # (T, N, L): one count per threshold and label, summed over samples.
        preds, labels = y_pred[None], y_true.astype(bool)[None]
        thresh = thresholds.reshape((-1,) + (1,) * y_pred.ndim)
    else:
        preds, labels = y_pred.reshape(1, -1), y_true.astype(bool).reshape(1, -1)
        thresh = thresholds.reshape(-1, 1)
        if weights is not None:
            weights = weights.reshape(1, -1)
    pred_is_pos = preds > thresh
    label_is_pos = jnp.broadcast_to(labels, pred_is_pos.shape)
    pred_is_neg, label_is_neg = ~pred_is_pos, ~label_is_pos

    def count(label: jax.Array, pred: jax.Array) -> jax.Array:
        hit = jnp.logical_and(label, pred)
        if weights is None:
            return jnp.sum(hit.astype(y_pred.dtype), axis=1)
        values = jnp.where(hit, jnp.broadcast_to(weights, hit.shape), 0)
        return jnp.sum(values, axis=1)

    return {
        TRUE_POSITIVES: count(label_is_pos, pred_is_pos),
        FALSE_POSITIVES: count(label_is_neg, pred_is_pos),
        TRUE_NEGATIVES: count(label_is_neg, pred_is_neg),
        FALSE_NEGATIVES: count(label_is_pos, pred_is_neg),
    }


def _bucketed_counts(
    y_true: jax.Array,
    y_pred: jax.Array,
    thresholds: jax.Array,
    multi_label: bool,
    sample_weight: jax.Array | None,
    label_weights: jax.Array | None,
    thresholds_with_epsilon: bool,
) -> dict[str, jax.Array]:
    """Counts by bucketing predictions between evenly spaced thresholds.

    `C(t_i) = sum_{j >= i} B(j)`, where bucket `B(j)` holds the predictions in
    `(t_j, t_{j+1}]`: a segment sum plus a reversed cumulative sum, `O(T + N)`.
    """
    num_thresholds = thresholds.shape[0]
    weights = _weights(sample_weight, label_weights)
    if weights is None:
        weights = jnp.ones((), y_pred.dtype)
    y_pred = jnp.clip(y_pred, 0.0, 1.0)
    y_true = y_true.astype(bool).astype(y_true.dtype)
    if not multi_label:
        y_true, y_pred = y_true.reshape(-1), y_pred.reshape(-1)
        if weights.ndim:
            weights = weights.reshape(-1)
    true_labels = y_true * weights
    false_labels = (1.0 - y_true) * weights
    buckets = jnp.ceil(y_pred * (num_thresholds - 1)) - 1
    if thresholds_with_epsilon:
        # The first threshold sits below 0: predictions of exactly 0 count there.
        buckets = jax.nn.relu(buckets)
    buckets = buckets.astype("int32")

    def per_threshold(labels: jax.Array, ids: jax.Array) -> jax.Array:
        # Bucket -1 (a prediction of 0 with thresholds starting at 0) is dropped.
        sums = jax.ops.segment_sum(labels, ids, num_segments=num_thresholds)
        return jnp.flip(jnp.cumsum(jnp.flip(sums, -1), axis=-1), -1)

    if multi_label:
        per_label = jax.vmap(per_threshold)
        tp = per_label(true_labels.T, buckets.T).T
        fp = per_label(false_labels.T, buckets.T).T
        total_true = jnp.sum(true_labels, axis=0)
        total_false = jnp.sum(false_labels, axis=0)
    else:
        tp = per_threshold(true_labels, buckets)
        fp = per_threshold(false_labels, buckets)
        total_true, total_false = jnp.sum(true_labels), jnp.sum(false_labels)
    return {
        TRUE_POSITIVES: tp,
        FALSE_POSITIVES: fp,
        TRUE_NEGATIVES: total_false - fp,
        FALSE_NEGATIVES: total_true - tp,
    }


def confusion_matrix(
    labels: Any,
    predictions: Any,
    num_classes: int,
    weights: Any = None,
    dtype: Any = "int32",
) -> jax.Array:
    """The `(num_classes, num_classes)` confusion matrix: rows are true labels,
    columns predictions, each cell the (weighted) count of that pair."""
    labels = convert(labels, dtype)
    predictions = convert(predictions, dtype)
    labels, predictions = squeeze_or_expand_to_same_rank(labels, predictions)
    values = (
        jnp.ones_like(predictions, dtype) if weights is None else convert(weights)
    ).astype(dtype)
    num_classes = int(num_classes)
    matrix = jnp.zeros((num_classes, num_classes), dtype)
    return matrix.at[labels.astype("int32"), predictions.astype("int32")].add(values)
