"""User-written `train_step` / `test_step` (Keras 3's JAX style) in the runners."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jax

from kerasish.core import scope
from kerasish.models import pure
from kerasish.trainers.state import TrainState


def overrides(model: Any, name: str) -> bool:
    """Whether `model`'s class replaces the trainer's method `name`."""
    from kerasish.trainers.trainer import Trainer

    return getattr(type(model), name) is not getattr(Trainer, name)


class KerasState:
    """Converts a `TrainState` to Keras' list-form state and back.

    Keras hands `train_step` the tuple `(trainable_variables,
    non_trainable_variables, optimizer_variables, metrics_variables)` of value
    lists, each in Keras order, and `test_step` the same without the
    optimizer's.
    """

    def __init__(self, model: Any, metrics: list) -> None:
        self.model = model
        trainable, non_trainable = pure.split_layout(model)
        self.trainable = [path for path, _ in trainable]
        self.non_trainable = [path for path, _ in non_trainable]
        self.sizes = [len(m.stateless_reset_state()) for m in metrics]

    def to_lists(self, ts: TrainState, with_optimizer: bool) -> tuple:
        trainable = [pure.lookup(ts.params, p) for p in self.trainable]
        non_trainable = [pure.lookup(ts.state, p) for p in self.non_trainable]
        metrics = [v for values in ts.metric_state for v in values]
        if not with_optimizer:
            return trainable, non_trainable, metrics
        optimizer = self.model.optimizer._state_to_list(ts.opt_state)
        return trainable, non_trainable, optimizer, metrics

    def from_lists(self, ts: TrainState, state: tuple) -> TrainState:
        if len(state) == 4:
            trainable, non_trainable, optimizer, metrics = state
            opt_state = self.model.optimizer._state_from_list(list(optimizer))
        else:
            trainable, non_trainable, metrics = state
            opt_state = ts.opt_state
        metric_state, start = [], 0
        for size in self.sizes:
            metric_state.append(list(metrics[start : start + size]))
            start += size
        return ts._replace(
            params=pure.to_tree(list(zip(self.trainable, trainable, strict=True))),
            state=pure.to_tree(
                list(zip(self.non_trainable, non_trainable, strict=True))
            ),
            opt_state=opt_state,
            metric_state=metric_state,
        )


def _tree(paths: list, values: list) -> dict:
    return pure.to_tree(list(zip(paths, values, strict=True)))


def _data(batch: tuple) -> tuple:
    """What Keras' iterator yields: `(x,)`, `(x, y)` or `(x, y, sample_weight)`."""
    x, y, sample_weight = batch
    if y is None:
        return (x,)
    return (x, y) if sample_weight is None else (x, y, sample_weight)


def make_step(model: Any, metrics: list, name: str) -> Callable:
    """`(ts, batch) -> (ts, logs)` running the model's own `train_step` or
    `test_step`; the step's PRNG key is available to `stateless_call` in it."""
    adapter = KerasState(model, metrics)
    user_step = getattr(model, name)

    def step(ts: TrainState, batch: tuple) -> tuple[TrainState, Any]:
        key, step_key = jax.random.split(ts.key)
        with scope.enter(scope.Scope(kind="eager", key=step_key)):
            logs, state = user_step(
                adapter.to_lists(ts, with_optimizer=name == "train_step"), _data(batch)
            )
        return adapter.from_lists(ts, state)._replace(key=key), logs

    return step


def default_step(model: Any, name: str, state: tuple, data: tuple) -> tuple:
    """Keras' built-in `train_step`/`test_step` in list form, for subclasses
    that call `super().train_step(state, data)`: returns `(logs, state)`."""
    runtime = model._runtime
    adapter = KerasState(model, runtime.metrics)
    current = scope.current_scope()
    key = (
        current.next_key() if current is not None and current.key is not None else None
    )
    empty = TrainState(None, None, None, None, key)
    ts = adapter.from_lists(empty, state)
    x, y, sample_weight = (*data, None, None)[:3]
    ts = getattr(runtime.steps, name)(ts, (x, y, sample_weight))
    new_state = adapter.to_lists(ts, with_optimizer=name == "train_step")
    return runtime.steps.logs(ts.metric_state), new_state
