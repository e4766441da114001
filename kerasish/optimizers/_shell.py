"""The stateful Keras face of optimizers: build, `apply`, `variables`, weights."""

from __future__ import annotations

import warnings
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from kerasish.core import naming
from kerasish.core.variables import Variable, unwrap
from kerasish.optimizers import _tree
from kerasish.optimizers._variables import (
    LeafCache,
    OptimizerVariable,
    VariableSpec,
    read,
    slot_name,
    write,
)


class StatefulShell:
    """Keras' stateful optimizer API over the pure `init` / `stateless_apply`."""

    def _init_shell(self) -> None:
        self.built = False
        self.opt_state: dict | None = None
        self._variables_list: list[Variable] | None = None
        self._ref_variables: list[Variable] | None = None
        self._ref_paths: list[str] | None = None
        self._order: list[int] | None = None
        self._treedef: Any = None
        self._extra_names: dict[str, tuple[str, str]] = {}
        self._pending_iterations: jax.Array | None = None
        self._views: dict[VariableSpec, OptimizerVariable] = {}
        self._leaf_cache = LeafCache()
        self._jitted_apply: Any = None

    # ------------------------------------------------------------------ build

    def build(
        self,
        params: Any,
        order: list | None = None,
        variables: list[Variable] | None = None,
    ) -> None:
        """Creates the optimizer state (a no-op when already built, as in Keras).

        Args:
            params: A pytree of float arrays, or (Keras' spelling) a list of
                `Variable`s such as `model.trainable_variables`.
            order: Optional list of leaf paths (`("dense", "kernel")` or
                `"dense/kernel"`) giving the Keras order of the model variables,
                which orders `variables`. Defaults to the tree leaf order.
            variables: Optional list of the model `Variable`s matching `order`
                (or the tree leaf order). Their `path` names the optimizer
                variables as in Keras (`"sequential/dense/kernel"` ->
                `"sequential_dense_kernel_momentum"`) and their `name` is what
                `exclude_from_weight_decay(var_names=...)` matches. Defaults to
                names made from the tree paths (`"dense_kernel_momentum"`).
        """
        if self.built:
            return
        self._treedef = jax.tree_util.tree_structure(
            [getattr(v, "value", v) for v in params]
            if isinstance(params, list | tuple)
            else params
        )
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
            if variables is not None:
                self._name_from_variables(list(variables))
        self.opt_state = self.init(params)
        if self._pending_iterations is not None:
            self.opt_state["iterations"] = self._pending_iterations
            self._pending_iterations = None
        # Keras creates optimizer-wide scalars as unnamed variables: a global
        # auto-name (`variable`, `variable_1`, ...) under the active name scope.
        for key, default in self._extra_variables():
            name = naming.auto_name(default)
            self._extra_names[key] = (name, naming.path_for(name))
        self.built = True

    def _name_from_variables(self, variables: list[Variable]) -> None:
        if len(variables) != len(self._ref_paths):
            raise ValueError(
                "Argument `variables` must hold one `Variable` per leaf of `params` "
                f"({len(self._ref_paths)} leaves). Received: variables with length "
                f"{len(variables)}"
            )
        for k, variable in enumerate(variables):
            self._ref_paths[self._order[k]] = variable.path
        self._ref_variables = variables

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
        paths = _tree.leaf_paths(params)
        known = self._ref_variables
        if known is not None and len(known) == len(paths) == len(self._order):
            return [
                (v.name, v.path, id(v)) for v in _tree.unpermute(known, self._order)
            ]
        return [(p, p, None) for p in paths]

    def _raw_iterations(self) -> int:
        return int(self._current_state()["iterations"])

    @property
    def iterations(self) -> Any:
        """Keras' `optimizer.iterations`: the `iteration` variable.

        With `gradient_accumulation_steps`, the number of actual updates (the
        variable floor-divided by the steps), as in Keras.
        """
        view = self._variable_view(self._variable_specs()[0])
        steps = getattr(self, "gradient_accumulation_steps", None)
        return jnp.floor_divide(view.value, steps) if steps else view

    # -------------------------------------------------------------- variables

    def _has_lr_variable(self) -> bool:
        if self.opt_state is not None:
            return "learning_rate" in self.opt_state
        lr = self._learning_rate
        return lr is not None and not callable(lr)

    def _variable_specs(self) -> list[VariableSpec]:
        """Where each of Keras' `optimizer.variables` lives, in Keras' order."""
        prefix = self.name
        specs = [VariableSpec("iterations", None, "iteration", f"{prefix}/iteration")]
        if self._has_lr_variable():
            specs.append(
                VariableSpec(
                    "learning_rate", None, "learning_rate", f"{prefix}/learning_rate"
                )
            )
        if not self.built:
            return specs
        groups = [("average",)] if self.use_ema else []
        if self.gradient_accumulation_steps:
            groups.append(("gradient_accumulator",))
        for group in groups + self._slot_groups():
            for leaf in self._order:
                ref = self._ref_paths[leaf]
                for slot in group:
                    name = slot_name(ref, slot)
                    specs.append(VariableSpec(slot, leaf, name, f"{prefix}/{name}"))
        for key, default in self._extra_variables():
            name, path = self._extra_names.get(key, (default, f"{prefix}/{default}"))
            specs.append(VariableSpec(key, None, name, path))
        return specs

    def _current_state(self) -> dict:
        if self.opt_state is not None:
            return self.opt_state
        iterations = self._pending_iterations
        if iterations is None:
            iterations = jnp.zeros((), dtype=jnp.int32)
        state = {"iterations": iterations}
        if self._has_lr_variable():
            state["learning_rate"] = self._lr_array()
        return state

    def _read_variable(self, spec: VariableSpec) -> jax.Array:
        return read(self._current_state(), spec, self._leaf_cache)

    def _write_variable(self, spec: VariableSpec, value: Any) -> None:
        if spec.key == "learning_rate" and spec.leaf is None:
            self.learning_rate = value
        elif self.opt_state is not None:
            self.opt_state = write(self.opt_state, spec, value, self._leaf_cache)
        elif spec.key == "iterations":
            value = jnp.array(value, dtype=jnp.int32).reshape(())
            self._pending_iterations = value
        else:
            raise ValueError(
                f"Optimizer variable {spec.path} cannot be assigned before the "
                "optimizer is built. Call `optimizer.build(trainable_variables)` "
                "first."
            )

    def _variable_view(self, spec: VariableSpec) -> OptimizerVariable:
        view = self._views.get(spec)
        if view is None:
            view = self._views[spec] = OptimizerVariable(self, spec)
        return view

    def _state_to_list(self, state: dict) -> list[jax.Array]:
        cache = LeafCache()
        return [read(state, spec, cache) for spec in self._variable_specs()]

    def _state_from_list(self, values: list) -> dict:
        specs = self._variable_specs()
        if not self.built or len(values) != len(specs):
            raise ValueError(
                "Argument `optimizer_variables` must be a list of tensors "
                f"corresponding 1:1 to {type(self).__name__}().variables (the "
                "optimizer must be built). Received list with length "
                f"{len(values)}, but expected {len(specs)} variables."
            )
        state = dict(self.opt_state)
        cache = LeafCache()
        leaves: dict[str, list] = {}
        for spec, value in zip(specs, values, strict=True):
            if spec.leaf is None:
                state[spec.key] = value
                continue
            if spec.key not in leaves:
                leaves[spec.key] = list(cache.leaves(spec.key, state[spec.key])[0])
            leaves[spec.key][spec.leaf] = value
        for key, new_leaves in leaves.items():
            state[key] = cache.leaves(key, self.opt_state[key])[1].unflatten(new_leaves)
        return state

    @property
    def variables(self) -> list[OptimizerVariable]:
        """Keras' `optimizer.variables`: named live views of `opt_state`.

        In Keras' order: `iteration`, `learning_rate` (float rate only), the
        per-variable slots (`average` with `use_ema`, `gradient_accumulator`,
        then the optimizer's own, interleaved per model variable:
        `..._kernel_momentum, ..._kernel_velocity, ..._bias_momentum, ...`), then
        optimizer-wide scalars. Each is a `Variable` (`name`, `path`, `value`,
        `numpy()`, `shape`, `dtype`) whose `assign` updates `opt_state`.
        """
        return [self._variable_view(spec) for spec in self._variable_specs()]

    @property
    def variable_paths(self) -> list[str]:
        """Keras' `v.path` of each `variables` entry (`"adam/w_momentum"`)."""
        return [spec.path for spec in self._variable_specs()]

    def set_weights(self, weights: list) -> None:
        """Sets the optimizer state from arrays in `variables` order."""
        if not self.built:
            raise ValueError(
                "You are calling `set_weights()` on an optimizer that has not yet "
                "been built. Please call `optimizer.build(trainable_variables)` to "
                "create the optimizer weights before calling `set_weights()`."
            )
        current = self._state_to_list(self.opt_state)
        weights = [unwrap(w) for w in weights]
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
        for i, value in enumerate(self._state_to_list(self._current_state())):
            store[str(i)] = np.asarray(value)

    def load_own_variables(self, store: dict) -> None:
        """Reads the state written by `save_own_variables` (warns on a mismatch)."""
        count = len(self._variable_specs())
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

    def apply_gradients(self, grads_and_vars: Any) -> Variable:
        """Applies `(gradient, variable)` pairs; returns the `iteration` variable."""
        grads, variables = zip(*grads_and_vars, strict=True)
        self.apply(grads, variables)
        return self._variable_view(self._variable_specs()[0])

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
            if not self.built:
                # Keras builds inside the optimizer's name scope here (so an
                # optimizer-wide scalar gets the path `adam/variable`).
                with naming.name_scope(self.name, self):
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
