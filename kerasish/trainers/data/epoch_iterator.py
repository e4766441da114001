"""Keras' epoch/step accounting over a stream of batches (`EpochIterator`)."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Iterator
from typing import Any

from kerasish.trainers.data.data_adapter import DataAdapter
from kerasish.trainers.data.prefetch import Prefetcher


def interrupted_warning() -> None:
    warnings.warn(
        "Your input ran out of data; interrupting training. "
        "Make sure that your dataset or generator can generate "
        "at least `steps_per_epoch * epochs` batches. "
        "You may need to use the `.repeat()` "
        "function when building your dataset.",
        stacklevel=4,
    )


class EpochIterator:
    """Which batches each epoch gets, exactly as Keras 3.15's `EpochIterator`.

    - With `steps_per_epoch`, one iterator is kept across epochs, so each
      epoch continues where the last stopped; it is renewed only once a pass
      of known length is used up (the warning is shown if that cut an epoch).
    - Without it, each epoch starts a new pass and runs until the data ends;
      a pass of unknown length (generators) ends with Keras' "ran out of
      data" warning, and its length is remembered for the progress bar.
    - Running dry mid-epoch warns and ends the epoch; training goes on.

    Steps come in groups of `steps_per_execution`; `next_batch()` returns a
    converted, device-resident batch from the prefetch thread.
    """

    def __init__(
        self,
        adapter: DataAdapter,
        steps_per_epoch: int | None,
        steps_per_execution: int,
        convert: Callable[[Any], Any],
    ) -> None:
        self.adapter = adapter
        self.steps_per_epoch = steps_per_epoch
        self.steps_per_execution = steps_per_execution
        self._convert = convert
        self._num_batches = adapter.num_batches
        self._current: Prefetcher | None = None
        self._steps_seen = 0

    @property
    def num_batches(self) -> int | None:
        if self.steps_per_epoch:
            return self.steps_per_epoch
        return self._num_batches

    def _renew(self) -> None:
        self._close_current()
        self._current = Prefetcher(self.adapter.get_iterator(), self._convert)
        self._steps_seen = 0

    def _close_current(self) -> None:
        if self._current is not None:
            self._current.close()
            self._current = None

    def peek(self) -> Any:
        """One converted batch, read as Keras' build pass does; call `reset()`
        afterwards."""
        self.adapter.on_epoch_begin()
        self._renew()
        self._current.allow(1)
        return self._current.get()

    def reset(self) -> None:
        """Forgets the current pass (Keras calls this before every fit/evaluate)."""
        self._close_current()
        self._num_batches = self.adapter.num_batches
        self._steps_seen = 0
        self.adapter.on_epoch_end()

    def enumerate_epoch(self) -> Iterator[tuple[int, int]]:
        """Yields `(begin_step, end_step)` per group of steps of one epoch."""
        self.adapter.on_epoch_begin()
        spe = self.steps_per_execution
        steps = self.steps_per_epoch or self._num_batches or -1
        if steps > 0:
            if self._current is None or self.steps_per_epoch is None:
                self._renew()
            self._current.allow(math.ceil(steps / spe) * spe)
            for step in range(0, steps, spe):
                if self._num_batches and self._steps_seen >= self._num_batches:
                    if self.steps_per_epoch:
                        interrupted_warning()
                    break
                self._steps_seen += spe
                yield step, step + spe - 1
            if self._num_batches and self._steps_seen >= self._num_batches:
                self._renew()
        else:
            self._renew()
            self._current.allow(None)
            step = -spe
            while True:
                step += spe
                self._steps_seen = step + spe
                yield step, step + spe - 1
        self.adapter.on_epoch_end()

    def next_batch(self) -> Any:
        """The next batch of the current pass; `StopIteration` when dry."""
        return self._current.get()

    def ran_dry(self) -> None:
        """Keras' handling of a pass that ended before the epoch did."""
        if self._num_batches is None:
            self._num_batches = self._steps_seen
        interrupted_warning()
        self._close_current()
        self.adapter.on_epoch_end()

    def close(self) -> None:
        """Stops the prefetch thread and the dataset's workers."""
        self._close_current()
        self.adapter.close()
