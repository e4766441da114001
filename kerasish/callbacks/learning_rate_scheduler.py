"""`LearningRateScheduler`: sets the learning rate from a function of the epoch."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from kerasish.callbacks.callback import Callback


class LearningRateScheduler(Callback):
    """Learning rate scheduler.

    At the beginning of every epoch, calls `schedule(epoch, lr)` (or
    `schedule(epoch)` for a one-argument function) with the current learning
    rate and sets the optimizer's learning rate to the (float) result. The
    learning rate is added to the epoch logs as `"learning_rate"`.

    Args:
        schedule: A function that takes an epoch index (integer, indexed from
            0) and current learning rate (float) as inputs and returns a new
            learning rate as output (float).
        verbose: Integer. 0: quiet, 1: log update messages.

    Example:

    >>> def scheduler(epoch, lr):
    ...     return lr if epoch < 10 else lr * 0.9
    >>> callback = keras.callbacks.LearningRateScheduler(scheduler)
    """

    def __init__(self, schedule: Callable, verbose: int = 0) -> None:
        super().__init__()
        self.schedule = schedule
        self.verbose = verbose

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        optimizer = self.model.optimizer
        if not hasattr(optimizer, "learning_rate"):
            raise ValueError('Optimizer must have a "learning_rate" attribute.')
        try:
            learning_rate = float(np.asarray(optimizer.learning_rate))
            learning_rate = self.schedule(epoch, learning_rate)
        except TypeError:
            # Keras falls back to the old one-argument `schedule(epoch)` API.
            learning_rate = self.schedule(epoch)
        if not isinstance(learning_rate, float | np.float32 | np.float64):
            raise ValueError(
                "The output of the `schedule` function should be a float. "
                f"Got: {learning_rate}"
            )
        optimizer.learning_rate = learning_rate
        if self.verbose > 0:
            print(
                f"\nEpoch {epoch + 1}: LearningRateScheduler setting "
                f"learning rate to {learning_rate}.",
                flush=True,
            )

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        logs = logs if logs is not None else {}
        logs["learning_rate"] = float(np.asarray(self.model.optimizer.learning_rate))
