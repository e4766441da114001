"""Cheap inference calls: one cached jitted forward pass per model.

`predict_on_batch`, single-batch `predict(verbose=0)` and repeated eager
`model(x)` calls on Sequential/Functional models run the same jitted function
of the variables' values, so they cost little more than a hand-jitted apply.
The function returns the outputs' Keras masks and the call's losses too, so
eager semantics (`output._keras_mask`, `model.losses`) are kept.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import jax
import numpy as np

from kerasish.core import masking, scope
from kerasish.core.keras_tensor import KerasTensor
from kerasish.layers.layer import tracking_changes
from kerasish.models import pure

# An eager call signature is jitted from its second use on: a shape seen once
# (say, a one-off probe) keeps Keras' eager cost instead of paying a compile.
_JIT_AFTER = 2


def forward(model: Any) -> Any:
    """`fn(values, x) -> (outputs, masks, losses, updates)`, jitted once per
    model (`updates`: `{variable index: value}` for what `assign` recorded).

    `values` are the current values of `pure.variable_layout(model)`'s
    variables (listed when the forward is made), in that order.
    """
    return _compiled(model).fn


class _Forward(NamedTuple):
    fn: Any  # the jitted forward
    variables: list  # the variables it is bound to, in order
    changes: int  # `layer.tracking_changes()` when they were listed


def _compiled(model: Any) -> _Forward:
    """The jitted forward and its variables, made once per model, and made
    again when a weight was added since (`enable_lora` on a layer, say): the
    traced function is bound to the variable list it was made with."""
    compiled = model.__dict__.get("_compiled_forward")
    changes = tracking_changes()
    if compiled is not None and compiled.changes == changes:
        return compiled
    variables = [v for _, v in pure.variable_layout(model)]
    if compiled is not None and _same_variables(variables, compiled.variables):
        fn = compiled.fn  # some other layer changed: this model did not
    else:
        fn = jax.jit(_forward_fn(model, variables))
    compiled = model.__dict__["_compiled_forward"] = _Forward(fn, variables, changes)
    return compiled


def _same_variables(a: list, b: list) -> bool:
    return len(a) == len(b) and all(u is v for u, v in zip(a, b, strict=True))


def _forward_fn(model: Any, variables: list) -> Any:
    def run(values: list, x: Any) -> tuple:
        bound = {id(v): value for v, value in zip(variables, values, strict=True)}
        active = scope.Scope(values=bound, key=None, training=False)
        with scope.enter(active):
            outputs = model(x, training=False)
        masks = [masking.get_keras_mask(y) for y in jax.tree_util.tree_leaves(outputs)]
        # What `assign` recorded (stateful RNN states), by variable index:
        # written back after the call.
        updates = {
            i: active.updates[id(v)]
            for i, v in enumerate(variables)
            if id(v) in active.updates
        }
        return outputs, masks, active.losses, updates

    return run


def predict(model: Any, x: Any) -> Any:
    """Outputs (NumPy) of one forward pass in inference mode."""
    outputs = _run(model, x)[0]
    if isinstance(outputs, jax.Array):
        return np.asarray(outputs)
    return jax.tree_util.tree_map(np.asarray, outputs)


def _run(model: Any, x: Any) -> tuple:
    """The jitted forward pass; recorded `assign`s reach their variables."""
    fn, variables, _ = _compiled(model)
    outputs, masks, losses, updates = fn([v._value for v in variables], x)
    for index, value in updates.items():
        variables[index].assign(value)
    return outputs, masks, losses


def eager_call(model: Any, args: tuple, kwargs: dict) -> Any:
    """`model(x)` through the jitted forward, or `NotImplemented` when the call
    must run eagerly (symbolic inputs, training mode, masks, extra arguments,
    inside another call, a subclassed `call`, a signature seen only once)."""
    if not _jittable(model, args, kwargs):
        return NotImplemented
    x = args[0]
    leaves = jax.tree_util.tree_leaves(x)
    signature = tuple((tuple(a.shape), str(a.dtype)) for a in leaves)
    seen = model.__dict__.setdefault("_eager_signatures", {})
    seen[signature] = seen.get(signature, 0) + 1
    if seen[signature] < _JIT_AFTER:
        return NotImplemented
    outputs, masks, losses = _run(model, x)
    for y, mask in zip(jax.tree_util.tree_leaves(outputs), masks, strict=True):
        if mask is not None:
            masking.set_keras_mask(y, mask)
    model._collect_eager_losses(losses)
    return outputs


def _jittable(model: Any, args: tuple, kwargs: dict) -> bool:
    from kerasish.models.functional import Functional
    from kerasish.models.sequential import Sequential

    if len(args) != 1 or any(k != "training" for k in kwargs) or kwargs.get("training"):
        return False
    if not model.built or scope.current_scope() is not None:
        return False
    call = type(model).call
    if call is not Sequential.call and call is not Functional.call:
        return False
    leaves = jax.tree_util.tree_leaves(args[0])
    return bool(leaves) and all(
        isinstance(a, np.ndarray | jax.Array)
        and not isinstance(a, jax.core.Tracer | KerasTensor)
        and masking.get_keras_mask(a) is None
        for a in leaves
    )
