"""`tf.data.Dataset` as a stream of NumPy batches (TensorFlow never imported here)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jax

from kerasish.trainers.data import arrays
from kerasish.trainers.data.data_adapter import DataAdapter


def _as_tuple(batch: Any) -> Any:
    return tuple(batch) if isinstance(batch, list) else batch


class TFDatasetAdapter(DataAdapter):
    """Adapter for a `tf.data.Dataset`, duck-typed on `as_numpy_iterator()`
    and `cardinality()` so it works without importing TensorFlow.

    Class weights are folded into each `(x, y)` batch on the host, with the
    same label rules as arrays (labels missing from `class_weight` weigh 1).
    """

    def __init__(self, dataset: Any, class_weight: dict | None = None) -> None:
        self._dataset = dataset
        self.class_weight = class_weight

    @property
    def num_batches(self) -> int | None:
        cardinality = getattr(self._dataset, "cardinality", None)
        if cardinality is None:
            return None
        cardinality = int(cardinality() if callable(cardinality) else cardinality)
        # tf.data: -1 is infinite, -2 unknown.
        return None if cardinality < 0 else cardinality

    def _numpy_batches(self) -> Iterator[Any]:
        if hasattr(self._dataset, "as_numpy_iterator"):
            yield from self._dataset.as_numpy_iterator()
            return
        for batch in self._dataset:
            yield jax.tree_util.tree_map(lambda t: t.numpy(), batch)

    def get_iterator(self) -> Iterator[Any]:
        for batch in self._numpy_batches():
            batch = _as_tuple(batch)
            if self.class_weight is not None:
                batch = self._with_class_weight(batch)
            yield batch

    def _with_class_weight(self, batch: Any) -> Any:
        x, y, sample_weight = arrays.unpack_x_y_sample_weight(batch)
        weights = arrays.class_weight_sample_weights(
            y, sample_weight, self.class_weight
        )
        return x, y, weights
