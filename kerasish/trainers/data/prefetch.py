"""A background thread that pulls batches from Python and puts them on the device."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from typing import Any

_END = object()


class _Failure:
    def __init__(self, error: BaseException) -> None:
        self.error = error


class Prefetcher:
    """Reads `iterator` on a worker thread, applies `convert` (NumPy to device
    arrays) and keeps up to `depth` converted batches ready, so batch k+1 is
    produced and transferred while step k runs on the device.

    It reads only as far as allowed (`allow(n)`: up to `n` batches beyond
    those consumed; `None` for no limit), so a generator shared across epochs
    is never read past what Keras would read. Errors raised by the iterator
    or by `convert` are re-raised by `get()` in the caller's thread;
    `close()` stops and joins the thread.
    """

    def __init__(
        self, iterator: Iterator, convert: Callable[[Any], Any], depth: int = 2
    ) -> None:
        self._iterator = iterator
        self._convert = convert
        self._queue: queue.Queue = queue.Queue(depth)
        self._cond = threading.Condition()
        self._limit: int | None = 0
        self._read = 0
        self._consumed = 0
        self._stop = False
        self._finished: Any = None
        self._thread = threading.Thread(
            target=self._run, name="kerasish-prefetch", daemon=True
        )
        self._thread.start()

    def allow(self, n: int | None) -> None:
        """Lets the thread read up to `n` batches past those consumed."""
        with self._cond:
            self._limit = None if n is None else self._consumed + n
            self._cond.notify_all()

    def _may_read(self) -> bool:
        return self._stop or self._limit is None or self._read < self._limit

    def _run(self) -> None:
        try:
            while True:
                with self._cond:
                    self._cond.wait_for(self._may_read)
                    if self._stop:
                        return
                    self._read += 1
                try:
                    item = next(self._iterator)
                except StopIteration:
                    self._put(_END)
                    return
                if not self._put(self._convert(item)):
                    return
        except BaseException as error:  # noqa: BLE001 (re-raised by get())
            self._put(_Failure(error))

    def _put(self, item: Any) -> bool:
        while not self._stop:
            try:
                self._queue.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def get(self) -> Any:
        """The next converted batch; `StopIteration` when the data ran out."""
        if self._finished is not None:
            return self._raise_finished()
        with self._cond:
            if self._limit is not None and self._read <= self._consumed:
                self._limit = self._consumed + 1
                self._cond.notify_all()
        while True:
            try:
                item = self._queue.get(timeout=0.5)
                break
            except queue.Empty:
                if not self._thread.is_alive() and self._queue.empty():
                    raise RuntimeError(
                        "The input prefetch thread stopped unexpectedly."
                    ) from None
        with self._cond:
            self._consumed += 1
        if item is _END or isinstance(item, _Failure):
            self._finished = item
            return self._raise_finished()
        return item

    def _raise_finished(self) -> Any:
        if isinstance(self._finished, _Failure):
            raise self._finished.error
        raise StopIteration

    def close(self, timeout: float = 30.0) -> None:
        """Stops the thread; waits for a batch it is producing to finish."""
        with self._cond:
            self._stop = True
            self._cond.notify_all()
        self._thread.join(timeout)
