"""The stateful Keras face of optimizers: build, `apply`, `variables`, weights."""

from __future__ import annotations

import warnings
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from kerasish.core.variables import Variable, unwrap
from kerasish.optimizers import _tree


class StatefulShell:
    """Keras' stateful optimizer API over the pure `init` / `stateless_apply`."""

    def _init_shell(self) -> None:
        self.built = False
        self.opt_state: dict | None = None
        self._variables_list: list[Variable] | None = None
        self._ref_paths: list[str] | None = None
        self._order: list[int] | None = None
        self._jitted_apply: Any = None

    # ------------------------------------------------------------------ build

    def build(self, params: Any, order: list | None = None) -> None:
        """Creates the optimizer state (a no-op when already built, as in Keras).

        Args:
            params: A pytree of float arrays, or (Keras' spelling) a list of
                `Variable`s such as `model.trainable_variables`.
            order: Optional list of leaf paths (`("dense", "kernel")` or
                `"dense/kernel"`) giving the Keras order of the model variables,
                which orders `variables`. Defaults to the tree leaf order.
        """
        if self.built:
            return
        if isinstance(params, list | tuple) and all(
            isinstance(v, Variable) for v in params
        ):
            self._variables_list = list(params)
            self._ref_paths = [v.path for v in params]
            self._order = list(range(len(params)))
            params = [v.value for v in params]
        else:
            self._ref_paths = _tree.leaf_paths(params)
            self._order = _tree.resolve_order(order, self._ref_paths)
        self.opt_state = self.init(params)
        self.built = True

    def _order_for(self, leaves: list) -> list[int]:
        if self._order is not None and len(self._order) == len(leaves):
            return self._order
        return list(range(len(leaves)))

    def _leaf_info(self, params: Any) -> list[tuple[str, str, int | None]]:
        """`(name, path, id)` per leaf, used to match weight-decay exclusions."""
        known = self._variables_list
        if known is not None and isinstance(params, list | tuple):
            if len(params) == len(known):
                return [(v.name, v.path, id(v)) for v in known]
        return [(p, p, None) for p in _tree.leaf_paths(params)]

    def _raw_iterations(self) -> int:
        if self.opt_state is None:
            return 0
        return int(self.opt_state["iterations"])

    @property
    def iterations(self) -> int:
        """The number of update steps applied (Keras' `optimizer.iterations`)."""
        steps = getattr(self, "gradient_accumulation_steps", None)
        raw = self._raw_iterations()
        return raw // steps if steps else raw

    # -------------------------------------------------------------- variables

    def _layout(self) -> list[tuple[str, int | None, str]]:
        """`(state key, Keras position of the model variable, name)` in Keras order."""
        entries: list[tuple[str, int | None, str]] = [("iterations", None, "iteration")]
        if self.opt_state is not None:
            has_lr = "learning_rate" in self.opt_state
        else:
            has_lr = not callable(self._learning_rate)
        if has_lr:
            entries.append(("learning_rate", None, "learning_rate"))
        if not self.built:
            return entries
        groups = [("average",)] if self.use_ema else []
        if self.gradient_accumulation_steps:
            groups.append(("gradient_accumulator",))
        n = len(self._ref_paths)
        for group in groups + self._slot_groups():
            entries += [(name, k, name) for k in range(n) for name in group]
        return entries + [(key, None, name) for key, name in self._extra_variables()]

    def _current_state(self) -> dict:
        if self.opt_state is not None:
            return self.opt_state
        state = {"iterations": jnp.zeros((), dtype=jnp.int32)}
        if not callable(self._learning_rate):
            state["learning_rate"] = self._lr_array()
        return state

    def _state_to_list(self, state: dict) -> list[jax.Array]:
        leaves = {}
        out = []
        for key, k, _ in self._layout():
            if k is None:
                out.append(state[key])
                continue
            if key not in leaves:
                leaves[key] = jax.tree_util.tree_leaves(state[key])
            out.append(leaves[key][self._order[k]])
        return out

    def _state_from_list(self, values: list) -> dict:
        layout = self._layout()
        if not self.built or len(values) != len(layout):
            raise ValueError(
                "Argument `optimizer_variables` must be a list of tensors "
                f"corresponding 1:1 to {type(self).__name__}().variables (the "
                "optimizer must be built). Received list with length "
                f"{len(values)}, but expected {len(layout)} variables."
            )
        state = dict(self.opt_state)
        slots: dict[str, list] = {}
        for (key, k, _), value in zip(layout, values, strict=True):
            if k is None:
                state[key] = value
                continue
            if key not in slots:
                slots[key] = jax.tree_util.tree_leaves(state[key])
            slots[key][self._order[k]] = value
        for key, leaves in slots.items():
            treedef = jax.tree_util.tree_structure(self.opt_state[key])
            state[key] = treedef.unflatten(leaves)
        return state

    @property
    def variables(self) -> list[jax.Array]:
        """The optimizer's state as arrays, in Keras' `optimizer.variables` order.

        `[iteration, learning_rate (float rate only), per-variable slots
        interleaved (m0, v0, m1, v1, ...), optimizer-wide scalars]`.
        """
        return self._state_to_list(self._current_state())

    @property
    def variable_paths(self) -> list[str]:
        """Keras' `v.path` of each `variables` entry (`"adam/w_momentum"`)."""
        out = []
        for _, k, name in self._layout():
            if k is not None:
                ref = self._ref_paths[self._order[k]].replace("/", "_")
                name = f"{ref}_{name}"
            out.append(f"{self.name}/{name}")
        return out

    def set_weights(self, weights: list) -> None:
        """Sets the optimizer state from arrays in `variables` order."""
        if not self.built:
            raise ValueError(
                "You are calling `set_weights()` on an optimizer that has not yet "
                "been built. Please call `optimizer.build(trainable_variables)` to "
                "create the optimizer weights before calling `set_weights()`."
            )
        current = self.variables
        for path, old, new in zip(self.variable_paths, current, weights, strict=False):
            if tuple(np.shape(old)) != tuple(np.shape(new)):
                raise ValueError(
                    f"Optimizer variable {path} has shape {tuple(np.shape(old))} not "
                    f"compatible with provided weight shape {tuple(np.shape(new))}."
                )
        values = [
            jnp.asarray(new, dtype=jnp.result_type(old))
            for old, new in zip(current, weights, strict=False)
        ]
        values += current[len(values) :]
        self.opt_state = self._state_from_list(values)

    def save_own_variables(self, store: dict) -> None:
        """Writes `variables` into `store` as `"0"`, `"1"`, ... (Keras' layout)."""
        for i, value in enumerate(self.variables):
            store[str(i)] = np.asarray(value)

    def load_own_variables(self, store: dict) -> None:
        """Reads the state written by `save_own_variables` (warns on a mismatch)."""
        count = len(self.variables)
        if len(store.keys()) != count:
            msg = (
                f"Skipping variable loading for optimizer '{self.name}', because it "
                f"has {count} variables whereas the saved optimizer has "
                f"{len(store.keys())} variables. "
            )
            if not self.built:
                msg += (
                    "This is likely because the optimizer has not been "
                    "called/built yet."
                )
            warnings.warn(msg, stacklevel=2)
            return
        self.set_weights([store[str(i)] for i in range(count)])

    # -------------------------------------------------------- stateful update

    def apply_gradients(self, grads_and_vars: Any) -> int:
        """Applies `(gradient, variable)` pairs; returns the new `iterations`."""
        grads, variables = zip(*grads_and_vars, strict=True)
        self.apply(grads, variables)
        return self._raw_iterations()

    def apply(self, grads: Any, trainable_variables: Any = None) -> None:
        """Updates `Variable`s in place from gradients (builds on first use).

        Args:
            grads: A list of gradients (`None` entries are skipped with a warning).
            trainable_variables: The matching `Variable`s; optional once built.
        """
        grads = list(grads)
        if not grads:
            return
        if trainable_variables is None:
            if not self.built or self._variables_list is None:
                raise ValueError(
                    "When passing `grads` without `variables`, the optimizer must "
                    "already be built on a list of variables. Call "
                    "`optimizer.build(trainable_variables)` first. "
                )
            if len(grads) != len(self._variables_list):
                raise ValueError(
                    "When passing `grads` as a list of gradient tensors, the "
                    "gradients must match `optimizer.variables` one-to-one. Received "
                    f"a list of {len(grads)} gradients, but the optimizer is tracking "
                    f"{len(self._variables_list)} trainable variables."
                )
            variables = self._variables_list
        else:
            variables = list(trainable_variables)
            self.build(variables)
        index = {id(v): i for i, v in enumerate(self._variables_list or [])}
        for v in variables:
            if id(v) not in index:
                raise ValueError(
                    f"Unknown variable: {v}. This optimizer can only be called for "
                    "the variables it was originally built with. When working with "
                    "a new set of variables, you should recreate a new optimizer "
                    "instance."
                )
        missing = [v.path for g, v in zip(grads, variables, strict=True) if g is None]
        pairs = [(g, v) for g, v in zip(grads, variables, strict=True) if g is not None]
        if not pairs:
            raise ValueError("No gradients provided for any variable.")
        if missing:
            warnings.warn(
                f"Gradients do not exist for variables {missing} when minimizing the "
                "loss. If using `model.compile()`, did you forget to provide a "
                "`loss` argument?",
                stacklevel=2,
            )
        self._apply_to_variables(pairs, index)

    def _apply_to_variables(self, pairs: list, index: dict[int, int]) -> None:
        known = self._variables_list
        params = [v.value for v in known]
        full = [jnp.zeros(v.shape, dtype=v.dtype) for v in known]
        for g, v in pairs:
            full[index[id(v)]] = jnp.asarray(unwrap(g))
        if self._jitted_apply is None:
            self._jitted_apply = jax.jit(self.stateless_apply)
        old_state = self.opt_state
        new_params, new_state = self._jitted_apply(old_state, full, params)
        updated = {index[id(v)] for _, v in pairs}
        skipped = [i for i in range(len(known)) if i not in updated]
        if skipped:
            # Keras leaves variables without a gradient (and their slots) untouched.
            for key in self._slot_inits():
                if key == "average":
                    continue
                leaves = list(new_state[key])
                for i in skipped:
                    leaves[i] = old_state[key][i]
                new_state[key] = leaves
        self.opt_state = new_state
        for i in sorted(updated):
            var = known[i]
            var.assign(new_params[i])
            if var.constraint is not None:
                var.assign(var.constraint(var.value))

    def finalize_variable_values(self, var_list: list) -> None:
        """Overwrites the variables with their moving averages when `use_ema`."""
        if not self.use_ema:
            return
        averages = jax.tree_util.tree_leaves(self.opt_state["average"])
        averages = _tree.permute(averages, self._order_for(averages))
        if len(var_list) != len(averages):
            raise ValueError(
                f"The length of model variables ({len(var_list)}) to override does "
                "not match the length of model variables stored in the optimizer "
                f"({len(averages)}). Please check if the optimizer was called on "
                "your model."
            )
        for var, average in zip(var_list, averages, strict=True):
            var.assign(average)
