"""fit/evaluate/predict over streamed batches (generators, PyDataset, tf, torch)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from kerasish.callbacks.callback_list import pythonify_logs
from kerasish.trainers import loops
from kerasish.trainers.data import arrays, data_adapter
from kerasish.trainers.data.epoch_iterator import EpochIterator


def _describe(batch: Any) -> str:
    """`(x, y, sample_weight)` with each array as `dtype[shape]`."""
    parts = jax.tree_util.tree_map(
        lambda a: "None" if a is None else f"{a.dtype}{list(a.shape)}",
        batch,
        is_leaf=lambda a: a is None,
    )
    return str(parts).replace("'", "")


class BatchConverter:
    """Runs on the prefetch thread: one raw batch -> `(x, y, sample_weight)` of
    device arrays (floats cast to floatx), checked for cardinality and, once
    the loss is built, for sparse labels outside `[0, num_classes)`."""

    def __init__(self, model: Any) -> None:
        self.model = model
        self.runtime: Any = None

    def __call__(self, batch: Any) -> tuple:
        x, y, sample_weight = arrays.unpack_x_y_sample_weight(batch)
        x, y = arrays.to_arrays(x), arrays.to_arrays(y)
        sample_weight = arrays.to_arrays(sample_weight)
        arrays.check_cardinality(x, y, sample_weight)
        if self.runtime is not None and y is not None:
            self.runtime.check_labels(self.model, y)
        return jax.device_put((x, y, sample_weight))


class Stream:
    """One streaming input: its adapter, Keras' epoch accounting, prefetching."""

    def __init__(
        self,
        model: Any,
        x: Any,
        y: Any = None,
        sample_weight: Any = None,
        steps: int | None = None,
        shuffle: Any = False,
        class_weight: dict | None = None,
    ) -> None:
        self.adapter = data_adapter.get_data_adapter(
            x, y, sample_weight, shuffle=shuffle, class_weight=class_weight
        )
        spe = getattr(model, "steps_per_execution", 1)
        self.converter = BatchConverter(model)
        self.iterator = EpochIterator(
            self.adapter,
            steps,
            spe if isinstance(spe, int) and spe > 0 else 1,
            self.converter,
        )
        self.signatures: dict = {}
        self.first_structure: Any = None

    def prepare(self, model: Any, for_predict: bool = False) -> Any:
        """Builds what needs a first batch (Keras' build pass), then resets."""
        if for_predict:
            if not model.built:
                x = self.iterator.peek()[0]
                loops.ensure_built(model, x, arrays.num_samples(x))
                self.iterator.reset()
            return None
        if model._runtime is None:
            batch = self.iterator.peek()
            model._runtime = loops.Runtime(model, batch, arrays.num_samples(batch))
        self.iterator.reset()
        self.converter.runtime = model._runtime
        return model._runtime

    def call(self, fn: Callable, state: Any, batch: Any, step: int) -> Any:
        """`fn(state, batch)`, naming the step when a new batch signature fails."""
        leaves, structure = jax.tree_util.tree_flatten(batch)
        signature = (structure, tuple((a.shape, a.dtype) for a in leaves))
        if signature in self.signatures:
            return fn(state, batch)
        if self.first_structure is None:
            self.first_structure = (structure, _describe(batch))
        elif structure != self.first_structure[0]:
            raise ValueError(
                f"The batch at step {step} does not have the structure of the "
                "first batch; every batch must be `(x,)`, `(x, y)` or "
                "`(x, y, sample_weight)` with the same nesting. First batch: "
                f"{self.first_structure[1]}. Received: {_describe(batch)}"
            )
        try:
            result = fn(state, batch)
        except Exception as error:
            if not self.signatures:
                raise
            raise ValueError(
                f"The batch at step {step} could not be processed: its shapes "
                f"differ from the first batch. First batch: "
                f"{self.first_structure[1]}. Received: {_describe(batch)}. "
                f"Error: {error}"
            ) from error
        self.signatures[signature] = True
        return result

    def close(self) -> None:
        self.iterator.close()


