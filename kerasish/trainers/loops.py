"""The epoch loops behind fit/evaluate/predict: fused device calls + callbacks."""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Callable
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from kerasish.callbacks.callback_list import pythonify_logs
from kerasish.core import random as random_lib
from kerasish.distribution import data_sharding, placement
from kerasish.distribution.distribution_lib import distribution
from kerasish.layers.layer_utils import symbolic_run
from kerasish.models import pure
from kerasish.trainers import compile_utils, custom_steps
from kerasish.trainers import steps as steps_lib
from kerasish.trainers.data import arrays
from kerasish.trainers.epoch_order import EpochOrders
from kerasish.trainers.state import TrainState


class EpochPlan:
    """How one pass over `num_samples` splits into full batches and a remainder."""

    def __init__(
        self, num_samples: int, batch_size: int, max_steps: int | None
    ) -> None:
        if batch_size <= 0:
            raise ValueError(
                f"`batch_size` must be positive. Received: batch_size={batch_size}"
            )
        self.num_samples = num_samples
        self.batch_size = batch_size
        self.full = num_samples // batch_size
        self.remainder = num_samples % batch_size
        if max_steps is not None and max_steps < self.full + bool(self.remainder):
            self.full, self.remainder = max_steps, 0
        self.num_batches = self.full + bool(self.remainder)


def ensure_built(model: Any, x: Any, batch_size: int) -> None:
    """Builds an unbuilt model from the first batch's shape, as Keras does."""
    if not model.built:
        model._maybe_build(
            jax.tree_util.tree_map(lambda s: s.shape, _spec(x, batch_size))
        )


class Runtime:
    """Everything compiled for one model after `compile`: steps and runners."""

    def __init__(self, model: Any, data: tuple, batch_size: int) -> None:
        x, y, _ = data
        ensure_built(model, x, batch_size)
        y_pred = jax.eval_shape(symbolic_run(model), _spec(x, batch_size))
        names = output_names(model, y_pred)
        self.pred_specs = compile_utils.split(y_pred, names)
        if y is not None:
            y_specs = compile_utils.split(_spec(y, batch_size), names)
            model._compile_loss.build(y_specs, self.pred_specs, names)
            model._compile_metrics.build(y_specs, self.pred_specs, names)
        self.model = model
        self.metrics = list(model.metrics)
        if not getattr(model.optimizer, "built", False):
            trainable, _ = pure.split_layout(model)
            model.optimizer.build(
                model.params,
                order=[path for path, _ in trainable],
                variables=[variable for _, variable in trainable],
            )
        self.steps = steps_lib.Steps(
            model, model._compile_loss, self.metrics, model.optimizer
        )
        self.initial_metric_state = [m.stateless_reset_state() for m in self.metrics]
        self.fuse_train_steps = jax.default_backend() != "cpu" or not _uses_conv(
            model, _spec(x, batch_size)
        )
        self._runners: dict = {}
        # Seconds per step of each mode, timed on progress-bar epochs.
        self.step_seconds: dict[str, float] = {}
        # Accelerators: the runners donate the train state (updated in place
        # between device calls, one copy of it less at peak); the state they
        # get is then a copy, never the variables' own arrays. Not on CPU,
        # where an epoch is mostly one call and the copy would cost more.
        self.donate = jax.default_backend() != "cpu"
        self._copy = jax.jit(lambda tree: jax.tree_util.tree_map(jnp.copy, tree))
        self.key = random_lib.global_seed_generator().next()

    def check_labels(self, model: Any, y: Any) -> None:
        """Sparse labels outside `[0, num_classes)` raise before any training."""
        if y is None:
            return
        from kerasish.losses.checks import check_sparse_labels

        loss = model._compile_loss
        targets = compile_utils.split(y, loss.names)
        for index in loss.sparse_outputs():
            name = "y" if len(loss.names) == 1 else f"y['{loss.names[index]}']"
            check_sparse_labels(
                np.asarray(targets[index]),
                self.pred_specs[index].shape[-1],
                argument_name=name,
                ignore_class=getattr(loss.loss_fns[index], "ignore_class", None),
            )

    def runner(self, kind: str, batch_size: int, shape: str) -> Any:
        """The jitted runner of `kind` steps on batches of `batch_size`:
        `shape` "loop" runs any number of batches per call, "step" one batch
        outside a loop, "partial" the final partial batch."""
        key = (kind, batch_size, shape)
        if key not in self._runners:
            step = self._step(kind)
            logs, donate = self._metric_logs, self.donate
            if shape == "partial":
                runner = steps_lib.make_partial_runner(step, logs, donate)
            elif shape == "step":
                runner = steps_lib.make_step_runner(step, logs, batch_size, donate)
            else:
                runner = steps_lib.make_chunk_runner(step, logs, batch_size, donate)
            self._runners[key] = runner
        return self._runners[key]

    def owned(self, ts: TrainState) -> TrainState:
        """`ts` as the runners may take it: a copy when they donate."""
        return self._copy(ts) if self.donate else ts

    def _step(self, kind: str) -> Any:
        """`(ts, batch) -> (ts, logs or None)`: the user's own `train_step` /
        `test_step` when the model overrides it, else the built-in one."""
        name = f"{kind}_step"
        if custom_steps.overrides(self.model, name):
            step = custom_steps.make_step(self.model, self.metrics, name)
        else:
            builtin = getattr(self.steps, name)
            step = lambda ts, batch: (builtin(ts, batch), None)  # noqa: E731
        return data_sharding.constrain_step(step, self.model)

    def _metric_logs(self, ts: TrainState) -> dict:
        return self.steps.logs(ts.metric_state)


