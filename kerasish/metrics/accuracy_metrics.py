"""Accuracy metrics: `Accuracy`, binary, categorical, sparse and top-k variants."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.backend import config
from kerasish.losses.loss import convert, squeeze_or_expand_to_same_rank
from kerasish.metrics.reduction_metrics import MeanMetricWrapper


def _matches(a: jax.Array, b: jax.Array) -> jax.Array:
    return (a == b).astype(config.floatx())


def accuracy(y_true: Any, y_pred: Any) -> jax.Array:
    """1.0 where `y_true == y_pred` (after rank matching), else 0.0."""
    y_pred = convert(y_pred)
    y_true = convert(y_true, y_pred.dtype)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    return _matches(y_true, y_pred)


def binary_accuracy(y_true: Any, y_pred: Any, threshold: float = 0.5) -> jax.Array:
    """1.0 where `y_true == (y_pred > threshold)`, else 0.0."""
    y_pred = convert(y_pred)
    y_true = convert(y_true)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    threshold = convert(threshold)
    if jnp.issubdtype(y_pred.dtype, jnp.floating):
        threshold = threshold.astype(y_pred.dtype)
    else:
        y_pred = y_pred.astype(threshold.dtype)
    y_pred = (y_pred > threshold).astype(y_true.dtype)
    return _matches(y_true, y_pred)


def categorical_accuracy(y_true: Any, y_pred: Any) -> jax.Array:
    """1.0 where `argmax(y_true) == argmax(y_pred)` along the last axis."""
    y_pred = convert(y_pred)
    y_true = jnp.argmax(convert(y_true), axis=-1).astype(y_pred.dtype)
    original_shape = y_true.shape
    reshape_matches = False
    # Keras quirk: an argmax that leaves y_true as rank as y_pred is squeezed.
    if y_true.ndim == y_pred.ndim:
        y_true = jnp.squeeze(y_true, -1)
        reshape_matches = True
    y_pred = jnp.argmax(y_pred, axis=-1).astype(y_true.dtype)
    matches = _matches(y_true, y_pred)
    if reshape_matches:
        matches = jnp.reshape(matches, original_shape)
    return matches


def sparse_categorical_accuracy(y_true: Any, y_pred: Any) -> jax.Array:
    """1.0 where the integer label equals `argmax(y_pred)` along the last axis."""
    y_pred = convert(y_pred)
    y_true = convert(y_true, y_pred.dtype)
    original_shape = y_true.shape
    reshape_matches = False
    if y_true.ndim == y_pred.ndim and y_true.shape[-1] == 1:
        y_true = jnp.squeeze(y_true, -1)
        reshape_matches = True
    y_pred = jnp.argmax(y_pred, axis=-1).astype(y_true.dtype)
    matches = _matches(y_true, y_pred)
    if reshape_matches:
        matches = jnp.reshape(matches, original_shape)
    if matches.ndim > 1 and matches.shape[-1] == 1:
        matches = jnp.squeeze(matches, -1)
    return matches


def in_top_k(targets: jax.Array, predictions: jax.Array, k: int) -> jax.Array:
    """Whether each target's score is among the top `k` (ties count as in)."""
    at_label = jnp.take_along_axis(
        predictions, jnp.expand_dims(targets, axis=-1), axis=-1
    )
    at_label = jnp.where(jnp.isnan(at_label), -jnp.inf, at_label)
    rank = 1 + jnp.sum(predictions > at_label, axis=-1)
    return rank <= k


def _flatten_for_top_k(
    y_true: jax.Array, y_pred: jax.Array
) -> tuple[jax.Array, jax.Array, tuple[int, ...] | None]:
    original_shape = y_true.shape if y_true.ndim > 1 else None
    if y_pred.ndim > 2:
        y_pred = jnp.reshape(y_pred, (-1, y_pred.shape[-1]))
    if y_true.ndim > 1:
        y_true = jnp.reshape(y_true, (-1,))
    return y_true, y_pred, original_shape


