"""`keras.utils.PyDataset` as a stream of batches (optionally parallel)."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from typing import Any

import numpy as np

from kerasish.trainers.data import arrays
from kerasish.trainers.data.data_adapter import DataAdapter
from kerasish.trainers.data.enqueuer import OrderedEnqueuer


def standardize_py_dataset_batch(batch: Any, class_weight: dict | None) -> Any:
    """Keras' checks on one `__getitem__` result; folds in class weights."""
    if isinstance(batch, dict):
        return batch
    if isinstance(batch, np.ndarray):
        batch = (batch,)
    if isinstance(batch, list):
        batch = tuple(batch)
    if not isinstance(batch, tuple) or len(batch) not in {1, 2, 3}:
        raise ValueError(
            "PyDataset.__getitem__() must return a tuple or a dict. "
            "If a tuple, it must be ordered either "
            "(input,) or (inputs, targets) or "
            "(inputs, targets, sample_weights). "
            f"Received: {str(batch)[:100]}... of type {type(batch)}"
        )
    if class_weight is not None:
        if len(batch) == 3:
            raise ValueError(
                "You cannot specify `class_weight` "
                "and `sample_weight` at the same time."
            )
        if len(batch) == 2:
            weights = arrays.class_weight_to_sample_weights(batch[1], class_weight)
            batch = (*batch, weights)
    return batch


class PyDatasetAdapter(DataAdapter):
    """Adapter for `PyDataset` instances.

    `shuffle=True` permutes the batch order each pass with Python's `random`
    module (Keras 3.15 does the same). With `workers > 1` (or
    `use_multiprocessing`), `__getitem__` runs in a pool, in order, with up to
    `max_queue_size` batches in flight.
    """

    def __init__(
        self, py_dataset: Any, class_weight: dict | None = None, shuffle: Any = False
    ) -> None:
        self.py_dataset = py_dataset
        self.class_weight = class_weight
        self.shuffle = bool(shuffle)
        self._within_epoch = False
        workers = py_dataset.workers
        self.use_multiprocessing = py_dataset.use_multiprocessing
        self.parallel = workers > 1 or (workers > 0 and self.use_multiprocessing)
        self._enqueuers: list[OrderedEnqueuer] = []
        # Keras: an infinite parallel dataset resumes where the last pass stopped.
        self._infinite_indices = itertools.count()

    @property
    def num_batches(self) -> int | None:
        return self.py_dataset.num_batches

    def _indices(self) -> Any:
        num_batches = self.num_batches
        if num_batches is None:
            return self._infinite_indices if self.parallel else itertools.count()
        indices = list(range(num_batches))
        if self.shuffle:
            random.shuffle(indices)
        return indices

    def get_iterator(self) -> Iterator[Any]:
        # A generator function: indices are drawn (and workers started) on the
        # first read, after the previous epoch's `on_epoch_end`, as in Keras.
        indices = self._indices()
        if self.parallel:
            self._close_enqueuers()
            enqueuer = OrderedEnqueuer(
                self.py_dataset,
                indices,
                self.py_dataset.workers,
                self.use_multiprocessing,
                self.py_dataset.max_queue_size,
            )
            self._enqueuers.append(enqueuer)
            source: Iterator = enqueuer
        else:
            source = (self.py_dataset[i] for i in indices)
        for batch in source:
            yield standardize_py_dataset_batch(batch, self.class_weight)

    def on_epoch_begin(self) -> None:
        if self._within_epoch:
            raise ValueError(
                "`on_epoch_begin` was called twice without `on_epoch_end` "
                "having been called."
            )
        self._within_epoch = True
        self.py_dataset.on_epoch_begin()

    def on_epoch_end(self) -> None:
        self.py_dataset.on_epoch_end()
        self._within_epoch = False

    def _close_enqueuers(self) -> None:
        while self._enqueuers:
            self._enqueuers.pop().close()

    def close(self) -> None:
        self._close_enqueuers()
