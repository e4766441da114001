"""Python generators and iterators as a stream of batches."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from kerasish.trainers.data.data_adapter import DataAdapter

# Keras peeks this many batches to learn the signature, then replays them.
NUM_PEEKED_BATCHES = 2


class GeneratorDataAdapter(DataAdapter):
    """Adapter for a Python generator (or iterator) of batches.

    Keras quirk, copied: the first two batches are peeked when the adapter is
    created and replayed at the start of every new pass, so once a finite
    generator is exhausted each later epoch sees only those two batches.
    """

    num_batches = None

    def __init__(self, generator: Iterator) -> None:
        self._generator = generator
        self._first_batches = list(itertools.islice(generator, NUM_PEEKED_BATCHES))
        if not self._first_batches:
            raise ValueError(
                "When passing a Python generator to a Keras model, "
                "the generator must yield at least one batch. "
                "Received an empty generator."
            )
        first = self._first_batches[0]
        if not isinstance(first, tuple):
            raise ValueError(
                "When passing a Python generator to a Keras model, "
                "the generator must return a tuple, either "
                "(input,) or (inputs, targets) or "
                "(inputs, targets, sample_weights). "
                f"Received: {first}"
            )

    def get_iterator(self) -> Iterator[Any]:
        return itertools.chain(self._first_batches, self._generator)
