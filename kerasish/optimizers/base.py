"""`Optimizer`: Keras 3's optimizer base as a pure `init` / `stateless_apply` pair."""

from __future__ import annotations

import re
import warnings
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
import optax

from kerasish.core import naming
from kerasish.core.variables import unwrap
from kerasish.optimizers import _clipping, _tree
from kerasish.optimizers._learning_rate import LearningRateMixin
from kerasish.optimizers._shell import StatefulShell
from kerasish.optimizers.schedules import LearningRateSchedule
from kerasish.optimizers.schedules import deserialize as _deserialize_schedule
from kerasish.optimizers.schedules import serialize as _serialize_schedule


class Optimizer(LearningRateMixin, StatefulShell):
    """Abstract optimizer base class, reproducing Keras 3's update order exactly.

    The state is a dict of arrays (`opt_state`): `iterations` (int32), the
    `learning_rate` (float32, absent for a schedule or callable), one tree per
    slot shaped like the parameters (`momentum`, `velocity`, ...) and any
    optimizer-wide scalars. `stateless_apply(opt_state, grads, params)` is pure
    and jittable; changing the learning rate writes a new float32 leaf, so a
    compiled step never retraces. Each step: unscale (`loss_scale_factor`),
    accumulate (`gradient_accumulation_steps`), clip, apply decoupled weight
    decay `var -= var * weight_decay * lr`, run `update_step`, update the EMA,
    then `iterations += 1`. The learning rate (schedule) is evaluated at
    `iterations` before the increment.

    Subclasses declare their slots with `_slot_groups` (Keras' build order) and
    implement `_update_leaf(grad, var, slots, lr, step, extras)`.

    Args:
        learning_rate: A float, a `LearningRateSchedule`, or a callable with no
            arguments returning the learning rate.
        weight_decay: Float. If set, decoupled weight decay is applied.
        clipnorm: Float. Clip each gradient so its norm is at most this value.
        clipvalue: Float. Clip each gradient element to `[-clipvalue, clipvalue]`.
        global_clipnorm: Float. Clip all gradients so their global norm is at
            most this value. Only one of the three clipping arguments may be set.
        use_ema: Boolean. Keep an exponential moving average of the weights.
        ema_momentum: Float in `[0, 1]`, the EMA momentum.
        ema_overwrite_frequency: Int or `None`. Overwrite the weights with their
            moving average every this many iterations.
        loss_scale_factor: Float or `None`. Gradients are divided by it.
        gradient_accumulation_steps: Int >= 2 or `None`. Update every this many
            steps with the average of the accumulated gradients.
        name: String. Defaults to the snake_case class name (`"adam"`,
            `"rm_sprop"`), made unique.
    """

    def __init__(
        self,
        learning_rate: Any,
        weight_decay: float | None = None,
        clipnorm: float | None = None,
        clipvalue: float | None = None,
        global_clipnorm: float | None = None,
        use_ema: bool = False,
        ema_momentum: float = 0.99,
        ema_overwrite_frequency: int | None = None,
        loss_scale_factor: float | None = None,
        gradient_accumulation_steps: int | None = None,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        if kwargs.pop("decay", None) is not None:
            warnings.warn(
                "Argument `decay` is no longer supported and will be ignored.",
                stacklevel=2,
            )
        if kwargs:
            raise ValueError(f"Argument(s) not recognized: {kwargs}")
        self.name = name if name is not None else naming.auto_name(type(self).__name__)
        self.weight_decay = weight_decay
        self.clipnorm = clipnorm
        self.global_clipnorm = global_clipnorm
        self.clipvalue = clipvalue
        self.use_ema = use_ema
        self.loss_scale_factor = loss_scale_factor
        self.gradient_accumulation_steps = gradient_accumulation_steps
        if gradient_accumulation_steps and not gradient_accumulation_steps >= 2:
            raise ValueError(
                "`gradient_accumulation_steps` must be an integer >= 2. "
                f"Received: gradient_accumulation_steps={gradient_accumulation_steps}"
            )
        if use_ema:
            if ema_momentum > 1 or ema_momentum < 0:
                raise ValueError(
                    "`ema_momentum` must be in the range [0, 1]. "
                    f"Received: ema_momentum={ema_momentum}"
                )
            if ema_overwrite_frequency and (
                not isinstance(ema_overwrite_frequency, int)
                or ema_overwrite_frequency < 1
            ):
                raise ValueError(
                    "`ema_overwrite_frequency` must be an integer >= 1 or None. "
                    f"Received: ema_overwrite_frequency={ema_overwrite_frequency}"
                )
        self.ema_momentum = ema_momentum
        self.ema_overwrite_frequency = ema_overwrite_frequency
        if sum(a is not None for a in (clipnorm, clipvalue, global_clipnorm)) > 1:
            raise ValueError(
                "Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be "
                f"set. Received: clipnorm={clipnorm}, clipvalue={clipvalue}, "
                f"global_clipnorm={global_clipnorm}"
            )
        if not (isinstance(learning_rate, float) or callable(learning_rate)):
            raise ValueError(
                "Argument `learning_rate` should be float, or an instance of "
                "LearningRateSchedule, or a callable (that takes in the current "
                "iteration value and returns the corresponding learning rate "
                f"value). Received instead: learning_rate={learning_rate}"
            )
        self._learning_rate = (
            learning_rate if callable(learning_rate) else np.float32(learning_rate)
        )
        self._exclude_ids: set[int] = set()
        self._exclude_paths: set[str] = set()
        self._exclude_pattern: re.Pattern | None = None
        self._init_shell()

    # ------------------------------------------------------------ subclass API

    def _slot_groups(self) -> list[tuple[str, ...]]:
        """Per-variable slots, one tuple per Keras `add_optimizer_variables` call."""
        return []

    def _slot_initial_value(self, name: str) -> float:
        del name
        return 0.0

    def _extra_variables(self) -> list[tuple[str, str]]:
        """Optimizer-wide scalars `(state key, Keras variable name)`, listed last."""
        return []

    def _init_extras(self, leaves: list[jax.Array]) -> dict[str, jax.Array]:
        """Initial values of `_extra_variables`; `leaves` are in Keras order."""
        del leaves
        return {}

    def _update_leaf(
        self,
        grad: jax.Array,
        var: jax.Array,
        slots: dict[str, jax.Array],
        lr: jax.Array,
        step: jax.Array,
        extras: dict[str, jax.Array],
    ) -> tuple[jax.Array, dict[str, jax.Array]]:
        """Keras' `update_step` for one variable: returns `(new_var, new_slots)`.

        `lr` and `grad` are already cast to `var.dtype`; `step` is Keras'
        `optimizer.iterations` (int32, before the increment).
        """
        raise NotImplementedError

    def _update_step(self, grads, params, slots, extras, lr, step):
        """Runs `_update_leaf` over all leaves (Keras' `_backend_update_step`)."""
        new_params = []
        new_slots = {name: list(values) for name, values in slots.items()}
        own = [name for group in self._slot_groups() for name in group]
        for i, (grad, var) in enumerate(zip(grads, params, strict=True)):
            var_slots = {name: slots[name][i] for name in own}
            var, var_slots = self._update_leaf(
                grad, var, var_slots, lr.astype(var.dtype), step, extras
            )
            new_params.append(var)
            for name, value in var_slots.items():
                new_slots[name][i] = value
        return new_params, new_slots, extras

    # --------------------------------------------------------------- pure face

    def _slot_inits(self) -> list[str]:
        names = ["average"] if self.use_ema else []
        if self.gradient_accumulation_steps:
            names.append("gradient_accumulator")
        return names + [name for group in self._slot_groups() for name in group]

    def init(self, params: Any) -> dict:
        """Returns a fresh optimizer state for `params` (pure)."""
        state = {"iterations": jnp.zeros((), dtype=jnp.int32)}
        if not callable(self._learning_rate):
            state["learning_rate"] = jnp.asarray(self._learning_rate, dtype=jnp.float32)
        for name in self._slot_inits():
            value = self._slot_initial_value(name)
            state[name] = jax.tree_util.tree_map(
                lambda p, v=value: jnp.full(jnp.shape(p), v, dtype=jnp.result_type(p)),
                params,
            )
        leaves = jax.tree_util.tree_leaves(params)
        state.update(self._init_extras(_tree.permute(leaves, self._order_for(leaves))))
        return state

    def stateless_apply(self, opt_state: Any, grads: Any, params: Any) -> tuple:
        """Applies one Keras update step; returns `(new_params, new_opt_state)`.

        Pure and jittable. `opt_state` is the dict from `init`, or (Keras'
        spelling) the list `[v.value for v in optimizer.variables]`, in which case
        the new state is returned as a list too.
        """
        if isinstance(opt_state, list | tuple):
            opt_state = [unwrap(v) for v in opt_state]
            state = self._state_from_list(opt_state)
            if isinstance(params, list | tuple):
                # Keras-ordered lists; the state follows the tree built on.
                new_params, new_state = self.stateless_apply(
                    state, self._as_tree(grads), self._as_tree(params)
                )
                leaves = jax.tree_util.tree_leaves(new_params)
                return _tree.permute(leaves, self._order), self._state_to_list(
                    new_state
                )
            new_params, new_state = self.stateless_apply(state, grads, params)
            return new_params, self._state_to_list(new_state)
        leaves, treedef = jax.tree_util.tree_flatten(params)
        grad_leaves = treedef.flatten_up_to(grads)
        slots = {n: treedef.flatten_up_to(opt_state[n]) for n in self._slot_inits()}
        extras = {key: opt_state[key] for key, _ in self._extra_variables()}
        leaves, slots, extras = self._apply_leaves(
            opt_state, grad_leaves, leaves, slots, extras, self._leaf_info(params)
        )
        new_state = dict(opt_state, **extras)
        new_state.update({n: treedef.unflatten(v) for n, v in slots.items()})
        new_state["iterations"] = opt_state["iterations"] + 1
        return treedef.unflatten(leaves), new_state

    def _as_tree(self, values: list) -> Any:
        """A Keras-ordered list of leaves, as the tree the optimizer was built on."""
        leaves = _tree.unpermute([unwrap(v) for v in values], self._order)
        return jax.tree_util.tree_unflatten(self._treedef, leaves)

    def _apply_leaves(self, state, grads, params, slots, extras, info):
        iterations = state["iterations"]
        lr = self._current_learning_rate(state).astype(jnp.float32)
        steps = self.gradient_accumulation_steps
        step = iterations // steps if steps else iterations
        grads = [
            jnp.asarray(g).astype(p.dtype) for g, p in zip(grads, params, strict=True)
        ]
        if self.loss_scale_factor is not None:
            grads = [g / self.loss_scale_factor for g in grads]
        if steps:
            acc = slots["gradient_accumulator"]
            is_update = (iterations + 1) % steps == 0
            new_acc = [
                jnp.where(is_update, jnp.zeros_like(a), g + a)
                for g, a in zip(grads, acc, strict=True)
            ]
            grads = [
                jnp.where(is_update, (g + a) / steps, g)
                for g, a in zip(grads, acc, strict=True)
            ]
        order = self._order_for(params)
        grads = _tree.unpermute(
            _clipping.clip_gradients(
                _tree.permute(grads, order),
                self.clipnorm,
                self.clipvalue,
                self.global_clipnorm,
            ),
            order,
        )
        decayed = self._apply_weight_decay(params, lr, info)
        new_params, new_slots, new_extras = self._update_step(
            grads, decayed, slots, extras, lr, step
        )
        if steps:
            # Keras (JAX backend) computes the update every step and keeps it only
            # on update steps; the accumulators are reset there.
            def pick(new, old):
                return jnp.where(is_update, new, old)

            new_params = [pick(n, o) for n, o in zip(new_params, params, strict=True)]
            new_slots = {
                k: [pick(n, o) for n, o in zip(v, slots[k], strict=True)]
                for k, v in new_slots.items()
            }
            new_extras = {k: pick(v, extras[k]) for k, v in new_extras.items()}
            new_slots["gradient_accumulator"] = new_acc
        if self.use_ema:
            new_params, new_slots["average"] = self._update_ema(
                new_params, new_slots["average"], step
            )
        return new_params, new_slots, new_extras

    def _apply_weight_decay(self, params, lr, info):
        if self.weight_decay is None:
            return params
        out = []
        for var, (name, path, var_id) in zip(params, info, strict=True):
            if self._use_weight_decay(name, path, var_id):
                wd = jnp.asarray(self.weight_decay, dtype=var.dtype)
                var = var - var * wd * lr.astype(var.dtype)
            out.append(var)
        return out

    def _update_ema(self, params, averages, step):
        new_params, new_averages = [], []
        for var, average in zip(params, averages, strict=True):
            momentum = (step != 0).astype(var.dtype) * self.ema_momentum
            average = momentum * average + (1 - momentum) * var
            if self.ema_overwrite_frequency is not None:
                overwrite = (step + 1) % self.ema_overwrite_frequency == 0
                var = jnp.where(overwrite, average, var)
            new_params.append(var)
            new_averages.append(average)
        return new_params, new_averages

    def finalize_params(self, opt_state: dict, params: Any) -> Any:
        """Pure `finalize_variable_values`: the EMA weights if `use_ema`."""
        return opt_state["average"] if self.use_ema else params

    def scale_loss(self, loss: Any, opt_state: dict | None = None) -> Any:
        """Multiplies the loss by `loss_scale_factor`, if set (the train step
        differentiates the scaled loss; `stateless_apply` unscales the grads)."""
        del opt_state
        if self.loss_scale_factor is not None:
            return loss * self.loss_scale_factor
        return loss

    @property
    def transformation(self) -> optax.GradientTransformation:
        """An optax `GradientTransformation` computing exactly this optimizer's step.

        `update(grads, state, params)` returns `new_params - params` as the
        updates, so `optax.apply_updates` reproduces the Keras update.
        """

        def update(updates, state, params=None):
            if params is None:
                raise ValueError(
                    f"The optax transformation of {type(self).__name__} needs the "
                    "current parameters: call `update(grads, state, params)`. "
                    "Received: params=None"
                )
            new_params, new_state = self.stateless_apply(state, updates, params)
            return jax.tree_util.tree_map(jnp.subtract, new_params, params), new_state

        return optax.GradientTransformation(self.init, update)

    # ------------------------------------------------------- weight decay masks

    def exclude_from_weight_decay(
        self, var_list: list | None = None, var_names: list[str] | None = None
    ) -> None:
        """Exclude variables from weight decay.

        Args:
            var_list: A list of `Variable`s to exclude (matched by identity in
                `apply`, and by `path` against the parameter tree paths).
            var_names: A list of strings; a variable is excluded if any of them
                occurs in its name (the tree path, e.g. `"dense/bias"`, for
                parameter trees).
        """
        self._exclude_ids = {id(v) for v in var_list or []}
        self._exclude_paths = {v.path for v in var_list or [] if hasattr(v, "path")}
        names = set(var_names or [])
        self._exclude_pattern = re.compile("|".join(names)) if names else None
        self._jitted_apply = None  # The masks are read when a step is traced.

    def _use_weight_decay(self, name: str, path: str, var_id: int | None) -> bool:
        if var_id is not None and var_id in self._exclude_ids:
            return False
        for excluded in self._exclude_paths:
            if path == excluded or path.endswith("/" + excluded):
                return False
            if excluded.endswith("/" + path):
                return False
        pattern = self._exclude_pattern
        return pattern is None or re.search(pattern, name) is None

    # ------------------------------------------------------------- config

    def get_config(self) -> dict:
        """Returns the optimizer's config (Keras' keys, order and values)."""
        lr = self._learning_rate
        if isinstance(lr, LearningRateSchedule):
            lr_config: Any = _serialize_schedule(lr)
        elif callable(lr):
            lr_config = lr  # Keras would serialize the function itself.
        else:
            lr_config = float(np.asarray(self._lr_array()))
        return {
            "name": self.name,
            "learning_rate": lr_config,
            "weight_decay": self.weight_decay,
            "clipnorm": self.clipnorm,
            "global_clipnorm": self.global_clipnorm,
            "clipvalue": self.clipvalue,
            "use_ema": self.use_ema,
            "ema_momentum": self.ema_momentum,
            "ema_overwrite_frequency": self.ema_overwrite_frequency,
            "loss_scale_factor": self.loss_scale_factor,
            "gradient_accumulation_steps": self.gradient_accumulation_steps,
        }

    @classmethod
    def from_config(cls, config: dict, custom_objects: dict | None = None) -> Optimizer:
        """Creates an optimizer from its config (a schedule dict is deserialized)."""
        config = dict(config)
        if isinstance(config.get("learning_rate"), dict):
            config["learning_rate"] = _deserialize_schedule(
                config["learning_rate"], custom_objects=custom_objects
            )
        return cls(**config)
