"""`ModelCheckpoint`: saves the model or its weights during `fit`."""

from __future__ import annotations

import os
import re
import warnings

import numpy as np

from kerasish.callbacks.monitor_callback import MonitorCallback
from kerasish.callbacks.save_frequency import should_save_on_batch


class ModelCheckpoint(MonitorCallback):
    """Callback to save the Keras model or model weights at some frequency.

    Saves the model (`model.save`, a `.keras` file) or only its weights
    (`model.save_weights`, a `.weights.h5` file, which includes the optimizer
    state) at the end of every epoch or every `save_freq` batches, optionally
    only when the monitored quantity improves. Files are written atomically,
    so an interrupted save never leaves a truncated checkpoint.

    Args:
        filepath: string or `PathLike`, path to save the model file.
            `filepath` can contain named formatting options, which will be
            filled with the value of `epoch` (1-based), `batch` (1-based, for
            batch-level saves) and keys in `logs`, e.g.
            `"{epoch:02d}-{val_loss:.2f}.keras"`. Must end in `.weights.h5`
            with `save_weights_only=True`, else in `.keras` (or `.h5`).
        monitor: The metric name to monitor (`"val_loss"`, `"loss"`, a
            compiled metric's name, with `"val_"` for validation).
        verbose: Verbosity mode, 0 or 1. Mode 1 displays messages when the
            callback takes an action.
        save_best_only: if `True`, it only saves when the model is considered
            the "best" according to the monitored quantity. Without formatting
            options in `filepath`, each better model overwrites the file.
        mode: one of {`"auto"`, `"min"`, `"max"`}: whether the monitored
            quantity should be minimized or maximized; `"auto"` infers it from
            its name.
        save_weights_only: if `True`, only the model's weights are saved
            (`model.save_weights(filepath)`), else the full model is saved
            (`model.save(filepath)`).
        save_freq: `"epoch"` or integer. With `"epoch"`, the callback saves
            the model after each epoch; with an integer, at the end of this
            many batches. With `steps_per_execution=N`, the criterion is
            checked every Nth batch. Batch-level saves run the batch hooks,
            so steps are not fused. Defaults to `"epoch"`.
        initial_value_threshold: Floating point initial "best" value of the
            metric to be monitored. Only applies with `save_best_only=True`:
            only a model better than this value is saved.

    Raises:
        ValueError: For an unrecognized `save_freq` or a `filepath` whose
            extension does not match `save_weights_only`.

    Example:

    ```python
    checkpoint = keras.callbacks.ModelCheckpoint(
        filepath="/tmp/ckpt/checkpoint.model.keras",
        monitor="val_accuracy",
        mode="max",
        save_best_only=True,
    )
    model.fit(x_train, y_train, epochs=10, callbacks=[checkpoint])
    model = keras.models.load_model("/tmp/ckpt/checkpoint.model.keras")
    ```
    """

    def __init__(
        self,
        filepath: str | os.PathLike,
        monitor: str = "val_loss",
        verbose: int = 0,
        save_best_only: bool = False,
        save_weights_only: bool = False,
        mode: str = "auto",
        save_freq: str | int = "epoch",
        initial_value_threshold: float | None = None,
    ) -> None:
        super().__init__(monitor, mode, initial_value_threshold)
        self.verbose = verbose
        self.filepath = os.fspath(filepath)
        self.save_best_only = save_best_only
        self.save_weights_only = save_weights_only
        self.save_freq = save_freq
        self._batches_seen_since_last_saving = 0
        self._last_batch_seen = None
        self._current_epoch = 0
        if self.save_freq != "epoch" and not isinstance(self.save_freq, int):
            raise ValueError(
                f"Unrecognized save_freq: {self.save_freq}. "
                "Expected save_freq are 'epoch' or integer values"
            )
        if save_weights_only:
            if not self.filepath.endswith(".weights.h5"):
                raise ValueError(
                    "When using `save_weights_only=True` in `ModelCheckpoint`"
                    ", the filepath provided must end in `.weights.h5` "
                    "(Keras weights format). Received: "
                    f"filepath={self.filepath}"
                )
        elif not self.filepath.endswith((".keras", ".h5")):
            raise ValueError(
                "The filepath provided must end in `.keras` "
                "(Keras model format). Received: "
                f"filepath={self.filepath}"
            )

    @property
    def _fusable_batch_hooks(self) -> bool:
        # Epoch-level saving only: the batch hooks do nothing worth unfusing.
        return self.save_freq == "epoch"

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        if should_save_on_batch(self, batch):
            self._save_model(epoch=self._current_epoch, batch=batch, logs=logs)

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        self._current_epoch = epoch

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        if self.monitor_op is None:
            # Resolved lazily: the compiled metrics exist only once built.
            self._set_monitor_op()
        if self.save_freq == "epoch":
            self._save_model(epoch=epoch, batch=None, logs=logs)

    def _should_save_model(
        self, epoch: int, batch: int | None, logs: dict | None, filepath: str
    ) -> bool:
        """Whether to save now: always, or (`save_best_only`) on improvement."""
        del batch
        logs = logs or {}
        if not self.save_best_only:
            if self.verbose > 0:
                print(f"\nEpoch {epoch + 1}: saving model to {filepath}", flush=True)
            return True
        current = logs.get(self.monitor)
        if current is None:
            warnings.warn(
                f"Can save best model only with {self.monitor} available.",
                stacklevel=3,
            )
            return True
        if np.ndim(current) > 0:
            warnings.warn(
                "Can save best model only when `monitor` is "
                f"a scalar value. Received: {current}. "
                "Falling back to `save_best_only=False`.",
                stacklevel=3,
            )
            return True
        best_str = "None" if self.best is None else f"{self.best:.5f}"
        if self._is_improvement(current, self.best):
            if self.verbose > 0:
                print(
                    f"\nEpoch {epoch + 1}: {self.monitor} improved from "
                    f"{best_str} to {current:.5f}, saving model to {filepath}",
                    flush=True,
                )
            self.best = current
            return True
        if self.verbose > 0:
            print(
                f"\nEpoch {epoch + 1}: {self.monitor} did not improve from {best_str}",
                flush=True,
            )
        return False

    def _save_model(self, epoch: int, batch: int | None, logs: dict | None) -> None:
        """Saves the model (or weights) to the formatted path if due."""
        filepath = self._get_file_path(epoch, batch, logs)
        try:
            if not self._should_save_model(epoch, batch, logs, filepath):
                return
            dirname = os.path.dirname(filepath)
            if dirname and not os.path.exists(dirname):
                os.makedirs(dirname)
            if self.save_weights_only:
                self.model.save_weights(filepath, overwrite=True)
            else:
                self.model.save(filepath, overwrite=True)
            if self.verbose > 0:
                print(
                    f"\nEpoch {epoch + 1}: finished saving model to {filepath}",
                    flush=True,
                )
        except IsADirectoryError:
            raise OSError(
                "Please specify a non-directory filepath for "
                "ModelCheckpoint. Filepath used is an existing "
                f"directory: {filepath}"
            ) from None
        except OSError as e:
            if "is a directory" in str(e.args[0]).lower():
                # Keras' message for this branch has a stray "f".
                raise OSError(
                    "Please specify a non-directory filepath for "
                    "ModelCheckpoint. Filepath used is an existing "
                    f"directory: f{filepath}"
                ) from None
            raise

    def _get_file_path(self, epoch: int, batch: int | None, logs: dict | None) -> str:
        """The checkpoint path: `filepath` formatted with epoch, batch and logs."""
        logs = logs or {}
        try:
            if batch is None or "batch" in logs:
                return self.filepath.format(epoch=epoch + 1, **logs)
            return self.filepath.format(epoch=epoch + 1, batch=batch + 1, **logs)
        except KeyError as e:
            raise KeyError(
                f'Failed to format this callback filepath: "{self.filepath}". '
                f"Reason: {e}"
            ) from None

    def _checkpoint_exists(self, filepath: str) -> bool:
        """Returns whether the checkpoint `filepath` refers to exists."""
        return os.path.exists(filepath)

    def _get_most_recently_modified_file_matching_pattern(
        self, pattern: str
    ) -> str | None:
        """The most recently modified file matching `pattern` (a `filepath`
        with placeholders); ties go to the largest path, as in Keras."""
        dir_name = os.path.dirname(pattern)
        base_name_regex = f"^{re.sub(r'{.*}', r'.*', os.path.basename(pattern))}$"
        latest_mod_time = 0.0
        latest_path = None
        n_latest = 0
        largest_path = None
        if os.path.exists(dir_name):
            for file_name in os.listdir(dir_name):
                if not re.match(base_name_regex, file_name):
                    continue
                file_path = os.path.join(dir_name, file_name)
                mod_time = os.path.getmtime(file_path)
                if largest_path is None or file_path > largest_path:
                    largest_path = file_path
                if mod_time > latest_mod_time:
                    latest_mod_time, latest_path, n_latest = mod_time, file_path, 1
                elif mod_time == latest_mod_time:
                    n_latest += 1
        return latest_path if n_latest == 1 else largest_path
