"""Keras' batch order per epoch, drawn one epoch early while the device computes."""

from __future__ import annotations

from typing import Any

import jax
import numpy as np

from kerasish.distribution.distribution_lib import distribution


def epoch_order(n: int, batch_size: int, shuffle: Any) -> np.ndarray:
    """Keras 3.15's batch order: NumPy's global RNG, one permutation per epoch
    (`shuffle="batch"`: one per batch), as int32 indices."""
    if shuffle == "batch":
        parts = [
            np.random.permutation(min(batch_size, n - s)) + s
            for s in range(0, n, batch_size)
        ]
        order = np.concatenate(parts)
    elif shuffle:
        order = np.random.permutation(n)
    else:
        order = np.arange(n)
    return order.astype(np.int32)


class EpochOrders:
    """The batch order of each epoch of one `fit`, in Keras' sequence.

    `draw_ahead()` draws the next epoch's order while the device still runs
    the current one, taking it off the critical path between epochs. It draws
    only when nothing else can draw from NumPy's global RNG before that epoch
    starts: the callbacks are History and the progress bar alone (user
    callbacks may use `np.random` in their hooks), and another epoch follows
    (an order drawn for no epoch would shift later random numbers). So the
    orders, and every later random number, are those of drawing on time.
    """

    def __init__(
        self, n: int, batch_size: int, shuffle: Any, callbacks: Any, epochs: int
    ) -> None:
        self.n, self.batch_size, self.shuffle = n, batch_size, shuffle
        self.epochs = epochs
        self._may_draw_ahead = bool(shuffle) and callbacks.only_loggers()
        self._ahead: Any = None

    def next(self) -> np.ndarray | jax.Array:
        """The order of the epoch starting now."""
        order, self._ahead = self._ahead, None
        if order is None:
            order = epoch_order(self.n, self.batch_size, self.shuffle)
        return order

    def draw_ahead(self, epoch: int) -> None:
        """Draws the order of `epoch + 1` now, if that is safe (see above)."""
        if self._may_draw_ahead and epoch + 1 < self.epochs:
            order = epoch_order(self.n, self.batch_size, self.shuffle)
            # Sent to the device now too, unless distributed (the epoch's
            # order is then rearranged per process first).
            self._ahead = order if distribution() is not None else jax.device_put(order)