def _step_fn(runtime: Any, kind: str) -> Callable:
    """Jitted `(ts, batch) -> (ts, logs)` for one streamed batch (one trace per
    batch signature; logs stay on device)."""
    key = ("stream", kind)
    if key not in runtime._runners:
        step = runtime._step(kind)

        def run(ts: Any, batch: tuple) -> tuple:
            ts, step_logs = step(ts, batch)
            return ts, runtime._metric_logs(ts) if step_logs is None else step_logs

        runtime._runners[key] = jax.jit(run)
    return runtime._runners[key]


def run_epoch(
    model: Any, runtime: Any, ts: Any, stream: Stream, callbacks: Any, mode: str
) -> tuple:
    """One epoch over `stream`; returns `(ts, logs or None)`."""
    begin, end = f"on_{mode}_batch_begin", f"on_{mode}_batch_end"
    step_fn = _step_fn(runtime, mode)
    it = stream.iterator
    logs = None
    try:
        for begin_step, end_step in it.enumerate_epoch():
            getattr(callbacks, begin)(begin_step)
            ts, logs = stream.call(step_fn, ts, it.next_batch(), begin_step)
            for offset in range(1, it.steps_per_execution):
                try:
                    batch = it.next_batch()
                except StopIteration:
                    break
                ts, logs = stream.call(step_fn, ts, batch, begin_step + offset)
            loops.mark_unsynced(model, runtime, ts, mode)
            getattr(callbacks, end)(end_step, logs)
            if mode == "train" and model.stop_training:
                break
    except StopIteration:
        it.ran_dry()
    return ts, logs


class StreamValidator:
    """`validation_data` given as a stream: one iterator, created at the first
    validation (as Keras does) and kept for the whole fit."""

    def __init__(self, model: Any, validation_data: Any, steps: int | None) -> None:
        self.data = validation_data
        self.steps = steps
        self.stream: Stream | None = None

    def run_validation(self, model: Any, runtime: Any, callbacks: Any) -> dict:
        if self.stream is None:
            self.stream = Stream(model, self.data, steps=self.steps)
        self.stream.iterator.reset()
        self.stream.converter.runtime = runtime
        return evaluate_epoch(model, runtime, self.stream, callbacks)

    def close(self) -> None:
        if self.stream is not None:
            self.stream.close()


def make_validator(
    model: Any, validation_data: Any, batch_size: int, steps: int | None
) -> Any:
    """A validator for `fit`'s `validation_data` (arrays or a stream)."""
    if validation_data is None:
        return None
    if data_adapter.is_streaming(validation_data):
        return StreamValidator(model, validation_data, steps)
    data = arrays.standardize(*arrays.unpack_x_y_sample_weight(validation_data), None)
    return loops.ArrayValidator(data, batch_size, steps)


def fit_loop(
    model: Any,
    stream: Stream,
    callbacks: Any,
    epochs: int,
    initial_epoch: int,
    validator: Any,
    validation_freq: int,
) -> Any:
    """Keras' fit loop over a stream of batches."""
    runtime = model._runtime
    any_step = False

    def train_epoch(ts: Any, epoch: int) -> tuple:
        nonlocal any_step
        ts, logs = run_epoch(model, runtime, ts, stream, callbacks, "train")
        # Keras: an epoch that got no batch reports the (reset) metric values
        # once any step has run before.
        any_step = any_step or logs is not None
        if logs is None:
            logs = runtime._metric_logs(ts) if any_step else {}
        return ts, logs

    return loops.train_epochs(
        model,
        runtime,
        callbacks,
        epochs,
        initial_epoch,
        train_epoch,
        validator,
        validation_freq,
    )


def evaluate_epoch(model: Any, runtime: Any, stream: Stream, callbacks: Any) -> dict:
    """Runs the test step over one pass of `stream`; Python-float logs."""
    callbacks.on_test_begin()
    ts = loops.collect_state(model, runtime, reset_metrics=True)
    ts, logs = run_epoch(model, runtime, ts, stream, callbacks, "test")
    loops.write_metrics(runtime, ts)
    logs = pythonify_logs(logs)
    callbacks.on_test_end(logs)
    return logs


