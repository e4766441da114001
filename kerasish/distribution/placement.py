"""Placing variables and the train state on the mesh (the hooks `fit` calls)."""

from __future__ import annotations

import warnings
from typing import Any

import jax
import numpy as np

from kerasish.core.concrete import concrete_values
from kerasish.distribution.device_mesh import TensorLayout
from kerasish.distribution.distribution_lib import distribution


def put(value: Any, sharding: jax.sharding.Sharding) -> Any:
    """`value` laid out with `sharding`: unchanged when it already is, a
    sharding constraint when traced, else a `device_put` (or, for a global
    array spanning processes, a jitted relayout)."""
    if isinstance(value, jax.core.Tracer):
        return jax.lax.with_sharding_constraint(value, sharding)
    if isinstance(value, jax.Array):
        if value.sharding.is_equivalent_to(sharding, value.ndim):
            return value
        if not value.is_fully_addressable:
            return jax.jit(lambda a: a, out_shardings=sharding)(value)
    return jax.device_put(value, sharding)


def check_layout(path: str, shape: tuple, layout: TensorLayout) -> None:
    """Raises a clear ValueError when `layout` cannot shard a `shape` tensor."""
    mesh = layout.device_mesh
    where = f"variable '{path}' of shape {tuple(shape)}"
    if len(layout.axes) != len(shape):
        raise ValueError(
            f"The layout {layout.axes} has {len(layout.axes)} entries but "
            f"{where} has {len(shape)} dimensions. Give the LayoutMap entry "
            "matching this path one mesh axis name or None per dimension. "
            f"Received: axes={layout.axes}"
        )
    for dim, (size, axis) in enumerate(zip(shape, layout.axes, strict=True)):
        names = axis if isinstance(axis, tuple) else (axis,)
        parts = int(np.prod([mesh.axis_size(n) for n in names if n is not None]))
        if size % parts:
            raise ValueError(
                f"Cannot shard dimension {dim} (size {size}) of {where} over "
                f"mesh axis {axis!r} ({parts} devices): the size must be "
                f"divisible by {parts}. Change the LayoutMap entry matching "
                f"this path (e.g. put None for dimension {dim}) or the mesh "
                f"shape. Received: axes={layout.axes}, mesh={mesh}"
            )


def place_new_variable(variable: Any, value: jax.Array) -> tuple:
    """`(layout, value)` for a variable being created: the current
    distribution's layout for it and its value placed accordingly, or
    `(None, value)` with no distribution (Keras fixes layouts at creation)."""
    dist = distribution()
    if dist is None or isinstance(value, jax.core.Tracer):
        return None, value
    layout = dist.get_variable_layout(variable)
    check_layout(variable.path, value.shape, layout)
    # The first build may run while JAX traces a parent layer's `call`.
    with concrete_values():
        return layout, put(value, layout.backend_layout)


def place_value(value: jax.Array, layout: TensorLayout) -> jax.Array:
    """A new value of a laid-out variable (`assign`, `set_weights`), placed."""
    return put(value, layout.backend_layout)


def distribute_tensor(tensor: Any, layout: Any) -> Any:
    """Change the layout of a tensor, eagerly or inside a jitted function.

    Args:
        tensor: A `jax.Array` (or a tracer inside `jax.jit`).
        layout: A `TensorLayout` or a `jax.sharding.Sharding`.

    Returns:
        The tensor with the requested layout (`with_sharding_constraint` when
        traced, `jax.device_put` otherwise; unchanged if already laid out).
    """
    from kerasish.core.keras_tensor import KerasTensor

    if isinstance(tensor, KerasTensor):
        return tensor
    if isinstance(layout, TensorLayout):
        layout = layout.backend_layout
    return put(tensor, layout)


# ----------------------------------------------------------------- train state


def _variable_shardings(model: Any, dist: Any) -> dict:
    """`{path: (NamedSharding, shape)}` for every model variable."""
    from kerasish.models import pure

    result = {}
    for path, variable in pure.variable_layout(model):
        layout = variable._layout or dist.get_variable_layout(variable)
        result[path] = (layout.backend_layout, tuple(variable.shape))
    return result


def state_shardings(model: Any, ts: Any, dist: Any) -> Any:
    """The target sharding of every `TrainState` leaf (concrete or abstract).

    Params and non-trainable state follow their variable's layout; optimizer
    leaves whose tree path ends with a variable's path and have its shape (the
    moments) follow that variable; everything else (metric state, step
    counters, the PRNG key) is replicated.
    """
    by_path = _variable_shardings(model, dist)
    replicated = jax.sharding.NamedSharding(
        dist.device_mesh.backend_mesh, jax.sharding.PartitionSpec()
    )

    def pick(key_path: tuple, leaf: Any) -> Any:
        names = tuple(k.key for k in key_path if isinstance(k, jax.tree_util.DictKey))
        for start in range(len(names)):
            match = by_path.get(names[start:])
            if match is not None and match[1] == tuple(np.shape(leaf)):
                return match[0]
        return replicated

    return jax.tree_util.tree_map_with_path(pick, ts)


def constrain_state(model: Any, ts: Any, dist: Any) -> Any:
    """`ts` (traced) pinned to its target shardings, so a step's output state
    keeps the input's layout and the next call does not recompile."""
    shardings = state_shardings(model, ts, dist)
    return jax.tree_util.tree_map(jax.lax.with_sharding_constraint, ts, shardings)


def place_state(model: Any, ts: Any) -> Any:
    """`ts` with every leaf on the mesh (no-op without a distribution).

    Raises:
        ValueError: If the model's variables were created before the
            distribution was set.
    """
    dist = distribution()
    if dist is None:
        return ts
    check_model_variables(model, dist)
    shardings = state_shardings(model, ts, dist)
    return jax.tree_util.tree_map(put, ts, shardings)


def check_model_variables(model: Any, dist: Any) -> None:
    """Raises when the model was built outside the distribution; warns once per
    model about `LayoutMap` keys that match none of its variables."""
    from kerasish.models import pure

    layout = pure.variable_layout(model)
    for _, variable in layout:
        if variable._layout is None:
            raise ValueError(
                "The model's variables were created before the distribution "
                f"was set (first one: '{variable.path}'), so they are not laid "
                f"out on its device mesh. Received: distribution={dist}. "
                "Call `keras.distribution.set_distribution(distribution)` "
                "before creating the model, or create, compile and fit it "
                "inside `with distribution.scope():`."
            )
    layout_map = getattr(dist, "layout_map", None)
    checked = dist.__dict__.setdefault("_checked_models", set())
    if layout_map is None or id(model) in checked:
        return
    checked.add(id(model))
    paths = [variable.path for _, variable in layout]
    used = {key for path in paths for key in layout_map.matching_keys(path)}
    used.update(path for path in paths if path in layout_map)
    for key in layout_map:
        if key not in used:
            # Keras ignores such keys silently; a typo then silently
            # replicates a variable meant to be sharded, so kerasish warns.
            warnings.warn(
                f"The LayoutMap key '{key}' matches no variable of model "
                f"'{model.name}', so it lays out nothing. Variable paths look "
                f"like {paths[:3]}. Fix or remove the key.",
                stacklevel=4,
            )
