"""Pure train/test/predict steps of a compiled model, and their fused runners."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jax
import jax.numpy as jnp
from jax import lax

from kerasish.models import pure
from kerasish.trainers.state import TrainState


class Steps:
    """The pure step functions of one compiled model.

    Args:
        model: The model (its `call` is traced through `pure.pure_call`).
        compile_loss: A built `CompileLoss`.
        metrics: The model's metrics (`model.metrics`): the loss tracker gets
            each step's loss, the compiled-metrics container the targets and
            predictions; others are the user's own (custom train steps).
        optimizer: An optimizer with `stateless_apply(opt_state, grads, params)`.
    """

    def __init__(
        self, model: Any, compile_loss: Any, metrics: list, optimizer: Any
    ) -> None:
        self.model = model
        self.compile_loss = compile_loss
        self.metrics = metrics
        self.optimizer = optimizer
        trainable, _ = pure.split_layout(model)
        self.constraints = [(p, v.constraint) for p, v in trainable if v.constraint]

    def _loss(
        self, params: Any, ts: TrainState, batch: tuple, training: bool, key: Any
    ) -> tuple[jax.Array, tuple]:
        x, y, sample_weight = batch
        y_pred, new_state, losses, key = pure.pure_call(
            self.model, params, ts.state, (x,), {}, training, key
        )
        parts = self.compile_loss.per_output_losses(y, y_pred, sample_weight)
        loss = self.compile_loss.total(parts)
        for extra in losses:
            loss = loss + jnp.sum(extra).astype(loss.dtype)
        return loss, (y_pred, new_state, key, parts)

    def _update_metrics(
        self,
        metric_state: list,
        loss: jax.Array,
        batch: tuple,
        y_pred: Any,
        parts: list,
    ) -> list:
        x, y, sample_weight = batch
        batch_size = jax.tree_util.tree_leaves(x)[0].shape[0]
        # Keras weights each step's loss by its batch size in the running means.
        by_tracker = {id(self.model._loss_tracker): loss}
        per_output = [part for part in parts if part is not None]
        for tracker, part in zip(self.compile_loss.metrics, per_output, strict=False):
            by_tracker[id(tracker)] = part
        new = []
        for metric, values in zip(self.metrics, metric_state, strict=True):
            if id(metric) in by_tracker:
                values = metric.stateless_update_state(
                    values, by_tracker[id(metric)], sample_weight=batch_size
                )
            elif metric is self.model._compile_metrics:
                values = metric.stateless_update_state(
                    values, y, y_pred, sample_weight=sample_weight
                )
            new.append(values)
        return new

    def _scaled_loss(self, params: Any, ts: TrainState, batch: tuple) -> tuple:
        """The loss the optimizer differentiates (scaled for loss scaling)."""
        loss, aux = self._loss(params, ts, batch, True, ts.key)
        scale_loss = getattr(self.optimizer, "scale_loss", None)
        scaled = loss if scale_loss is None else scale_loss(loss, ts.opt_state)
        return scaled, (loss, aux)

    def train_step(self, ts: TrainState, batch: tuple) -> TrainState:
        grad_fn = jax.value_and_grad(self._scaled_loss, has_aux=True)
        (_, (loss, (y_pred, new_state, key, parts))), grads = grad_fn(
            ts.params, ts, batch
        )
        params, opt_state = self.optimizer.stateless_apply(
            ts.opt_state, grads, ts.params
        )
        params = self._apply_constraints(params)
        metric_state = self._update_metrics(ts.metric_state, loss, batch, y_pred, parts)
        return TrainState(params, new_state, opt_state, metric_state, key)

    def test_step(self, ts: TrainState, batch: tuple) -> TrainState:
        loss, (y_pred, _, _, parts) = self._loss(ts.params, ts, batch, False, None)
        metric_state = self._update_metrics(ts.metric_state, loss, batch, y_pred, parts)
        return ts._replace(metric_state=metric_state)

    def logs(self, metric_state: list) -> dict:
        """`{name: value}` for the loss tracker and every compiled metric."""
        logs = {}
        for metric, values in zip(self.metrics, metric_state, strict=True):
            result = metric.stateless_result(values)
            if isinstance(result, dict):
                logs.update(result)
            else:
                logs[metric.name] = result
        return logs

    def _apply_constraints(self, params: Any) -> Any:
        if not self.constraints:
            return params
        pairs = {path: fn for path, fn in self.constraints}

        def visit(path: tuple, leaf: Any) -> Any:
            keys = tuple(k.key for k in path)
            return pairs[keys](leaf) if keys in pairs else leaf

        return jax.tree_util.tree_map_with_path(visit, params)


def gather(data: Any, idx: jax.Array) -> Any:
    """Rows `idx` of every array in `data` (None leaves stay None). The
    indices are always in range, so "clip" (cheaper than "fill" on XLA:CPU)."""
    return jax.tree_util.tree_map(lambda a: jnp.take(a, idx, axis=0, mode="clip"), data)


def _jit(run: Callable, donate: bool) -> Callable:
    """`run` jitted; with `donate`, its train state's buffers are reused for
    the new state (the caller must not hold on to them)."""
    return jax.jit(run, donate_argnums=(0,) if donate else ())


def _batch_step(step: Callable, batch_size: int) -> Callable:
    """`(ts, data, order, offset) -> (ts, step_logs)`: `step` on the rows
    `order[offset : offset + batch_size]`, gathered on device."""

    def one(ts: TrainState, data: Any, order: jax.Array, offset: Any) -> tuple:
        idx = lax.dynamic_slice_in_dim(order, offset, batch_size)
        return step(ts, gather(data, idx))

    return one


def _with_logs(logs: Callable, ts: TrainState, step_logs: Any) -> tuple:
    """`(ts, logs)`: the step's own logs, or for the built-in steps (which
    return None) `logs(ts)`, read from the metrics."""
    return ts, logs(ts) if step_logs is None else step_logs


def make_chunk_runner(
    step: Callable, logs: Callable, batch_size: int, donate: bool = False
) -> Callable:
    """A jitted `(ts, data, order, start, steps) -> (ts, logs)` running `steps`
    consecutive batches (gathered on device from `order`) in one device loop.

    The number of steps is a traced value (`lax.fori_loop`), so one compiled
    runner serves every chunk length: a whole epoch, progress-bar chunks, the
    shorter last chunk. `step(ts, batch)` returns `(ts, step_logs)`; when
    `step_logs` is None (the built-in steps) the logs are `logs(ts)`, read from
    the metrics at the end, else the last step's logs.
    """

    one = _batch_step(step, batch_size)

    def run(
        ts: TrainState,
        data: Any,
        order: jax.Array,
        start: jax.Array,
        steps: jax.Array,
    ) -> tuple[TrainState, dict]:
        _, log_shapes = jax.eval_shape(one, ts, data, order, start)
        zeros = jax.tree_util.tree_map(
            lambda s: jnp.zeros(s.shape, s.dtype), log_shapes
        )

        def body(i: jax.Array, carry: tuple) -> tuple:
            return one(carry[0], data, order, start + i * batch_size)

        return _with_logs(logs, *lax.fori_loop(0, steps, body, (ts, zeros)))

    return _jit(run, donate)


def make_step_runner(
    step: Callable, logs: Callable, batch_size: int, donate: bool = False
) -> Callable:
    """A jitted `(ts, data, order, start) -> (ts, logs)` for one batch, outside
    any loop: XLA's CPU backend runs convolution gradients about 25x slower
    inside a loop than outside one."""

    one = _batch_step(step, batch_size)

    def run(ts: TrainState, data: Any, order: jax.Array, start: jax.Array) -> tuple:
        return _with_logs(logs, *one(ts, data, order, start))

    return _jit(run, donate)


def make_partial_runner(
    step: Callable, logs: Callable, donate: bool = False
) -> Callable:
    """A jitted `(ts, data, idx) -> (ts, logs)` for the final partial batch."""

    def run(ts: TrainState, data: Any, idx: jax.Array) -> tuple[TrainState, dict]:
        return _with_logs(logs, *step(ts, gather(data, idx)))

    return _jit(run, donate)


def make_predict_runner(
    predict_step: Callable, batch_size: int, steps: int
) -> Callable:
    """A jitted `(params, state, data, idx) -> outputs` over `steps` batches."""

    def run(params: Any, state: Any, data: Any, idx: jax.Array) -> Any:
        x = gather(data, idx)
        x = jax.tree_util.tree_map(
            lambda a: a.reshape((steps, batch_size, *a.shape[1:])), x
        )
        y = lax.map(lambda xb: predict_step(params, state, xb), x)
        return jax.tree_util.tree_map(lambda a: a.reshape((-1, *a.shape[2:])), y)

    return jax.jit(run)