def _predict_fn(model: Any) -> Callable:
    cache = model.__dict__.setdefault("_predict_runners", {})
    if "stream" not in cache:
        cache["stream"] = jax.jit(loops.predict_step(model))
    return cache["stream"]


def predict_loop(model: Any, stream: Stream, callbacks: Any) -> Any:
    """Predictions for every streamed batch, concatenated as NumPy arrays."""
    fn = _predict_fn(model)
    params, state = model.params, model.state
    it = stream.iterator
    outputs: list = []

    def predict(_: Any, batch: tuple) -> Any:
        return fn(params, state, batch[0])

    callbacks.on_predict_begin()
    try:
        for begin_step, end_step in it.enumerate_epoch():
            callbacks.on_predict_batch_begin(begin_step)
            outputs.append(stream.call(predict, None, it.next_batch(), begin_step))
            for offset in range(1, it.steps_per_execution):
                try:
                    batch = it.next_batch()
                except StopIteration:
                    break
                outputs.append(stream.call(predict, None, batch, begin_step + offset))
            callbacks.on_predict_batch_end(end_step, {"outputs": outputs[-1]})
    except StopIteration:
        it.ran_dry()
    callbacks.on_predict_end()
    if not outputs:
        raise ValueError("`predict` received no batch: the input yielded no data.")
    return jax.tree_util.tree_map(lambda *ys: np.asarray(jnp.concatenate(ys)), *outputs)


# ----------------------------------------------------------------- entry points


def _callback_list(model: Any, callbacks: Any, verbose: Any, **params: Any) -> Any:
    from kerasish.callbacks.callback_list import CallbackList

    if isinstance(callbacks, CallbackList):
        return callbacks
    return CallbackList(
        callbacks,
        add_progbar=verbose != 0,
        model=model,
        verbose=verbose,
        **params,
    )


def fit(
    model: Any,
    x: Any,
    y: Any,
    sample_weight: Any,
    class_weight: dict | None,
    shuffle: Any,
    steps_per_epoch: int | None,
    callbacks: Any,
    verbose: Any,
    epochs: int,
    initial_epoch: int,
    validator: Any,
    validation_freq: int,
) -> Any:
    """`Model.fit` for a streamed `x` (`batch_size` is ignored, as in Keras)."""
    stream = Stream(model, x, y, sample_weight, steps_per_epoch, shuffle, class_weight)
    try:
        stream.prepare(model)
        from kerasish.callbacks.callback_list import CallbackList

        callback_list = CallbackList(
            callbacks,
            add_history=True,
            add_progbar=verbose != 0,
            model=model,
            verbose=verbose,
            epochs=epochs,
            steps=stream.iterator.num_batches,
        )
        return fit_loop(
            model,
            stream,
            callback_list,
            epochs,
            initial_epoch,
            validator,
            validation_freq,
        )
    finally:
        stream.close()
        if validator is not None:
            validator.close()


def evaluate(
    model: Any,
    x: Any,
    y: Any,
    sample_weight: Any,
    steps: int | None,
    callbacks: Any,
    verbose: Any,
) -> dict:
    """`Model.evaluate` for a streamed `x`: Python-float logs."""
    stream = Stream(model, x, y, sample_weight, steps)
    try:
        runtime = stream.prepare(model)
        callback_list = _callback_list(
            model, callbacks, verbose, epochs=1, steps=stream.iterator.num_batches
        )
        return evaluate_epoch(model, runtime, stream, callback_list)
    finally:
        stream.close()


def predict(model: Any, x: Any, steps: int | None, callbacks: Any, verbose: Any) -> Any:
    """`Model.predict` for a streamed `x`: NumPy outputs."""
    stream = Stream(model, x, steps=steps)
    try:
        stream.prepare(model, for_predict=True)
        callback_list = _callback_list(
            model, callbacks, verbose, epochs=1, steps=stream.iterator.num_batches
        )
        return predict_loop(model, stream, callback_list)
    finally:
        stream.close()
