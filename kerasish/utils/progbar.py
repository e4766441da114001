"""`Progbar`: the Keras progress bar, byte for byte."""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np

# Keras' ANSI codes: bold, reset, green (done part), white (remaining part).
_BOLD = "\x1b[1m"
_RESET = "\x1b[0m"
_GREEN = "\x1b[32m"
_WHITE = "\x1b[37m"
_BAR_CHAR = "━"

# Values are folded into the running sums when a line is rendered; this bounds
# how many unrendered (possibly on-device) values a metric may queue.
_MAX_PENDING = 256


def _to_host(value: Any) -> Any:
    """Turns a device array into a NumPy value; leaves Python numbers alone."""
    if isinstance(value, int | float | np.generic | np.ndarray):
        return value
    return np.asarray(value)


class _Average:
    """A metric's running `[value * steps, steps]` sum, as Keras keeps it.

    Device arrays are queued and only folded in (converted to NumPy, in the
    order Keras would have added them, with the same dtype arithmetic) when
    the sum is read, so `update` never forces a device sync.
    """

    __slots__ = ("total", "count", "pending")

    def __init__(self) -> None:
        self.total: Any = None
        self.count = 0
        self.pending: list[tuple[Any, int]] = []

    def add(self, value: Any, weight: int) -> None:
        self.pending.append((value, weight))
        self.count += weight
        if len(self.pending) >= _MAX_PENDING:
            self.fold()

    def fold(self) -> Any:
        for value, weight in self.pending:
            term = _to_host(value) * weight
            if self.total is None:
                self.total = term
            elif isinstance(self.total, np.ndarray):
                # Keras adds in place (`+=`), which keeps an array's dtype.
                self.total += term
            else:
                self.total = self.total + term
        self.pending.clear()
        return self.total


