"""`TensorBoard`: writes Keras' TensorBoard summaries as event files."""

from __future__ import annotations

import logging
import os
import sys
import time
import warnings
from typing import Any

import numpy as np

from kerasish.callbacks import event_file_writer as events
from kerasish.callbacks.callback import Callback

_EMBEDDING_TENSOR = "layer_with_weights-0/embeddings/.ATTRIBUTES/VARIABLE_VALUE"


class TensorBoard(Callback):
    """Enable visualizations for TensorBoard.

    Writes event files that TensorBoard reads, laid out as Keras writes them
    (no TensorFlow needed):

    * `logs/train`: `epoch_<metric>` scalars (plus `epoch_learning_rate`) at
      step `epoch`; with `update_freq=N`, `batch_<metric>` scalars every `N`
      batches (steps count device calls, as in Keras with
      `steps_per_execution`); weight histograms and images; the model config
      (`write_graph`, Sequential and Functional models).
    * `logs/validation`: `epoch_<metric>` for the `val_` logs and
      `evaluation_<metric>_vs_iterations` at step `optimizer.iterations`
      after every evaluation.

    Run `tensorboard --logdir=path_to_your_logs` to view them.

    Args:
        log_dir: the path of the directory where to save the log files to be
            parsed by TensorBoard. This directory should not be reused by any
            other callbacks.
        histogram_freq: frequency (in epochs) at which to compute weight
            histograms for the layers of the model. If set to 0, histograms
            won't be computed.
        write_graph: Whether to write the model's config (the "conceptual
            graph" of Sequential and Functional models). The op-level graph
            of TensorFlow's `train_function` has no JAX equivalent.
        write_images: whether to write model weights to visualize as image in
            TensorBoard (with `histogram_freq`).
        write_steps_per_second: whether to log the training steps per second
            into TensorBoard. This supports both epoch and batch frequency
            logging.
        update_freq: `"batch"` or `"epoch"` or integer. With `"epoch"`, the
            losses and metrics are written after every epoch; with an integer
            `N`, also every `N` batches (`"batch"` means 1). Batch-level
            writing runs the batch hooks, so steps are not fused.
        profile_batch: Profile the batch(es) with `jax.profiler` (traces go to
            `log_dir/train`). A non-negative integer or a pair of positive
            integers. As in Keras, profiling with JAX requires Python >= 3.12;
            otherwise it warns and is disabled. Defaults to 0 (disabled).
        embeddings_freq: frequency (in epochs) at which embedding layers will
            be visualized. If set to 0, embeddings won't be visualized.
        embeddings_metadata: Dictionary which maps embedding layer names to
            the filename of a file in which to save metadata for the embedding
            layer. A single filename applies to all embedding layers.

    Example:

    ```python
    tensorboard_callback = keras.callbacks.TensorBoard(log_dir="./logs")
    model.fit(x_train, y_train, epochs=2, callbacks=[tensorboard_callback])
    ```
    """

    def __init__(
        self,
        log_dir: str | os.PathLike = "logs",
        histogram_freq: int = 0,
        write_graph: bool = True,
        write_images: bool = False,
        write_steps_per_second: bool = False,
        update_freq: str | int = "epoch",
        profile_batch: int | tuple | str = 0,
        embeddings_freq: int = 0,
        embeddings_metadata: str | dict | None = None,
    ) -> None:
        super().__init__()
        self.log_dir = str(log_dir)
        self.histogram_freq = histogram_freq
        self.write_graph = write_graph
        self.write_images = write_images
        self.write_steps_per_second = write_steps_per_second
        self.update_freq = 1 if update_freq == "batch" else update_freq
        self.embeddings_freq = embeddings_freq
        self.embeddings_metadata = embeddings_metadata
        if profile_batch and sys.version_info[1] < 12:
            warnings.warn(
                "Profiling with the jax backend requires python >= 3.12.",
                stacklevel=2,
            )
            profile_batch = 0
        self._init_profile_batch(profile_batch)
        self._global_train_batch = 0
        self._global_test_batch = 0
        self._previous_epoch_iterations = 0
        self._batch_start_time = 0
        self._writers: dict = {}

    @property
    def _fusable_batch_hooks(self) -> bool:
        # The batch hooks only count batches unless something is written per
        # batch, so fit keeps fusing steps (the count is unused then).
        return self.update_freq == "epoch" and not (
            self.write_steps_per_second or self._should_trace
        )

    def set_model(self, model: Any) -> None:
        """Sets the model and writes its config (`write_graph`)."""
        self._model = model
        self._log_write_dir = self.log_dir
        self._train_dir = os.path.join(self._log_write_dir, "train")
        self._val_dir = os.path.join(self._log_write_dir, "validation")
        self._close_writers()
        self._writers = {}
        if self.write_graph:
            self._write_keras_model_summary()
        if self.embeddings_freq:
            self._configure_embeddings()

    @property
    def _train_writer(self) -> events.EventFileWriter:
        if "train" not in self._writers:
            self._writers["train"] = events.EventFileWriter(self._train_dir)
        return self._writers["train"]

    @property
    def _val_writer(self) -> events.EventFileWriter:
        if "val" not in self._writers:
            self._writers["val"] = events.EventFileWriter(self._val_dir)
        return self._writers["val"]

    def _write_keras_model_summary(self) -> None:
        """Writes the model's JSON config as Keras' `keras` summary at step 0."""
        if type(self.model).__name__ not in ("Functional", "Sequential"):
            return
        try:
            json_string = self.model.to_json()
        except Exception as exc:
            # Keras: a model that fails to serialize only warns.
            warnings.warn(
                f"Model failed to serialize as JSON. Ignoring... {exc}", stacklevel=2
            )
            return
        self._train_writer.add_summary(
            events.keras_model_value("keras", json_string), 0
        )
        self._train_writer.flush()

    def _configure_embeddings(self) -> None:
        """Writes `projector_config.pbtxt` for the Embedding layers."""
        from kerasish.layers import Embedding

        entries = []
        for layer in self.model.layers:
            if not isinstance(layer, Embedding):
                continue
            entry = {"tensor_name": _EMBEDDING_TENSOR}
            if isinstance(self.embeddings_metadata, str):
                entry["metadata_path"] = self.embeddings_metadata
            elif self.embeddings_metadata and layer.name in self.embeddings_metadata:
                # Keras pops the used names from the user's dict.
                entry["metadata_path"] = self.embeddings_metadata.pop(layer.name)
            entries.append(entry)
        if self.embeddings_metadata and not isinstance(self.embeddings_metadata, str):
            raise ValueError(
                "Unrecognized `Embedding` layer names passed to "
                "`keras.callbacks.TensorBoard` `embeddings_metadata` "
                f"argument: {self.embeddings_metadata.keys()}"
            )
        os.makedirs(self._log_write_dir, exist_ok=True)
        path = os.path.join(self._log_write_dir, "projector_config.pbtxt")
        with open(path, "w") as f:
            f.write(_projector_pbtxt(entries))

    def _close_writers(self) -> None:
        for writer in self._writers.values():
            writer.close()

    # ------------------------------------------------------------- profiling

    def _init_profile_batch(self, profile_batch: Any) -> None:
        """Validates `profile_batch`; sets the batch range to profile."""
        message = (
            "profile_batch must be a non-negative integer or 2-tuple of positive "
            "integers. A pair of positive integers signifies a range of batches "
            f"to profile. Found: {profile_batch}"
        )
        if isinstance(profile_batch, str):
            profile_batch = [int(part) for part in profile_batch.split(",")]
        if isinstance(profile_batch, int):
            self._start_batch = self._stop_batch = profile_batch
        elif isinstance(profile_batch, tuple | list) and len(profile_batch) == 2:
            self._start_batch, self._stop_batch = profile_batch
        else:
            raise ValueError(message)
        if self._start_batch < 0 or self._stop_batch < self._start_batch:
            raise ValueError(message)
        self._profiler_started = False
        self._batch_trace_context = None
        self._is_tracing = False
        self._should_trace = not (self._start_batch == 0 and self._stop_batch == 0)

    def _start_trace(self) -> None:
        if not self._profiler_started:
            try:
                import jax

                jax.profiler.start_trace(self._train_dir)
                self._profiler_started = True
            except Exception as e:
                # Keras: profiler errors are not fatal.
                logging.error("Failed to start profiler: %s", e)
        self._is_tracing = True

    def _stop_trace(self) -> None:
        if self._profiler_started:
            try:
                import jax

                jax.profiler.stop_trace()
            except Exception as e:
                logging.error("Failed to stop profiler: %s", e)
            finally:
                self._profiler_started = False
        self._is_tracing = False

    # ------------------------------------------------------------- hooks

    def on_train_begin(self, logs: dict | None = None) -> None:
        self._global_train_batch = 0
        self._previous_epoch_iterations = 0

    def on_train_end(self, logs: dict | None = None) -> None:
        if self._is_tracing:
            self._stop_trace()
        self._close_writers()

    def on_test_end(self, logs: dict | None = None) -> None:
        optimizer = getattr(self.model, "optimizer", None)
        if optimizer is not None and hasattr(optimizer, "iterations"):
            step = int(np.asarray(optimizer.iterations))
            for name, value in (logs or {}).items():
                value = events.scalar_value(f"evaluation_{name}_vs_iterations", value)
                self._val_writer.add_summary(value, step)
            self._val_writer.flush()

    def on_train_batch_begin(self, batch: int, logs: dict | None = None) -> None:
        self._global_train_batch += 1
        if self.write_steps_per_second:
            self._batch_start_time = time.time()
        if not self._should_trace:
            return
        if self._global_train_batch == self._start_batch:
            self._start_trace()
        if self._profiler_started:
            import jax

            self._batch_trace_context = jax.profiler.TraceAnnotation(
                f"Profiled batch {batch}"
            )
            self._batch_trace_context.__enter__()

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        # Keras writes batch summaries through a default writer recorded only
        # when the global batch is a multiple of `update_freq`.
        step = self._global_train_batch
        if self.update_freq != "epoch" and step % self.update_freq == 0:
            if self.write_steps_per_second:
                rate = 1.0 / (time.time() - self._batch_start_time)
                self._write_scalar("batch_steps_per_second", rate, step)
            for name, value in (logs or {}).items():
                self._write_scalar(f"batch_{name}", value, step)
        if self._is_tracing:
            if self._batch_trace_context is not None:
                self._batch_trace_context.__exit__(None, None, None)
                self._batch_trace_context = None
            if self._global_train_batch >= self._stop_batch:
                self._stop_trace()

    def on_test_batch_begin(self, batch: int, logs: dict | None = None) -> None:
        self._global_test_batch += 1

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        if self.write_steps_per_second:
            self._previous_epoch_iterations = float(
                np.asarray(self.model.optimizer.iterations)
            )
            self._epoch_start_time = time.time()

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        """Writes the epoch's metrics, then histograms and embeddings if due."""
        self._log_epoch_metrics(epoch, logs)
        if self.histogram_freq and epoch % self.histogram_freq == 0:
            self._log_weights(epoch)
        if self.embeddings_freq and epoch % self.embeddings_freq == 0:
            self._log_embeddings(epoch)

    # ------------------------------------------------------------- writing

    def _write_scalar(self, tag: str, value: Any, step: int) -> None:
        if np.ndim(value) == 0:
            self._train_writer.add_summary(events.scalar_value(tag, value), step)

    def _collect_learning_rate(self, logs: dict) -> dict:
        optimizer = self.model.optimizer
        optimizer = getattr(optimizer, "inner_optimizer", optimizer)
        if hasattr(optimizer, "optimizers"):
            for opt in optimizer.optimizers:
                logs[f"learning_rate_{opt.name}"] = float(np.asarray(opt.learning_rate))
        elif getattr(optimizer, "learning_rate", None) is not None:
            logs["learning_rate"] = float(np.asarray(optimizer.learning_rate))
        return logs

    def _compute_steps_per_second(self) -> float:
        iterations = float(np.asarray(self.model.optimizer.iterations))
        elapsed = np.float32(time.time() - self._epoch_start_time)
        return float(np.float32(iterations - self._previous_epoch_iterations) / elapsed)

    def _log_epoch_metrics(self, epoch: int, logs: dict | None) -> None:
        if not logs:
            return
        train_logs = {k: v for k, v in logs.items() if not k.startswith("val_")}
        val_logs = {k: v for k, v in logs.items() if k.startswith("val_")}
        train_logs = self._collect_learning_rate(train_logs)
        if self.write_steps_per_second:
            train_logs["steps_per_second"] = self._compute_steps_per_second()
        for writer, items in ((self._train_writer, train_logs), (None, val_logs)):
            if not items:
                continue
            writer = writer or self._val_writer
            for name, value in items.items():
                name = name.removeprefix("val_")
                writer.add_summary(events.scalar_value(f"epoch_{name}", value), epoch)
            writer.flush()

    def _log_weights(self, epoch: int) -> None:
        """Weight histograms (and images) of every layer, at step `epoch`."""
        writer = self._train_writer
        for layer in self.model.layers:
            for weight in layer.weights:
                name = weight.path.replace(":", "_")
                values = np.asarray(weight.numpy())
                writer.add_summary(
                    events.histogram_value(f"{name}/histogram", values), epoch
                )
                if self.write_images:
                    image = _weight_as_image(values)
                    if image is not None:
                        writer.add_summary(
                            events.image_value(f"{name}/image", image), epoch
                        )
        writer.flush()

    def _log_embeddings(self, epoch: int) -> None:
        path = os.path.join(
            self._log_write_dir, "train", f"keras_embedding.ckpt-{epoch}.weights.h5"
        )
        self.model.save_weights(path)


def _weight_as_image(weight: np.ndarray) -> np.ndarray | None:
    """Keras' weight-to-image layout: `(k, height, width, 1)`, or `None`."""
    image = np.squeeze(weight)
    if image.ndim == 1:  # a bias
        image = image.reshape(1, image.shape[0], 1, 1)
    elif image.ndim == 2:  # a Dense kernel, drawn wide
        if image.shape[0] > image.shape[1]:
            image = image.T
        image = image.reshape(1, image.shape[0], image.shape[1], 1)
    elif image.ndim == 3:  # a conv kernel, one image per output channel
        image = np.transpose(image, (2, 0, 1))
        image = image.reshape(*image.shape, 1)
    if image.ndim == 4 and image.shape[-1] in (1, 3, 4):
        return image
    return None


def _projector_pbtxt(entries: list[dict]) -> str:
    """A `ProjectorConfig` in protobuf text format, as `text_format` prints it."""

    def quote(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = []
    for entry in entries:
        lines.append("embeddings {")
        lines += [f"  {key}: {quote(value)}" for key, value in entry.items()]
        lines.append("}")
    return "".join(line + "\n" for line in lines)
