"""`OptimizerVariable`: a Keras-named live view of one entry of `opt_state`."""

from __future__ import annotations

from typing import Any, NamedTuple

import jax
import jax.numpy as jnp

from kerasish.core.variables import Variable


class VariableSpec(NamedTuple):
    """Where one Keras optimizer variable lives in `opt_state`, and its names.

    `key` is the top-level `opt_state` key; `leaf` the index of the variable
    among `jax.tree_util.tree_leaves(opt_state[key])`, or `None` when the entry
    itself is the variable (`iterations`, `learning_rate`, scalars).
    """

    key: str
    leaf: int | None
    name: str
    path: str


def slot_name(reference_path: str, slot: str) -> str:
    """Keras' `add_variable_from_reference` name: `dense/kernel` -> `dense_kernel_m`."""
    return f"{reference_path.replace('/', '_')}_{slot}"


class LeafCache:
    """Flattened leaves of `opt_state` entries, reused while the entry is unchanged."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[Any, list, Any]] = {}

    def leaves(self, key: str, tree: Any) -> tuple[list, Any]:
        cached = self._entries.get(key)
        if cached is not None and cached[0] is tree:
            return cached[1], cached[2]
        leaves, treedef = jax.tree_util.tree_flatten(tree)
        self._entries[key] = (tree, leaves, treedef)
        return leaves, treedef


def read(state: dict, spec: VariableSpec, cache: LeafCache) -> jax.Array:
    """The current value of `spec` in `state`."""
    if spec.leaf is None:
        return state[spec.key]
    return cache.leaves(spec.key, state[spec.key])[0][spec.leaf]


def write(state: dict, spec: VariableSpec, value: Any, cache: LeafCache) -> dict:
    """A new state with `spec` set to `value` (cast to the old dtype and shape).

    The result has exactly the old leaf's abstract value (no weak type), so a
    jitted step taking the state does not retrace.
    """
    old = read(state, spec, cache)
    value = jnp.array(value, dtype=jnp.result_type(old)).reshape(jnp.shape(old))
    if spec.leaf is None:
        return {**state, spec.key: value}
    leaves, treedef = cache.leaves(spec.key, state[spec.key])
    leaves = list(leaves)
    leaves[spec.leaf] = value
    return {**state, spec.key: treedef.unflatten(leaves)}


class OptimizerVariable(Variable):
    """One of Keras' `optimizer.variables`: a live view of an `opt_state` leaf.

    It has Keras' `name` (`"sequential_dense_kernel_momentum"`) and `path`
    (`"adam/sequential_dense_kernel_momentum"`). Reading it (`value`, `numpy()`,
    arithmetic) gives the current value in `optimizer.opt_state`; `assign`
    writes a new state functionally (same shape and dtype, so a compiled step
    taking `opt_state` does not retrace).
    """

    def __init__(self, optimizer: Any, spec: VariableSpec) -> None:
        self._optimizer = optimizer
        self._spec = spec
        self.name = spec.name
        self.path = spec.path
        self.trainable = False
        self.regularizer = None
        self.constraint = None
        self.initializer = None

    @property
    def _value(self) -> jax.Array:  # type: ignore[override]
        return self._optimizer._read_variable(self._spec)

    @_value.setter
    def _value(self, value: Any) -> None:
        self._optimizer._write_variable(self._spec, value)