class Progbar:
    """Displays a progress bar.

    If neither of `stateful_metrics` and `stateless_metrics` is provided, all
    metrics are assumed to be stateless (averaged by the progress bar before
    display).

    Values passed to `update` may be JAX arrays: they are converted to host
    numbers only when a line is actually printed.

    Args:
        target: Total number of steps expected, None if unknown.
        width: Progress bar width on screen.
        verbose: Verbosity mode, 0 (silent), 1 (verbose), 2 (semi-verbose).
        interval: Minimum visual progress update interval (in seconds).
        stateful_metrics: Iterable of string names of metrics that should *not*
            be averaged over time. Metrics in this list will be displayed as-is.
            If provided, do not provide `stateless_metrics`.
        stateless_metrics: Iterable of string names of metrics that *should* be
            averaged over time. If provided, do not provide `stateful_metrics`.
        unit_name: Display name for step counts (usually "step" or "sample").

    Example:

    ```python
    bar = keras.utils.Progbar(target=10)
    for step in range(1, 11):
        bar.update(step, values=[("loss", 0.1 * step)])
    ```
    """

    def __init__(
        self,
        target: int | None,
        width: int = 20,
        verbose: int = 1,
        interval: float = 0.05,
        stateful_metrics: Iterable[str] | None = None,
        stateless_metrics: Iterable[str] | None = None,
        unit_name: str = "step",
    ):
        if stateful_metrics is not None and stateless_metrics is not None:
            raise ValueError(
                "Only one of `stateful_metrics` or `stateless_metrics` "
                "can be provided. Received: "
                f"stateful_metrics={stateful_metrics}, "
                f"stateless_metrics={stateless_metrics}"
            )
        self.target = target
        self.width = width
        self.verbose = verbose
        self.interval = interval
        self.unit_name = unit_name
        self.stateful_metrics: set[str] | None
        self.stateless_metrics: set[str] | None
        if stateless_metrics is not None:
            self.stateful_metrics = None
            self.stateless_metrics = set(stateless_metrics)
        else:
            self.stateful_metrics = set(stateful_metrics or ())
            self.stateless_metrics = None
        # Keras quirk: the display is "dynamic" (`\b`/`\r` rewrites) whenever
        # the `posix` module is loaded, so always on Linux, even without a TTY.
        self._dynamic_display = (
            (hasattr(sys.stdout, "isatty") and sys.stdout.isatty())
            or "ipykernel" in sys.modules
            or "posix" in sys.modules
            or "PYCHARM_HOSTED" in os.environ
        )
        self._seen_so_far = 0
        # name -> `_Average` (averaged metrics) or `[value, 1]` (shown as-is).
        self._values: dict[str, Any] = {}
        self._values_order: list[str] = []
        self._start = time.time()
        self._last_update = 0.0
        self._time_at_epoch_start = self._start
        self._time_after_first_step: float | None = None
        self._prev_total_width = 0

    def update(
        self,
        current: int,
        values: Sequence[tuple[str, Any]] | None = None,
        finalize: bool | None = None,
    ) -> None:
        """Updates the progress bar.

        Args:
            current: Index of current step.
            values: List of tuples: `(name, value_for_last_step)`. If `name` is
                in `stateful_metrics`, `value_for_last_step` will be displayed
                as-is. Else, an average of the metric over time will be
                displayed.
            finalize: Whether this is the last update for the progress bar. If
                `None`, defaults to `current >= self.target`.
        """
        self._update_at(current, values, finalize, time.time())

    def deferred_update(
        self, current: int, values: Sequence[tuple[str, Any]] | None = None
    ) -> Callable[[], None]:
        """A non-final `update` taken now and drawn later: calling the result
        draws the line this update would have drawn now (same time, same
        values, which it reads only then)."""
        now = time.time()
        return lambda: self._update_at(current, values, False, now)

    def _update_at(
        self,
        current: int,
        values: Sequence[tuple[str, Any]] | None,
        finalize: bool | None,
        now: float,
    ) -> None:
        if finalize is None:
            finalize = self.target is not None and current >= self.target
        for name, value in values or ():
            self._record(name, value, current, finalize)
        self._seen_so_far = current

        time_per_unit = self._estimate_step_duration(current, now)
        if self.verbose == 1:
            if now - self._last_update < self.interval and not finalize:
                return
            self._print_dynamic_line(current, now, time_per_unit, finalize)
        elif self.verbose == 2:
            if finalize and self.target is not None and self.target > 0:
                self._print_final_line(current, now, time_per_unit)
        self._last_update = now

    def add(self, n: int, values: Sequence[tuple[str, Any]] | None = None) -> None:
        """Advances the bar by `n` steps (see `update`)."""
        self.update(self._seen_so_far + n, values)

    def _record(self, name: str, value: Any, current: int, finalize: bool) -> None:
        if name not in self._values_order:
            self._values_order.append(name)
        if self.stateful_metrics is not None:
            averaged = name not in self.stateful_metrics
        else:
            averaged = name in self.stateless_metrics
        if not averaged:
            self._values[name] = [value, 1]
            return
        # Keras restarts the average on a finalizing update, and weighs each
        # value by the number of steps since the previous update (at least 1).
        entry = self._values.get(name)
        if finalize or not isinstance(entry, _Average):
            entry = self._values[name] = _Average()
        entry.add(value, 1 if finalize else max(current - self._seen_so_far, 1))

    def _mean(self, name: str) -> Any:
        entry = self._values[name]
        if isinstance(entry, _Average):
            total, count = entry.fold(), entry.count
        else:
            total, count = _to_host(entry[0]), entry[1]
        if np.ndim(total):  # a scalar is its own mean (np.mean costs ~5 us)
            total = np.mean(total)
        return total / max(1, count)

    def _print_dynamic_line(
        self, current: int, now: float, time_per_unit: float, finalize: bool
    ) -> None:
        message = (
            "\b" * self._prev_total_width + "\r" if self._dynamic_display else "\n"
        )
        # Keras counts the ANSI escape characters it adds so it can measure the
        # visible width of the line (used to blank out a longer previous line).
        special_char_len = 0
        has_target = self.target is not None and self.target > 0
        if has_target:
            numdigits = int(math.log10(self.target)) + 1
            count = f"{int(current):{numdigits}d}/{int(self.target)}"
            bar = f"{_BOLD}{count}{_RESET} "
            special_char_len += 8
            prog_width = int(self.width * (float(current) / self.target))
            if prog_width > 0:
                bar += f"{_GREEN}{_BAR_CHAR * prog_width}{_RESET}"
                special_char_len += 9
            bar += f"{_WHITE}{_BAR_CHAR * (self.width - prog_width)}{_RESET}"
            special_char_len += 9
        else:
            bar = f"{int(current):7d}/Unknown"
        if has_target and not finalize:
            eta = _format_eta(time_per_unit * (self.target - current))
            info = f" {_BOLD}{eta}{_RESET}"
        else:
            info = f" {_BOLD}{now - self._start:.0f}s{_RESET}"
        special_char_len += 8
        info += _format_time(time_per_unit, self.unit_name)
        for name in self._values_order:
            avg = self._mean(name)
            info += (
                f" - {name}: {avg:.4f}" if abs(avg) > 1e-3 else f" - {name}: {avg:.4e}"
            )
        total_width = len(bar) + len(info) - special_char_len
        message += bar + info
        if self._prev_total_width > total_width:
            message += " " * (self._prev_total_width - total_width)
        if finalize:
            message += "\n"
        _write(message)
        self._prev_total_width = total_width

    def _print_final_line(self, current: int, now: float, time_per_unit: float) -> None:
        numdigits = int(math.log10(self.target)) + 1
        count = f"{int(current):{numdigits}d}/{int(self.target)}"
        info = f"{count} - {now - self._start:.0f}s"
        info += f" -{_format_time(time_per_unit, self.unit_name)}"
        for name in self._values_order:
            avg = self._mean(name)
            # Keras quirk: verbose=2 tests `avg > 1e-3`, not `abs(avg)`.
            info += f" - {name}: {avg:.4f}" if avg > 1e-3 else f" - {name}: {avg:.4e}"
        _write(info + "\n")

    def _estimate_step_duration(self, current: int, now: float) -> float:
        """Seconds per step, ignoring the (compile-heavy) first step when possible."""
        if not current:
            return 0
        if self._time_after_first_step is not None and current > 1:
            time_per_unit = (now - self._time_after_first_step) / (current - 1)
        else:
            time_per_unit = (now - self._start) / current
        if current == 1:
            self._time_after_first_step = now
        return time_per_unit


def _format_eta(eta: float) -> str:
    if eta > 3600:
        return f"{int(eta // 3600)}:{int(eta % 3600 // 60):02d}:{int(eta % 60):02d}"
    if eta > 60:
        return f"{int(eta // 60)}:{int(eta % 60):02d}"
    return f"{int(eta)}s"


def _format_time(time_per_unit: float, unit_name: str) -> str:
    if time_per_unit >= 1 or time_per_unit == 0:
        return f" {time_per_unit:.0f}s/{unit_name}"
    if time_per_unit >= 1e-3:
        return f" {time_per_unit * 1000.0:.0f}ms/{unit_name}"
    return f" {time_per_unit * 1000000.0:.0f}us/{unit_name}"


def _write(message: str) -> None:
    sys.stdout.write(message)
    sys.stdout.flush()