def output_names(model: Any, y_pred: Any) -> list[str]:
    """Names of the model outputs (Keras keys per-output losses and logs by them)."""
    names = getattr(model, "output_names", None)
    if names:
        return list(names)
    count = len(jax.tree_util.tree_leaves(y_pred))
    if count == 1 and getattr(model, "layers", None):
        return [model.layers[-1].name]
    return [f"output_{i}" for i in range(count)]


def _uses_conv(model: Any, x_spec: Any) -> bool:
    """Whether the forward pass convolves. XLA's CPU backend computes a conv
    kernel's gradient about 25x slower inside a loop than outside one, so such
    models train one step per device call on CPU instead of in a fused scan."""

    def has_conv(jaxpr: Any) -> bool:
        for eqn in jaxpr.eqns:
            if eqn.primitive.name == "conv_general_dilated":
                return True
            if any(has_conv(sub) for sub in _sub_jaxprs(eqn.params.values())):
                return True
        return False

    return has_conv(jax.make_jaxpr(symbolic_run(model))(x_spec).jaxpr)


def _sub_jaxprs(values: Any) -> Any:
    """The jaxprs among an equation's parameters (scan/cond/pjit bodies)
    without importing `jax.extend` (which loads Pallas: +20 ms at import)."""
    for value in values:
        if isinstance(value, tuple | list):
            yield from _sub_jaxprs(value)
        elif hasattr(value, "eqns"):
            yield value
        elif hasattr(value, "jaxpr") and hasattr(value.jaxpr, "eqns"):
            yield value.jaxpr


def _spec(x: Any, batch_size: int) -> Any:
    """Abstract first batch of `x` (what Keras builds the model from)."""
    n = arrays.num_samples(x)
    return jax.tree_util.tree_map(
        lambda a: jax.ShapeDtypeStruct((min(batch_size, n), *a.shape[1:]), a.dtype), x
    )


# ----------------------------------------------------------------- state sync


def collect_state(
    model: Any, runtime: Runtime, reset_metrics: bool, layout: tuple | None = None
) -> TrainState:
    """A `TrainState` from the model's variables, optimizer and metrics.
    `layout`: `pure.split_layout(model)`, when the caller already has it."""
    if reset_metrics:
        metric_state = runtime.initial_metric_state
    else:
        metric_state = [[v.value for v in m.variables] for m in runtime.metrics]
    trainable, non_trainable = layout or pure.split_layout(model)
    ts = TrainState(
        pure.value_tree(trainable),
        pure.value_tree(non_trainable),
        model.optimizer.opt_state,
        metric_state,
        runtime.key,
    )
    return runtime.owned(placement.place_state(model, ts))


def write_state(
    model: Any, runtime: Runtime, ts: TrainState, layout: tuple | None = None
) -> None:
    """Writes a `TrainState` back into the variables, optimizer and metrics."""
    trainable, non_trainable = layout or pure.split_layout(model)
    for path, variable in trainable:
        variable.assign(pure.lookup(ts.params, path))
    for path, variable in non_trainable:
        variable.assign(pure.lookup(ts.state, path))
    model.optimizer.opt_state = ts.opt_state
    write_metrics(runtime, ts)
    runtime.key = ts.key
    model._unsynced_train_state = None


def mark_unsynced(model: Any, runtime: Runtime, ts: TrainState, mode: str) -> None:
    """Keras (JAX) leaves the variables stale mid-epoch; a callback reading
    `self.model` calls this to write the running state back first."""
    if mode == "train":
        # The variables get a copy when the next call may donate `ts`.
        model._unsynced_train_state = lambda: write_state(
            model, runtime, runtime.owned(ts)
        )


