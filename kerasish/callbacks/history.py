"""`History`: records every epoch's logs; `fit` returns it."""

from __future__ import annotations

from kerasish.callbacks.callback import Callback


class History(Callback):
    """Records events into a `History` object.

    `history.history` maps each log key (`loss`, `accuracy`, `val_loss`, ...)
    to its list of per-epoch values; `history.epoch` lists the epochs run.
    """

    def __init__(self) -> None:
        super().__init__()
        self.history: dict[str, list] = {}
        self.epoch: list[int] = []

    def on_train_begin(self, logs: dict | None = None) -> None:
        self.epoch = []

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        logs = logs or {}
        self.epoch.append(epoch)
        for key, value in logs.items():
            self.history.setdefault(key, []).append(value)
        self.model.history = self
