"""`CallbackList`: calls every callback's hook, with History and Progbar added."""

from __future__ import annotations

from typing import Any

import numpy as np

from kerasish.callbacks.callback import Callback, overrides_batch_hooks
from kerasish.callbacks.history import History
from kerasish.callbacks.progbar_logger import ProgbarLogger


def flatten_logs(logs: dict | None) -> dict:
    """Sorted keys with nested dicts merged in place (a custom `train_step`
    may return `{"loss": ..., "compile_metrics": {...}}`), values untouched."""
    result = {}
    for key, value in sorted((logs or {}).items()):
        if isinstance(value, dict):
            result.update(flatten_logs(value))
        else:
            result[key] = value
    return result


def pythonify_logs(logs: dict | None) -> dict:
    """Keras' `pythonify_logs`: `flatten_logs`, scalars as Python floats."""
    return {
        key: float(value) if np.ndim(value) == 0 else value
        for key, value in flatten_logs(logs).items()
    }


class CallbackList(Callback):
    """Container that calls a list of callbacks at once.

    Epoch-level hooks receive Python floats. Batch-level logs stay device
    arrays for the progress bar (it reads them only when it prints) and are
    converted only for callbacks that override batch hooks.
    """

    def __init__(
        self,
        callbacks: list | None = None,
        add_history: bool = False,
        add_progbar: bool = False,
        model: Any = None,
        **params: Any,
    ) -> None:
        super().__init__()
        self.callbacks = list(callbacks or [])
        self._history = next(
            (c for c in self.callbacks if isinstance(c, History)), None
        )
        self._progbar = next(
            (c for c in self.callbacks if isinstance(c, ProgbarLogger)), None
        )
        if self._history is None and add_history:
            self._history = History()
            self.callbacks.append(self._history)
        if self._progbar is None and add_progbar:
            self._progbar = ProgbarLogger()
            self.callbacks.append(self._progbar)
        if self._progbar is not None:
            self._progbar.defer_last_step = self.only_loggers()
        if model is not None:
            self.set_model(model)
        if params:
            self.set_params(params)

    def set_params(self, params: dict) -> None:
        self.params = params
        for callback in self.callbacks:
            callback.set_params(params)

    def set_model(self, model: Any) -> None:
        super().set_model(model)
        if self._history is not None:
            model.history = self._history
        for callback in self.callbacks:
            callback.set_model(model)

    def only_loggers(self) -> bool:
        """Whether History and the progress bar are the only callbacks: then
        no hook reads the model, prints or draws random numbers."""
        return all(type(c) in (History, ProgbarLogger) for c in self.callbacks)

    def needs_batch_hooks(self, mode: str) -> bool:
        """Whether a callback other than the progress bar has batch hooks for `mode`."""
        return any(
            overrides_batch_hooks(c, mode)
            for c in self.callbacks
            if not isinstance(c, ProgbarLogger | History)
            and not getattr(c, "_fusable_batch_hooks", False)
        )

    def _call(self, hook: str, *args: Any, logs: dict | None = None) -> None:
        python_logs = pythonify_logs(logs)
        for callback in self.callbacks:
            getattr(callback, hook)(*args, python_logs)

    def _call_batch(self, hook: str, batch: int, logs: dict | None) -> None:
        raw = flatten_logs(logs)
        mode = hook.split("_")[1]  # on_{train,test,predict}_batch_*
        python_logs = None
        for callback in self.callbacks:
            if isinstance(callback, ProgbarLogger):
                getattr(callback, hook)(batch, raw)
            elif overrides_batch_hooks(callback, mode):
                if python_logs is None:
                    python_logs = pythonify_logs(logs)
                getattr(callback, hook)(batch, python_logs)

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        self._call("on_epoch_begin", epoch, logs=logs)

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        self._call("on_epoch_end", epoch, logs=logs)

    def on_train_begin(self, logs: dict | None = None) -> None:
        self._call("on_train_begin", logs=logs)

    def on_train_end(self, logs: dict | None = None) -> None:
        self._call("on_train_end", logs=logs)

    def on_test_begin(self, logs: dict | None = None) -> None:
        self._call("on_test_begin", logs=logs)

    def on_test_end(self, logs: dict | None = None) -> None:
        self._call("on_test_end", logs=logs)

    def on_predict_begin(self, logs: dict | None = None) -> None:
        self._call("on_predict_begin", logs=logs)

    def on_predict_end(self, logs: dict | None = None) -> None:
        self._call("on_predict_end", logs=logs)

    def on_train_batch_begin(self, batch: int, logs: dict | None = None) -> None:
        self._call_batch("on_train_batch_begin", batch, logs)

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        self._call_batch("on_train_batch_end", batch, logs)

    def on_test_batch_begin(self, batch: int, logs: dict | None = None) -> None:
        self._call_batch("on_test_batch_begin", batch, logs)

    def on_test_batch_end(self, batch: int, logs: dict | None = None) -> None:
        self._call_batch("on_test_batch_end", batch, logs)

    def on_predict_batch_begin(self, batch: int, logs: dict | None = None) -> None:
        self._call_batch("on_predict_batch_begin", batch, logs)

    def on_predict_batch_end(self, batch: int, logs: dict | None = None) -> None:
        self._call_batch("on_predict_batch_end", batch, logs)