def write_metrics(runtime: Runtime, ts: TrainState) -> None:
    """Writes the metric state back, so `metric.result()` shows it."""
    for metric, values in zip(runtime.metrics, ts.metric_state, strict=True):
        for variable, value in zip(metric.variables, values, strict=True):
            variable.assign(value)


# ----------------------------------------------------------------- epochs


def _chunk_size(
    model: Any, runtime: Runtime, plan: EpochPlan, callbacks: Any, mode: str
) -> int:
    """Steps per device call: as compiled when batch hooks need them, else fused."""
    if plan.full == 0 or (mode == "train" and not runtime.fuse_train_steps):
        return 1
    spe = getattr(model, "steps_per_execution", 1)
    if callbacks.needs_batch_hooks(mode):
        return max(1, min(int(spe) if spe != "auto" else 1, plan.full))
    if isinstance(spe, int) and spe > 1:
        return min(spe, plan.full)
    return fused_steps(callbacks, plan.full, mode, runtime.step_seconds.get(mode))


# Keras' progress bar redraws at most every 0.05 s: device calls that long show
# the same progress for almost no overhead per call.
PROGBAR_INTERVAL = 0.05


def shows_progress(callbacks: Any, mode: str) -> bool:
    """Whether a per-batch progress bar is drawn (not for validation in fit)."""
    progbar = callbacks._progbar
    if progbar is None or progbar.verbose != 1:
        return False
    return not (mode == "test" and progbar._called_in_fit)


def fused_steps(
    callbacks: Any, total: int, mode: str, step_seconds: float | None = None
) -> int:
    """All steps in one device call, unless a progress bar shows them: then
    calls of about `PROGBAR_INTERVAL` once a step is timed, 20 calls before.
    Never 1 step of several (that would compile a second, loop-free runner)."""
    if not shows_progress(callbacks, mode):
        return total
    calls = 20 if step_seconds is None else total * step_seconds / PROGBAR_INTERVAL
    calls = min(max(math.ceil(calls), 1), total)
    return max(math.ceil(total / calls), min(2, total))


def _hook_stride(model: Any, callbacks: Any, mode: str) -> int | None:
    """Batches per pair of batch hooks when callbacks need Keras' semantics:
    `steps_per_execution`, whatever the device calls. `None` when fused."""
    if not callbacks.needs_batch_hooks(mode):
        return None
    spe = getattr(model, "steps_per_execution", 1)
    return max(1, int(spe)) if spe != "auto" else 1


def run_epoch(
    model: Any,
    runtime: Runtime,
    ts: TrainState,
    data: tuple,
    order: np.ndarray | jax.Array,
    plan: EpochPlan,
    callbacks: Any,
    mode: str,
    after_dispatch: Callable[[], None] | None = None,
) -> tuple:
    """One pass over `data` in `order`; returns `(ts, logs, stopped)`.

    Batch hooks bracket each execution of `steps_per_execution` batches, with
    Keras' indices: `begin(first)`, `end(first + steps_per_execution - 1)`,
    even past the last batch (Keras' iterator does not clip it). When fused,
    they bracket each device call with its real last index. `after_dispatch`
    runs once the first device call is under way (host work to overlap).
    """
    order, plan = data_sharding.prepare_epoch(order, plan)
    k = _chunk_size(model, runtime, plan, callbacks, mode)
    keras_stride = _hook_stride(model, callbacks, mode)
    stride = keras_stride or k
    timed = shows_progress(callbacks, mode) and plan.full > 1
    compiled, started = len(runtime._runners), time.perf_counter()
    begin, end = f"on_{mode}_batch_begin", f"on_{mode}_batch_end"
    if not isinstance(order, jax.Array):
        order = jax.device_put(order)
    logs: dict = {}
    for start in range(0, plan.num_batches, stride):
        stop = min(start + stride, plan.num_batches)
        getattr(callbacks, begin)(start)
        ts, logs = _run_batches(runtime, mode, ts, data, order, plan, k, start, stop)
        if after_dispatch is not None:
            after_dispatch, run_now = None, after_dispatch
            run_now()
        mark_unsynced(model, runtime, ts, mode)
        getattr(callbacks, end)(start + stride - 1 if keras_stride else stop - 1, logs)
        if mode == "train" and model.stop_training:
            return ts, logs, True
    # Timed when nothing compiled (a fair time), unless the epoch took one call
    # and is timed already: waiting here would read the logs a sync early.
    retime = mode not in runtime.step_seconds or k < plan.num_batches
    if timed and retime and len(runtime._runners) == compiled:
        jax.block_until_ready(logs)
        elapsed = time.perf_counter() - started
        runtime.step_seconds[mode] = elapsed / plan.num_batches
    return ts, logs, False


