"""Ordered parallel `__getitem__` calls of a PyDataset (threads or processes)."""

from __future__ import annotations

import collections
import concurrent.futures
import multiprocessing
from collections.abc import Iterable, Iterator
from typing import Any

# A dataset handed to worker processes: set in the parent before the fork, so
# forked workers read it without pickling it per call.
_SHARED: dict[int, Any] = {}


def _get_shared(uid: int, index: int) -> Any:
    return _SHARED[uid][index]


class OrderedEnqueuer:
    """Yields `py_dataset[i]` for `i` in `indices`, in order, computed by
    `workers` threads (or processes) with up to `max_queue_size` in flight.

    Iterating after `close()` stops; a worker's exception is raised in the
    consumer and shuts the pool down, so an error never leaves workers hanging.
    """

    _next_uid = 0

    def __init__(
        self,
        py_dataset: Any,
        indices: Iterable[int],
        workers: int,
        use_multiprocessing: bool,
        max_queue_size: int,
    ) -> None:
        self.py_dataset = py_dataset
        self.indices = iter(indices)
        self.workers = max(1, int(workers))
        self.use_multiprocessing = use_multiprocessing
        self.max_queue_size = max(1, int(max_queue_size))
        self._pending: collections.deque = collections.deque()
        self._executor: concurrent.futures.Executor | None = None
        self._closed = False
        self.uid = OrderedEnqueuer._next_uid
        OrderedEnqueuer._next_uid += 1

    def _start(self) -> None:
        if self.use_multiprocessing:
            _SHARED[self.uid] = self.py_dataset
            self._executor = concurrent.futures.ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("fork")
            )
        else:
            self._executor = concurrent.futures.ThreadPoolExecutor(
                self.workers, thread_name_prefix="PyDatasetWorker"
            )

    def _submit(self, index: int) -> concurrent.futures.Future:
        if self.use_multiprocessing:
            return self._executor.submit(_get_shared, self.uid, index)
        return self._executor.submit(self.py_dataset.__getitem__, index)

    def _fill(self) -> None:
        while len(self._pending) < self.max_queue_size:
            index = next(self.indices, None)
            if index is None:
                return
            self._pending.append(self._submit(index))

    def __iter__(self) -> Iterator[Any]:
        return self

    def __next__(self) -> Any:
        if self._closed:
            raise StopIteration
        if self._executor is None:
            self._start()
        self._fill()
        if not self._pending:
            self.close()
            raise StopIteration
        future = self._pending.popleft()
        try:
            batch = future.result()
        except BaseException:
            self.close()
            raise
        self._fill()
        return batch

    def close(self) -> None:
        """Cancels pending work and joins the workers (idempotent)."""
        self._closed = True
        for future in self._pending:
            future.cancel()
        self._pending.clear()
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        _SHARED.pop(self.uid, None)
