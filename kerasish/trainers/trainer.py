"""`Trainer`: compile / fit / evaluate / predict, the Keras training face."""

from __future__ import annotations

from typing import Any

import numpy as np

from kerasish.callbacks.callback_list import CallbackList
from kerasish.models import compiled_calls
from kerasish.trainers import custom_steps, loops
from kerasish.trainers.compile_utils import CompileLoss, CompileMetrics
from kerasish.trainers.data import arrays, data_adapter


class Trainer:
    """Adds Keras' training API to `Model`, over pure jitted steps."""

    def __init__(self) -> None:
        self.compiled = False
        self.optimizer = None
        self.loss = None
        self.stop_training = False
        self.history = None
        self._compile_loss = None
        self._compile_metrics = None
        self._loss_tracker = None
        self._runtime = None

    def compile(
        self,
        optimizer: Any = "rmsprop",
        loss: Any = None,
        loss_weights: Any = None,
        metrics: Any = None,
        weighted_metrics: Any = None,
        run_eagerly: bool = False,
        steps_per_execution: int | str = 1,
        jit_compile: Any = "auto",
        auto_scale_loss: bool = True,
    ) -> None:
        """Configures the model for training.

        Args:
            optimizer: Optimizer name, instance, or raw optax transformation.
            loss: Loss name, function or `Loss` instance.
            loss_weights: Scalar coefficient for the loss.
            metrics: List of metrics (names, functions or `Metric`s), updated
                without sample weights. `"accuracy"` is resolved from shapes.
            weighted_metrics: Metrics updated with sample weights.
            run_eagerly: Accepted for compatibility; steps are always jitted.
            steps_per_execution: Steps per device call when a callback needs
                batch-level hooks; otherwise kerasish fuses steps itself.
            jit_compile: Accepted for compatibility.
            auto_scale_loss: Under the `"mixed_float16"` policy, wrap the
                optimizer in a `LossScaleOptimizer` (as Keras does).
        """
        from kerasish import metrics as metrics_module
        from kerasish import optimizers

        self.optimizer = optimizers.get(optimizer)
        self._compile_config = compile_config(
            self.optimizer,
            loss,
            loss_weights,
            metrics,
            weighted_metrics,
            run_eagerly,
            steps_per_execution,
            jit_compile,
        )
        if auto_scale_loss and self.dtype_policy.name == "mixed_float16":
            if not isinstance(self.optimizer, optimizers.LossScaleOptimizer):
                self.optimizer = optimizers.LossScaleOptimizer(
                    self.optimizer, name="loss_scale_optimizer"
                )
        self.loss = loss
        self._compile_loss = CompileLoss(loss, loss_weights)
        self._compile_metrics = CompileMetrics(metrics, weighted_metrics)
        # Keras builds compiled losses/metrics (drawing a batch) only if given.
        self._compiled_objects = any(
            arg is not None for arg in (loss, metrics, weighted_metrics)
        )
        self._loss_tracker = metrics_module.Mean(name="loss")
        self.steps_per_execution = steps_per_execution
        self._runtime = None
        self.compiled = True
        self.stop_training = False

    def get_compile_config(self) -> dict:
        """Returns a serialized config with information for compiling the model.

        Returns:
            The `compile()` arguments as Keras serializes them (optimizer,
            loss, metrics, ...), or `{}` when the model is not compiled.
        """
        from kerasish.saving import serialization_lib

        if self.compiled and getattr(self, "_compile_config", None) is not None:
            return serialization_lib.serialize_keras_object(self._compile_config)
        return {}

    def compile_from_config(self, config: dict) -> None:
        """Compiles the model with the information given in config.

        Args:
            config: Dict from `get_compile_config()`.
        """
        import warnings

        from kerasish.saving import serialization_lib

        if type(self).compile is not Trainer.compile:
            warnings.warn(
                "`compile()` was not called as part of model loading "
                "because the model's `compile()` method is custom. "
                "All subclassed Models that have `compile()` "
                "overridden should also override "
                "`get_compile_config()` and `compile_from_config(config)`. "
                "Alternatively, you can "
                "call `compile()` manually after loading.",
                stacklevel=2,
            )
            return
        self.compile(**serialization_lib.deserialize_keras_object(config))

    @property
    def metrics(self) -> list:
        if not self.compiled:
            return []
        # Keras lists the `compile_metrics` container only when metrics were given.
        metrics = [self._loss_tracker]
        if self._compile_metrics.given:
            metrics.append(self._compile_metrics)
        return metrics + self._compile_loss.metrics

    @property
    def metrics_names(self) -> list[str]:
        return [m.name for m in self.metrics]

    def reset_metrics(self) -> None:
        for metric in self.metrics:
            metric.reset_state()

    def _assert_compile_called(self) -> None:
        if not self.compiled:
            raise ValueError("You must call `compile()` before using the model.")

    def fit(
        self,
        x: Any = None,
        y: Any = None,
        batch_size: int | None = None,
        epochs: int = 1,
        verbose: str | int = "auto",
        callbacks: list | None = None,
        validation_split: float = 0.0,
        validation_data: Any = None,
        shuffle: bool | str = True,
        class_weight: dict | None = None,
        sample_weight: Any = None,
        initial_epoch: int = 0,
        steps_per_epoch: int | None = None,
        validation_steps: int | None = None,
        validation_batch_size: int | None = None,
        validation_freq: int = 1,
    ) -> Any:
        """Trains the model for a fixed number of epochs.

        Returns:
            A `History` object; `history.history` maps each log key to its
            per-epoch values.
        """
        self._assert_compile_called()
        if validation_data is None:
            data_adapter.check_validation_split(x, validation_split)
        validator = None
        if data_adapter.is_streaming(x) or data_adapter.is_streaming(validation_data):
            # Batches come from Python: trainers/streaming.py.
            from kerasish.trainers import streaming

            validator = streaming.make_validator(
                self,
                validation_data,
                validation_batch_size or batch_size or 32,
                validation_steps,
            )
            if data_adapter.is_streaming(x):
                return streaming.fit(
                    self, x, y, sample_weight, class_weight, shuffle,
                    steps_per_epoch, callbacks, verbose, epochs, initial_epoch,
                    validator, validation_freq,
                )  # fmt: skip
            validation_data = validator
        data = arrays.standardize(x, y, sample_weight, class_weight)
        if validation_split and validation_data is None:
            data, validation_data = arrays.train_validation_split(
                data, validation_split
            )
        if validation_data is not None and validation_data is not validator:
            validation_data = arrays.standardize(
                *arrays.unpack_x_y_sample_weight(validation_data), None
            )
        batch_size = batch_size or 32
        runtime = self._ensure_runtime(data, batch_size, shuffle)
        plan = loops.EpochPlan(arrays.num_samples(data), batch_size, steps_per_epoch)
        callback_list = CallbackList(
            callbacks,
            add_history=True,
            add_progbar=verbose != 0,
            model=self,
            verbose=verbose,
            epochs=epochs,
            steps=plan.num_batches,
        )
        try:
            return loops.fit_loop(
                self,
                runtime,
                data,
                plan,
                callback_list,
                epochs,
                initial_epoch,
                shuffle,
                validation_data,
                validation_batch_size or batch_size,
                validation_steps,
                validation_freq,
            )
        finally:
            if validator is not None:
                validator.close()

    def evaluate(
        self,
        x: Any = None,
        y: Any = None,
        batch_size: int | None = None,
        verbose: str | int = "auto",
        sample_weight: Any = None,
        steps: int | None = None,
        callbacks: list | None = None,
        return_dict: bool = False,
        **kwargs: Any,
    ) -> Any:
        """Returns the loss and metric values of the model on the given data.

        Returns:
            A scalar (loss only), a list `[loss, *metrics]`, or with
            `return_dict=True` a dict with sorted keys.
        """
        self._assert_compile_called()
        if data_adapter.is_streaming(x):
            from kerasish.trainers import streaming

            logs = streaming.evaluate(
                self, x, y, sample_weight, steps, callbacks, verbose
            )
            return self._format_evaluate(logs, return_dict)
        data = arrays.standardize(x, y, sample_weight, None)
        batch_size = batch_size or 32
        runtime = self._ensure_runtime(data, batch_size, shuffle=False)
        plan = loops.EpochPlan(arrays.num_samples(data), batch_size, steps)
        if isinstance(callbacks, CallbackList):
            callback_list = callbacks
        else:
            callback_list = CallbackList(
                callbacks,
                add_progbar=verbose != 0,
                model=self,
                verbose=verbose,
                epochs=1,
                steps=plan.num_batches,
            )
        logs = loops.evaluate_loop(self, runtime, data, plan, callback_list)
        return self._format_evaluate(logs, return_dict)

    def _format_evaluate(self, logs: dict, return_dict: bool) -> Any:
        if return_dict:
            return {k: logs[k] for k in sorted(logs)}
        # Keras orders by `metrics_names` with the compiled metrics expanded
        # (their unprefixed names), then the remaining keys sorted.
        ordered = [
            name
            for m in self.metrics
            for name in (
                [sub.name for sub in m.metrics]
                if m is self._compile_metrics
                else [m.name]
            )
        ]
        values = [logs[k] for k in ordered if k in logs]
        values += [logs[k] for k in sorted(logs) if k not in ordered]
        return values[0] if len(values) == 1 else values

    def predict(
        self,
        x: Any,
        batch_size: int | None = None,
        verbose: str | int = "auto",
        steps: int | None = None,
        callbacks: list | None = None,
    ) -> Any:
        """Generates output predictions (NumPy arrays) for the input samples."""
        if not isinstance(x, np.ndarray) and data_adapter.is_streaming(x):
            from kerasish.trainers import streaming

            return streaming.predict(self, x, steps, callbacks, verbose)
        x = arrays.to_arrays(x)
        batch_size = batch_size or 32
        loops.ensure_built(self, x, batch_size)
        n = arrays.num_samples(x)
        if verbose == 0 and not callbacks and n <= batch_size and steps is None:
            return compiled_calls.predict(self, x)
        if steps is not None:
            n = min(n, steps * batch_size)
        plan = loops.EpochPlan(n, min(batch_size, n), None)
        callback_list = CallbackList(
            callbacks,
            add_progbar=verbose != 0,
            model=self,
            verbose=verbose,
            epochs=1,
            steps=plan.num_batches,
        )
        return loops.predict_loop(self, x, plan, callback_list)

    def train_on_batch(
        self,
        x: Any,
        y: Any = None,
        sample_weight: Any = None,
        class_weight: dict | None = None,
        return_dict: bool = False,
    ) -> Any:
        """Runs a single gradient update on one batch of data."""
        self._assert_compile_called()
        data = arrays.standardize(x, y, sample_weight, class_weight)
        n = arrays.num_samples(data)
        runtime = self._ensure_runtime(data, n, shuffle=False)
        logs = loops.single_batch(self, runtime, data, train=True)
        return self._format_evaluate(logs, return_dict)

    def test_on_batch(
        self,
        x: Any,
        y: Any = None,
        sample_weight: Any = None,
        return_dict: bool = False,
    ) -> Any:
        """Returns the loss and metrics of the model on one batch."""
        self._assert_compile_called()
        data = arrays.standardize(x, y, sample_weight, None)
        runtime = self._ensure_runtime(data, arrays.num_samples(data), shuffle=False)
        logs = loops.single_batch(self, runtime, data, train=False)
        return self._format_evaluate(logs, return_dict)

    def predict_on_batch(self, x: Any) -> Any:
        """Returns predictions (NumPy) for a single batch of samples."""
        x = arrays.to_arrays(x)
        loops.ensure_built(self, x, arrays.num_samples(x))
        return compiled_calls.predict(self, x)

    def _ensure_runtime(self, data: tuple, batch_size: int, shuffle: Any) -> Any:
        """Builds the model, compiled loss/metrics and optimizer on first use."""
        first_use = self._runtime is None
        if first_use:
            # Keras draws one batch to build (an unbuilt model, compiled losses or
            # metrics) on the first fit after compile; with shuffling that
            # consumes one permutation from NumPy's global RNG.
            needs_build = not self.built or self._compiled_objects
            if needs_build and shuffle and shuffle != "batch":
                np.random.permutation(arrays.num_samples(data))
            self._runtime = loops.Runtime(self, data, batch_size)
        return self._runtime

    def train_step(self, state: tuple, data: tuple) -> tuple:
        """One training step in Keras 3's JAX form: `(logs, state)`.

        `state` is `(trainable_variables, non_trainable_variables,
        optimizer_variables, metrics_variables)` (lists of values), `data` is
        `(x, y)` or `(x, y, sample_weight)`. Override it to customize `fit`;
        it runs jitted, fused like the built-in step.
        """
        return custom_steps.default_step(self, "train_step", state, data)

    def test_step(self, state: tuple, data: tuple) -> tuple:
        """One evaluation step: `state` is `(trainable_variables,
        non_trainable_variables, metrics_variables)`; returns `(logs, state)`."""
        return custom_steps.default_step(self, "test_step", state, data)

    def compute_loss(
        self,
        x: Any = None,
        y: Any = None,
        y_pred: Any = None,
        sample_weight: Any = None,
        training: bool = True,
    ) -> Any:
        """The compiled loss of `y_pred` against `y`, plus `model.losses`."""
        del x, training
        loss = self._compile_loss(y, y_pred, sample_weight)
        for extra in self.losses:
            loss = loss + extra
        return loss

    def make_train_function(self, force: bool = False) -> None:
        """Accepted for compatibility: steps are compiled on first use."""
        if force:
            self._runtime = None

    def get_metrics_result(self) -> dict:
        """The current value of every metric, as a sorted dict of floats."""
        result = {}
        for metric in self.metrics:
            value = metric.result()
            result.update(value if isinstance(value, dict) else {metric.name: value})
        return {k: float(np.asarray(v)) for k, v in sorted(result.items())}


def compile_config(
    optimizer: Any,
    loss: Any,
    loss_weights: Any,
    metrics: Any,
    weighted_metrics: Any,
    run_eagerly: bool,
    steps_per_execution: Any,
    jit_compile: Any,
) -> dict:
    """`compile()`'s arguments as Keras records them for `get_compile_config`.

    Keras keeps the resolved optimizer (before any loss-scale wrapping) and
    resolves `jit_compile="auto"` to True on JAX (False when running eagerly).
    """
    if jit_compile == "auto":
        jit_compile = not run_eagerly
    if jit_compile and run_eagerly:
        jit_compile = False
    return {
        "optimizer": optimizer,
        "loss": loss,
        "loss_weights": loss_weights,
        "metrics": metrics,
        "weighted_metrics": weighted_metrics,
        "run_eagerly": run_eagerly,
        "steps_per_execution": steps_per_execution,
        "jit_compile": jit_compile,
    }