def _run_batches(
    runtime: Runtime,
    mode: str,
    ts: TrainState,
    data: tuple,
    order: jax.Array,
    plan: EpochPlan,
    k: int,
    start: int,
    stop: int,
) -> tuple:
    """Runs batches `[start, stop)`: full ones `k` per device call, then the
    partial last batch if it is in range."""
    logs: dict = {}
    full_stop = min(stop, plan.full)
    bs = plan.batch_size
    for first in range(start, full_stop, k):
        offset = _int_arg(first * bs)
        if k == 1:
            ts, logs = runtime.runner(mode, bs, "step")(ts, data, order, offset)
        else:
            steps = _int_arg(min(k, full_stop - first))
            run = runtime.runner(mode, bs, "loop")
            ts, logs = run(ts, data, order, offset, steps)
    if plan.remainder and stop > plan.full:
        idx = order[plan.full * bs : plan.num_samples]
        ts, logs = runtime.runner(mode, plan.remainder, "partial")(ts, data, idx)
    return ts, logs


def _int_arg(value: int) -> Any:
    """`value` as a runner's int32 argument: a cached device scalar (epochs
    repeat the same offsets and step counts; it then needs no transfer per
    call), or a NumPy one under a distribution (placed by the runner)."""
    if distribution() is not None:
        return np.int32(value)
    return _device_int(value)


@functools.lru_cache(maxsize=1024)
def _device_int(value: int) -> jax.Array:
    return jax.device_put(np.int32(value))


def _to_device(data: Any, per_process: bool = False) -> Any:
    """`data` on the device(s); `per_process`: each process passes its own rows."""
    if distribution() is not None:
        return data_sharding.place_data(data, per_process)
    # May share the NumPy buffers (no copy on CPU): nothing writes to them, and
    # they are dropped when the loop ends.
    return jax.device_put(data, may_alias=True)


def fit_loop(
    model: Any,
    runtime: Runtime,
    data: tuple,
    plan: EpochPlan,
    callbacks: Any,
    epochs: int,
    initial_epoch: int,
    shuffle: Any,
    validation_data: Any,
    validation_batch_size: int,
    validation_steps: int | None,
    validation_freq: int,
) -> Any:
    """Keras' fit loop over in-memory arrays: epochs of fused steps."""
    runtime.check_labels(model, data[1])
    device_data = _to_device(data, per_process=True)
    orders = EpochOrders(plan.num_samples, plan.batch_size, shuffle, callbacks, epochs)

    def train_epoch(ts: TrainState, epoch: int) -> tuple[TrainState, dict]:
        ts, logs, _ = run_epoch(
            model,
            runtime,
            ts,
            device_data,
            orders.next(),
            plan,
            callbacks,
            "train",
            after_dispatch=lambda: orders.draw_ahead(epoch),
        )
        return ts, logs

    # A streamed `validation_data` arrives as a validator (trainers/streaming.py).
    validator = validation_data
    if validation_data is not None and not hasattr(validation_data, "run_validation"):
        validator = ArrayValidator(
            validation_data, validation_batch_size, validation_steps
        )
    return train_epochs(
        model,
        runtime,
        callbacks,
        epochs,
        initial_epoch,
        train_epoch,
        validator,
        validation_freq,
    )


class ArrayValidator:
    """`validation_data` given as arrays, placed on the device(s) once per fit."""

    def __init__(self, data: tuple, batch_size: int, steps: int | None) -> None:
        self.plan = EpochPlan(arrays.num_samples(data), batch_size, steps)
        self.data = _to_device(data, per_process=True)

    def run_validation(self, model: Any, runtime: Runtime, callbacks: Any) -> dict:
        return evaluate_loop(model, runtime, self.data, self.plan, callbacks)

    def close(self) -> None:
        pass


