"""`PyDataset` (alias `Sequence`): a batch-indexed dataset written in Python."""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Iterator
from typing import Any


class PyDataset:
    """Base class for defining a parallel dataset using Python code.

    Every `PyDataset` implements `__getitem__(index)` (returning a complete
    batch: `x`, `(x,)`, `(x, y)`, `(x, y, sample_weight)` or a dict) and
    `__len__()` (the number of batches), or the `num_batches` property
    returning `None` for an infinite dataset. `on_epoch_begin()` and
    `on_epoch_end()` are called by `fit` around every epoch.

    Args:
        workers: Number of workers `fit` uses to call `__getitem__` in
            parallel (threads, or processes with `use_multiprocessing`).
        use_multiprocessing: Whether the workers are processes (the dataset
            must then be picklable/forkable).
        max_queue_size: Maximum number of batches prepared ahead. Defaults
            to 10.

    `workers`, `use_multiprocessing` and `max_queue_size` only configure how
    `fit()` iterates; iterating over the dataset yourself is sequential.

    Example:

    ```python
    class Batches(keras.utils.PyDataset):
        def __init__(self, x, y, batch_size, **kwargs):
            super().__init__(**kwargs)
            self.x, self.y, self.batch_size = x, y, batch_size

        def __len__(self):
            return math.ceil(len(self.x) / self.batch_size)

        def __getitem__(self, idx):
            low = idx * self.batch_size
            high = min(low + self.batch_size, len(self.x))
            return self.x[low:high], self.y[low:high]
    ```
    """

    def __init__(
        self,
        workers: int = 1,
        use_multiprocessing: bool = False,
        max_queue_size: int = 10,
    ) -> None:
        self._workers = workers
        self._use_multiprocessing = use_multiprocessing
        self._max_queue_size = max_queue_size

    def _warn_if_super_not_called(self) -> None:
        # Keras fills in the defaults and warns when a subclass forgot
        # `super().__init__()`.
        missing = False
        for name, default in (
            ("_workers", 1),
            ("_use_multiprocessing", False),
            ("_max_queue_size", 10),
        ):
            if not hasattr(self, name):
                setattr(self, name, default)
                missing = True
        if missing:
            warnings.warn(
                "Your `PyDataset` class should call "
                "`super().__init__(**kwargs)` in its constructor. "
                "`**kwargs` can include `workers`, "
                "`use_multiprocessing`, `max_queue_size`. Do not pass "
                "these arguments to `fit()`, as they will be ignored.",
                stacklevel=2,
            )

    @property
    def workers(self) -> int:
        self._warn_if_super_not_called()
        return self._workers

    @workers.setter
    def workers(self, value: int) -> None:
        self._workers = value

    @property
    def use_multiprocessing(self) -> bool:
        self._warn_if_super_not_called()
        return self._use_multiprocessing

    @use_multiprocessing.setter
    def use_multiprocessing(self, value: bool) -> None:
        self._use_multiprocessing = value

    @property
    def max_queue_size(self) -> int:
        self._warn_if_super_not_called()
        return self._max_queue_size

    @max_queue_size.setter
    def max_queue_size(self, value: int) -> None:
        self._max_queue_size = value

    def __getitem__(self, index: int) -> Any:
        """Gets batch at position `index`."""
        del index
        raise NotImplementedError

    def __iter__(self) -> Iterator:
        try:
            num_batches = self.num_batches
        except NotImplementedError:
            num_batches = None
        indices = itertools.count() if num_batches is None else range(num_batches)
        for index in indices:
            yield self[index]

    @property
    def num_batches(self) -> int | None:
        """Number of batches, or `None` for an infinite dataset."""
        # Keras' backwards compatibility: `__len__` gives the count.
        if hasattr(self, "__len__"):
            return len(self)
        raise NotImplementedError(
            "You need to implement the `num_batches` property:\n\n"
            "@property\ndef num_batches(self):\n  return ..."
        )

    def on_epoch_begin(self) -> None:
        """Method called at the beginning of every epoch."""

    def on_epoch_end(self) -> None:
        """Method called at the end of every epoch."""


Sequence = PyDataset
