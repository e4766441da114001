"""`ReduceLROnPlateau`: lowers the learning rate when a metric stops improving."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from kerasish.callbacks.monitor_callback import MonitorCallback


class ReduceLROnPlateau(MonitorCallback):
    """Reduce learning rate when a metric has stopped improving.

    After `patience` epochs without improvement the optimizer's learning rate
    is multiplied by `factor` (never below `min_lr`). The change takes effect
    from the next epoch, without recompiling. The current learning rate is
    added to the epoch logs as `"learning_rate"`.

    Example:

    ```python
    reduce_lr = ReduceLROnPlateau(monitor="val_loss", factor=0.2,
                                  patience=5, min_lr=0.001)
    model.fit(x_train, y_train, callbacks=[reduce_lr])
    ```

    Args:
        monitor: Quantity to be monitored. Defaults to `"val_loss"`.
        factor: Factor by which the learning rate will be reduced,
            `new_lr = lr * factor`. Must be below 1. Defaults to `0.1`.
        patience: Number of epochs with no improvement after which learning
            rate will be reduced. Defaults to `10`.
        verbose: 0: quiet, 1: print update messages. Defaults to `0`.
        mode: One of `{"auto", "min", "max"}`. Defaults to `"auto"`.
        min_delta: Threshold for measuring the new optimum, to only focus on
            significant changes. Defaults to `1e-4`.
        cooldown: Number of epochs to wait before resuming normal operation
            after the learning rate has been reduced. Defaults to `0`.
        min_lr: Lower bound on the learning rate. Defaults to `0`.

    Raises:
        ValueError: If `factor >= 1.0`.
    """

    def __init__(
        self,
        monitor: str = "val_loss",
        factor: float = 0.1,
        patience: int = 10,
        verbose: int = 0,
        mode: str = "auto",
        min_delta: float = 1e-4,
        cooldown: int = 0,
        min_lr: float = 0.0,
        **kwargs: Any,
    ) -> None:
        super().__init__(monitor, mode, min_delta=min_delta)
        if factor >= 1.0:
            raise ValueError(
                "ReduceLROnPlateau does not support a factor >= 1.0. "
                f"Received factor={factor}"
            )
        self.factor = factor
        self.min_lr = min_lr
        self.patience = patience
        self.verbose = verbose
        self.cooldown = cooldown
        self.cooldown_counter = 0
        self.wait = 0

    def _reset(self) -> None:
        """Resets wait counter and cooldown counter."""
        self.best = None
        self.cooldown_counter = 0
        self.wait = 0

    def on_train_begin(self, logs: dict | None = None) -> None:
        self._reset()

    def _reduce_lr(self, epoch: int) -> bool:
        optimizer = self.model.optimizer
        old_lr = float(np.asarray(optimizer.learning_rate))
        if old_lr <= np.float32(self.min_lr):
            return False
        # Computed in Python floats, stored as float32, printed unrounded (Keras).
        new_lr = max(old_lr * self.factor, self.min_lr)
        optimizer.learning_rate = new_lr
        if self.verbose > 0:
            print(
                f"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing "
                f"learning rate to {new_lr}.",
                flush=True,
            )
        return True

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        if self.monitor_op is None:
            self._set_monitor_op()
        logs = logs if logs is not None else {}
        logs["learning_rate"] = float(np.asarray(self.model.optimizer.learning_rate))
        current = logs.get(self.monitor)
        if current is None:
            warnings.warn(
                "Learning rate reduction is conditioned on metric "
                f"`{self.monitor}` which is not available. Available metrics "
                f"are: {','.join(list(logs.keys()))}.",
                stacklevel=2,
            )
            return
        if self.in_cooldown():
            self.cooldown_counter -= 1
            self.wait = 0
        if self._is_improvement(current, self.best):
            self.best = current
            self.wait = 0
        elif not self.in_cooldown():
            self.wait += 1
            if self.wait >= self.patience and self._reduce_lr(epoch):
                self.cooldown_counter = self.cooldown
                self.wait = 0

    def in_cooldown(self) -> bool:
        return self.cooldown_counter > 0