def top_k_categorical_accuracy(y_true: Any, y_pred: Any, k: int = 5) -> jax.Array:
    """1.0 where `argmax(y_true)` is among the top `k` predictions."""
    y_pred = convert(y_pred)
    y_true = jnp.argmax(convert(y_true, y_pred.dtype), axis=-1)
    y_true, y_pred, shape = _flatten_for_top_k(y_true, y_pred)
    matches = in_top_k(y_true.astype("int32"), y_pred, k).astype(config.floatx())
    return matches if shape is None else jnp.reshape(matches, shape)


def sparse_top_k_categorical_accuracy(
    y_true: Any, y_pred: Any, k: int = 5, from_sorted_ids: bool = False
) -> jax.Array:
    """1.0 where the integer label is among the top `k` predictions.

    With `from_sorted_ids=True`, `y_pred` holds class ids sorted by score and
    the first `k` columns are compared with the label.
    """
    y_pred = convert(y_pred)
    y_true = convert(y_true, y_pred.dtype if from_sorted_ids else "int32")
    y_true, y_pred, shape = _flatten_for_top_k(y_true, y_pred)
    if from_sorted_ids:
        hits = jnp.expand_dims(y_true, axis=1) == y_pred[:, :k]
        matches = jnp.any(hits, axis=1)
    else:
        matches = in_top_k(y_true, y_pred, k)
    matches = matches.astype(config.floatx())
    return matches if shape is None else jnp.reshape(matches, shape)


class Accuracy(MeanMetricWrapper):
    """Calculates how often predictions equal labels.

    Args:
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name="accuracy", dtype=None):
        super().__init__(fn=accuracy, name=name, dtype=dtype)
        self._direction = "up"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class BinaryAccuracy(MeanMetricWrapper):
    """Calculates how often predictions match binary labels.

    A prediction counts as 1 when it is strictly greater than `threshold`
    (also for logits: Keras does not move the threshold to 0).

    Args:
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
        threshold: (Optional) Float threshold deciding whether a prediction
            is 1 or 0. Defaults to 0.5.
    """

    def __init__(self, name="binary_accuracy", dtype=None, threshold=0.5):
        super().__init__(
            fn=binary_accuracy, name=name, dtype=dtype, threshold=threshold
        )
        self.threshold = threshold
        self._direction = "up"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "threshold": self.threshold}


class CategoricalAccuracy(MeanMetricWrapper):
    """Calculates how often `argmax(y_pred)` matches one-hot labels.

    Args:
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name="categorical_accuracy", dtype=None):
        super().__init__(fn=categorical_accuracy, name=name, dtype=dtype)
        self._direction = "up"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class SparseCategoricalAccuracy(MeanMetricWrapper):
    """Calculates how often `argmax(y_pred)` matches integer labels.

    Args:
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name="sparse_categorical_accuracy", dtype=None):
        super().__init__(fn=sparse_categorical_accuracy, name=name, dtype=dtype)
        self._direction = "up"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class TopKCategoricalAccuracy(MeanMetricWrapper):
    """Computes how often one-hot targets are in the top `k` predictions.

    Args:
        k: (Optional) Number of top elements to look at. Defaults to 5.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, k=5, name="top_k_categorical_accuracy", dtype=None):
        super().__init__(fn=top_k_categorical_accuracy, name=name, dtype=dtype, k=k)
        self.k = k
        self._direction = "up"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "k": self.k}


class SparseTopKCategoricalAccuracy(MeanMetricWrapper):
    """Computes how often integer targets are in the top `k` predictions.

    Args:
        k: (Optional) Number of top elements to look at. Defaults to 5.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
        from_sorted_ids: (Optional) Whether `y_pred` holds class ids sorted
            by decreasing score instead of scores for all classes.
    """

    def __init__(
        self,
        k=5,
        name="sparse_top_k_categorical_accuracy",
        dtype=None,
        from_sorted_ids=False,
    ):
        super().__init__(
            fn=sparse_top_k_categorical_accuracy,
            name=name,
            dtype=dtype,
            k=k,
            from_sorted_ids=from_sorted_ids,
        )
        self.k = k
        self.from_sorted_ids = from_sorted_ids
        self._direction = "up"

    def get_config(self):
        config = {"name": self.name, "dtype": self.dtype, "k": self.k}
        if self.from_sorted_ids:
            config["from_sorted_ids"] = True
        return config
