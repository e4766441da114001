"""`MonitorCallback`: base for callbacks that watch a logged quantity improve."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from kerasish.callbacks.callback import Callback


def _less(a: Any, b: Any) -> bool:
    # Keras compares with `ops.less`, i.e. in float32 after converting both sides.
    return bool(np.float32(a) < np.float32(b))


def _greater(a: Any, b: Any) -> bool:
    return bool(np.float32(a) > np.float32(b))


class MonitorCallback(Callback):
    """Base class for callbacks that monitor a quantity and evaluate improvements.

    Holds the comparison chosen from `monitor` and `mode`, and decides whether
    a new value improves on a reference one. Subclassed by `EarlyStopping` and
    `ReduceLROnPlateau`; not meant to be used directly.

    Args:
        monitor: Quantity to be monitored. Defaults to `"val_loss"`.
        mode: One of `{"auto", "min", "max"}`. In `"min"` mode the monitored
            quantity should decrease, in `"max"` mode increase; in `"auto"`
            mode the direction is inferred from the monitored quantity
            (`loss` decreases, a compiled metric follows its direction).
            Defaults to `"auto"`.
        baseline: Floating point initial "best" value of the monitored
            quantity. If `None` (default), the first monitored value is used.
        min_delta: Minimum change in the monitored quantity to qualify as an
            improvement. Defaults to `0`.

    Raises:
        ValueError: If `mode="auto"` and the direction of the metric cannot be
            inferred.
    """

    def __init__(
        self,
        monitor: str = "val_loss",
        mode: str = "auto",
        baseline: float | None = None,
        min_delta: float = 0,
    ) -> None:
        super().__init__()
        if mode not in ("auto", "min", "max"):
            warnings.warn(
                f"{self.__class__.__name__} mode '{mode}' is unknown, fallback "
                "to auto mode.",
                stacklevel=2,
            )
            mode = "auto"
        self.monitor = monitor
        self.mode = mode
        self.best = baseline
        self.min_delta = abs(min_delta)
        self.monitor_op = None

    def _compiled_metrics(self) -> list:
        """The metric objects inside the model's compiled-metrics container."""
        compiled = getattr(self.model, "_compile_metrics", None)
        found = []
        for metric in getattr(self.model, "metrics", None) or []:
            if compiled is not None and metric is compiled:
                found.extend(metric.metrics)
        return found

    def _set_monitor_op(self) -> None:
        if self.mode == "min":
            self.monitor_op = _less
        elif self.mode == "max":
            self.monitor_op = _greater
        else:
            metric_name = self.monitor.removeprefix("val_")
            if metric_name == "loss":
                self.monitor_op = _less
            for metric in self._compiled_metrics():
                if metric.name == metric_name and hasattr(metric, "_direction"):
                    self.monitor_op = _greater if metric._direction == "up" else _less
            if self.monitor_op is None:
                raise ValueError(
                    f"{self.__class__.__name__} callback received "
                    f"monitor={self.monitor}, but Keras isn't able to "
                    "automatically determine whether that metric should be "
                    "maximized or minimized. Pass `mode='max'` in order to "
                    "monitor based on the highest metric value, or pass "
                    "`mode='min'` in order to use the lowest value."
                )
        if self.monitor_op is _less:
            # Lowering the new value by -min_delta makes "less" demand a margin.
            self.min_delta *= -1

    def _is_improvement(self, monitor_value: float, reference_value: Any) -> bool:
        if reference_value is None:
            return True
        return self.monitor_op(monitor_value - self.min_delta, reference_value)