def train_epochs(
    model: Any,
    runtime: Runtime,
    callbacks: Any,
    epochs: int,
    initial_epoch: int,
    train_epoch: Callable[[TrainState, int], tuple[TrainState, dict]],
    validator: Any,
    validation_freq: int,
) -> Any:
    """Keras' epoch loop, for arrays and streams alike: callbacks, validation
    every `validation_freq` epochs (`validator.run_validation`, or none),
    `stop_training`, the History."""
    model.stop_training = False
    model._unsynced_train_state = None  # left over if a fit was interrupted
    callbacks.on_train_begin()
    # Keras: `BackupAndRestore.on_train_begin` may set the epoch to resume at
    # (and Keras never resets `_initial_epoch`).
    initial_epoch = getattr(model, "_initial_epoch", None) or initial_epoch
    training_logs: dict = {}
    # Which weights train is fixed for the whole fit (as in Keras, where the
    # compiled step does not change mid-fit).
    layout = pure.split_layout(model)
    for epoch in range(initial_epoch, epochs):
        callbacks.on_epoch_begin(epoch)
        # Read after the hook: a scheduler may have set the learning rate.
        ts = collect_state(model, runtime, reset_metrics=True, layout=layout)
        ts, logs = train_epoch(ts, epoch)
        write_state(model, runtime, ts, layout)
        epoch_logs = dict(logs)
        if validator is not None and (epoch + 1) % validation_freq == 0:
            val_logs = validator.run_validation(model, runtime, callbacks)
            epoch_logs.update({f"val_{k}": v for k, v in val_logs.items()})
        callbacks.on_epoch_end(epoch, epoch_logs)
        training_logs = epoch_logs
        if model.stop_training:
            break
    callbacks.on_train_end(logs=training_logs)
    return model.history


def evaluate_loop(
    model: Any, runtime: Runtime, data: tuple, plan: EpochPlan, callbacks: Any
) -> dict:
    """Runs the test step over `data` in order; returns Python-float logs."""
    runtime.check_labels(model, data[1])
    callbacks.on_test_begin()
    ts = collect_state(model, runtime, reset_metrics=True)
    ts, logs, _ = run_epoch(
        model,
        runtime,
        ts,
        _to_device(data, per_process=True),
        np.arange(plan.num_samples, dtype=np.int32),
        plan,
        callbacks,
        "test",
    )
    write_metrics(runtime, ts)
    logs = pythonify_logs(logs)
    callbacks.on_test_end(logs)
    return logs


def single_batch(model: Any, runtime: Runtime, data: tuple, train: bool) -> dict:
    """`train_on_batch` / `test_on_batch`: one step, metrics not reset (Keras)."""
    runtime.check_labels(model, data[1])
    mode = "train" if train else "test"
    n = arrays.num_samples(data)
    ts = collect_state(model, runtime, reset_metrics=False)
    run = runtime.runner(mode, n, "partial")
    ts, logs = run(ts, _to_device(data), jnp.arange(n, dtype=jnp.int32))
    if train:
        write_state(model, runtime, ts)
    return pythonify_logs(logs)


def predict_step(model: Any) -> Callable:
    """The pure inference step `(params, state, x) -> outputs`."""

    def step(params: Any, state: Any, x: Any) -> Any:
        x = data_sharding.constrain_predict_batch(x)
        return pure.pure_call(model, params, state, (x,), {}, False, None)[0]

    return step


def _predict_fn(model: Any, batch_size: int, steps: int) -> Any:
    cache = model.__dict__.setdefault("_predict_runners", {})
    key = (batch_size, steps)
    if key not in cache:
        cache[key] = steps_lib.make_predict_runner(
            predict_step(model), batch_size, steps
        )
    return cache[key]


def predict_loop(model: Any, x: Any, plan: EpochPlan, callbacks: Any) -> Any:
    """Predictions for `x` in fused chunks; the last batch is padded, then cut."""
    params, state = model.params, model.state
    device_x = _to_device(x)
    total = plan.num_batches
    hooks = callbacks.needs_batch_hooks("predict")
    k = 1 if hooks else fused_steps(callbacks, total, "predict")
    last_row = arrays.num_samples(x) - 1
    callbacks.on_predict_begin()
    outputs = []
    for first in range(0, total, k):
        callbacks.on_predict_batch_begin(first)
        rows = np.arange(first * plan.batch_size, (first + k) * plan.batch_size)
        idx = jnp.asarray(np.minimum(rows, last_row), jnp.int32)
        outputs.append(
            _predict_fn(model, plan.batch_size, k)(params, state, device_x, idx)
        )
        callbacks.on_predict_batch_end(
            min(first + k, total) - 1, {"outputs": outputs[-1]}
        )
    callbacks.on_predict_end()
    result = jax.tree_util.tree_map(
        lambda *ys: np.concatenate([np.asarray(y) for y in ys]), *outputs
    )
    return jax.tree_util.tree_map(lambda a: a[: plan.num_samples], result)
