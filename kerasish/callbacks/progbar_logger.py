"""`ProgbarLogger`: prints Keras' progress bar during fit/evaluate/predict."""

from __future__ import annotations

from collections.abc import Callable

from kerasish.callbacks.callback import Callback
from kerasish.utils.progbar import Progbar


class ProgbarLogger(Callback):
    """Prints metrics to stdout with Keras' `Progbar`.

    `fit` adds one automatically when `verbose != 0`. Validation inside `fit`
    is silent, as in Keras.

    With `defer_last_step` (set by `CallbackList` when no other callback
    could print or read the model in between), the line of an epoch's last
    step is drawn at the next hook, exactly as it would have been drawn on
    time: fit then reads the device once per epoch, with the epoch's logs.
    """

    def __init__(self) -> None:
        super().__init__()
        self.seen = 0
        self.progbar = None
        self.target = None
        self.verbose = 1
        self.epochs = 1
        self._called_in_fit = False
        self.defer_last_step = False
        self._deferred: Callable[[], None] | None = None

    def set_params(self, params: dict) -> None:
        verbose = params["verbose"]
        self.verbose = 1 if verbose == "auto" else verbose
        self.epochs = params["epochs"]
        self.target = params["steps"]

    def on_train_begin(self, logs: dict | None = None) -> None:
        self._draw_deferred()
        self._called_in_fit = True

    def on_test_begin(self, logs: dict | None = None) -> None:
        self._draw_deferred()
        if not self._called_in_fit:
            self._reset_progbar()
            self._maybe_init_progbar()

    def on_predict_begin(self, logs: dict | None = None) -> None:
        self._draw_deferred()
        self._reset_progbar()
        self._maybe_init_progbar()

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        self._draw_deferred()
        self._reset_progbar()
        self._maybe_init_progbar()
        if self.verbose and self.epochs > 1:
            print(f"Epoch {epoch + 1}/{self.epochs}", flush=True)

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        self._draw_deferred()
        self._update_progbar(batch, logs)

    def on_test_batch_end(self, batch: int, logs: dict | None = None) -> None:
        self._draw_deferred()
        if not self._called_in_fit:
            self._update_progbar(batch, logs)

    def on_predict_batch_end(self, batch: int, logs: dict | None = None) -> None:
        self._draw_deferred()
        self._update_progbar(batch, None)

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        self._draw_deferred()
        self._finalize_progbar(logs)

    def on_test_end(self, logs: dict | None = None) -> None:
        self._draw_deferred()
        if not self._called_in_fit:
            self._finalize_progbar(logs)

    def on_predict_end(self, logs: dict | None = None) -> None:
        self._draw_deferred()
        self._finalize_progbar(logs)

    def on_train_end(self, logs: dict | None = None) -> None:
        self._draw_deferred()

    def _reset_progbar(self) -> None:
        self.seen = 0
        self.progbar = None

    def _maybe_init_progbar(self) -> None:
        if self.progbar is None:
            # No stateless metrics: every logged value is already a running
            # mean and is displayed as given (Keras does the same).
            self.progbar = Progbar(
                target=self.target,
                verbose=self.verbose,
                unit_name="step",
                stateless_metrics=set(),
            )

    def _update_progbar(self, batch: int, logs: dict | None = None) -> None:
        self._maybe_init_progbar()
        self.seen = batch + 1
        if self.verbose == 1:
            values = list((logs or {}).items())
            if self.defer_last_step and self.seen == self.target:
                self._deferred = self.progbar.deferred_update(self.seen, values)
            else:
                self.progbar.update(self.seen, values, finalize=False)

    def _draw_deferred(self) -> None:
        draw, self._deferred = self._deferred, None
        if draw is not None:
            draw()

    def _finalize_progbar(self, logs: dict | None) -> None:
        self._maybe_init_progbar()
        if self.target is None:
            self.target = self.seen
            self.progbar.target = self.target
        self.progbar.update(self.target, list((logs or {}).items()), finalize=True)
