"""The pure face of a model: variable layout, params/state trees, `apply`."""

from __future__ import annotations

from typing import Any

import jax

from kerasish.core import scope as scope_lib
from kerasish.core.variables import Variable

Path = tuple[str, ...]


def variable_layout(model: Any) -> list[tuple[Path, Variable]]:
    """Every weight of `model` with its tree path, in Keras order, deduplicated.

    A path is the chain of layer names below the model, then the weight name
    (`("dense", "kernel")`, `("lstm", "lstm_cell", "bias")`).
    """
    layout: list[tuple[Path, Variable]] = []
    seen: set[int] = set()

    def walk(layer: Any, prefix: Path) -> None:
        taken = set()
        for variable in layer._trainable_variables + layer._non_trainable_variables:
            if id(variable) in seen:
                continue
            seen.add(id(variable))
            name, n = variable.name, 1
            while name in taken:
                name, n = f"{variable.name}_{n}", n + 1
            taken.add(name)
            layout.append(((*prefix, name), variable))
        for child in layer._layers:
            walk(child, (*prefix, child.name))

    walk(model, ())
    return layout


def is_trainable(model: Any, variable: Variable) -> bool:
    """Whether `variable` is among `model.trainable_weights`."""
    return bool(model.trainable and variable.trainable)


def to_tree(pairs: list[tuple[Path, Any]]) -> dict:
    """Nested dicts from `(path, value)` pairs."""
    tree: dict = {}
    for path, value in pairs:
        node = tree
        for key in path[:-1]:
            node = node.setdefault(key, {})
        node[path[-1]] = value
    return tree


def value_tree(pairs: list[tuple[Path, Variable]]) -> dict:
    """Nested dicts of the current values of `(path, variable)` pairs."""
    return to_tree([(path, variable.value) for path, variable in pairs])


def lookup(tree: dict, path: Path) -> Any:
    """The leaf of `tree` at `path`, with a clear error when it is missing."""
    node = tree
    for key in path:
        if not isinstance(node, dict) or key not in node:
            raise ValueError(
                f"The parameter tree has no entry for weight '{'/'.join(path)}'. "
                "Pass a tree with the structure of `model.params` / `model.state`."
            )
        node = node[key]
    return node


def split_layout(model: Any) -> tuple[list, list]:
    """`(trainable, non_trainable)` parts of the layout, each `[(path, var)]`."""
    layout = variable_layout(model)
    trainable = [(p, v) for p, v in layout if is_trainable(model, v)]
    frozen = [(p, v) for p, v in layout if not is_trainable(model, v)]
    return trainable, frozen


def pure_call(
    model: Any,
    params: dict,
    state: dict,
    args: tuple,
    kwargs: dict,
    training: bool,
    key: jax.Array | None,
) -> tuple[Any, dict, list, Any]:
    """Runs `model(*args)` with variables bound to tree leaves.

    Returns `(outputs, new_state, losses, key)`: `losses` holds what `add_loss`
    received plus the weight regularization penalties; `key` is the PRNG key
    left after the call's draws (the same key when nothing random ran, so a
    model without random layers never pays for splitting keys).
    """
    trainable, non_trainable = split_layout(model)
    values = {id(v): lookup(params, p) for p, v in trainable}
    values.update({id(v): lookup(state, p) for p, v in non_trainable})
    active = scope_lib.Scope(values=values, key=key, training=training)
    with scope_lib.enter(active):
        outputs = model(*args, training=training, **kwargs)
        # Keras regularizes trainable weights only.
        penalties = [v.regularizer(v.value) for _, v in trainable if v.regularizer]
    new_state = to_tree(
        [(p, active.updates.get(id(v), values[id(v)])) for p, v in non_trainable]
    )
    return outputs, new_state, active.losses + penalties, active.key
