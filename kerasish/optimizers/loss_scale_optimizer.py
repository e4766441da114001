"""`LossScaleOptimizer`: dynamic loss scaling around another optimizer (float16)."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.core.variables import unwrap
from kerasish.optimizers.base import Optimizer

_BASE_DEFAULTS = {
    "weight_decay": None,
    "clipnorm": None,
    "global_clipnorm": None,
    "clipvalue": None,
    "use_ema": False,
    "ema_momentum": 0.99,
    "ema_overwrite_frequency": None,
    "loss_scale_factor": None,
    "gradient_accumulation_steps": None,
}


class LossScaleOptimizer(Optimizer):
    """An optimizer that dynamically scales the loss to prevent float16 underflow.

    The train step multiplies the loss by the current scale; this optimizer
    divides the gradients by it. A step with a non-finite gradient is skipped
    and halves the scale; after `dynamic_growth_steps` finite steps in a row the
    scale doubles. `compile` wraps the optimizer in one automatically under the
    `"mixed_float16"` policy (`auto_scale_loss=True`), as Keras does.

    The state holds Keras' variables (`iteration`, `learning_rate`,
    `step_counter`, `dynamic_scale`, then the inner optimizer's); the inner
    optimizer's own state rides under the `"inner"` key.

    Args:
        inner_optimizer: The `keras.optimizers.Optimizer` instance to wrap.
        initial_scale: Float, the initial loss scale (`2**15`).
        dynamic_growth_steps: Int, how many finite steps double the scale.
        name: String, defaults to `"loss_scale_optimizer"` (made unique).
    """

    def __init__(
        self,
        inner_optimizer: Optimizer,
        initial_scale: float = 2.0**15,
        dynamic_growth_steps: int = 2000,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        if not kwargs.pop("dynamic", True):
            raise ValueError(
                "LossScaleOptimizer no longer supports `dynamic=False`. Instead, "
                "simply set `loss_scale_factor` directly on the `inner_optimizer`."
            )
        for arg, default in _BASE_DEFAULTS.items():
            if arg in kwargs and kwargs.pop(arg) != default:
                raise ValueError(
                    f"LossScaleOptimizer does not support `{arg}`. Instead, set "
                    f"`{arg}` on the `inner_optimizer`."
                )
        if kwargs:
            raise ValueError(
                "LossScaleOptimizer does not support arguments: "
                f"`{'`, `'.join(kwargs.keys())}`."
            )
        self.inner_optimizer = inner_optimizer
        super().__init__(learning_rate=0.0, name=name)
        self.initial_scale = float(initial_scale)
        self.dynamic_growth_steps = int(dynamic_growth_steps)
        inner_optimizer.loss_scale_factor = None

    # The inner optimizer's state is part of this one's, so the train step
    # carries both in one tree while `inner_optimizer.variables` stay live.
    @property
    def opt_state(self) -> dict | None:
        own = self.__dict__.get("_own_state")
        if own is None:
            return None
        return {**own, "inner": self.inner_optimizer.opt_state}

    @opt_state.setter
    def opt_state(self, value: dict | None) -> None:
        if value is None:
            self._own_state = None
            return
        value = dict(value)
        inner = value.pop("inner", None)
        self._own_state = value
        if inner is not None:
            self.inner_optimizer.opt_state = inner

    def build(self, params: Any, order: Any = None, variables: Any = None) -> None:
        """Builds the inner optimizer, then this one's scale variables."""
        if self.built:
            return
        self.inner_optimizer.build(params, order=order, variables=variables)
        inner_state = self.inner_optimizer.opt_state
        super().build(params, order=order, variables=variables)
        self.inner_optimizer.opt_state = inner_state
        for key, _ in self._extra_variables():
            self._extra_names[key] = (key, f"{self.name}/{key}")

    def _extra_variables(self) -> list[tuple[str, str]]:
        return [("step_counter", "step_counter"), ("dynamic_scale", "dynamic_scale")]

    def _init_extras(self, leaves: list[jax.Array]) -> dict[str, jax.Array]:
        del leaves
        return {
            "step_counter": jnp.zeros((), dtype=jnp.int32),
            "dynamic_scale": jnp.asarray(self.initial_scale, dtype=jnp.float32),
        }

    def init(self, params: Any) -> dict:
        state = super().init(params)
        state["inner"] = self.inner_optimizer.init(params)
        return state

    @property
    def variables(self) -> list:
        return super().variables + self.inner_optimizer.variables

    @property
    def variable_paths(self) -> list[str]:
        return super().variable_paths + self.inner_optimizer.variable_paths

    def _state_to_list(self, state: dict) -> list[jax.Array]:
        own = super()._state_to_list(state)
        return own + self.inner_optimizer._state_to_list(state["inner"])

    def _state_from_list(self, values: list) -> dict:
        count = len(self._variable_specs())
        state = super()._state_from_list(list(values[:count]))
        state["inner"] = self.inner_optimizer._state_from_list(list(values[count:]))
        return state

    @property
    def learning_rate(self) -> Any:
        return self.inner_optimizer.learning_rate

    @learning_rate.setter
    def learning_rate(self, value: Any) -> None:
        self.inner_optimizer.learning_rate = value

    @property
    def iterations(self) -> Any:
        return self.inner_optimizer.iterations

    def scale_loss(self, loss: Any, opt_state: dict | None = None) -> Any:
        """`loss * dynamic_scale` (from `opt_state` inside a pure step)."""
        state = opt_state if opt_state is not None else self.opt_state
        scale = self.initial_scale if state is None else state["dynamic_scale"]
        return loss * jnp.asarray(scale, dtype=jnp.result_type(loss))

    def stateless_apply(self, opt_state: Any, grads: Any, params: Any) -> tuple:
        """Unscales `grads`; applies the inner step only if all are finite."""
        if isinstance(opt_state, list | tuple):
            state = self._state_from_list([unwrap(v) for v in opt_state])
            new_params, new_state = self.stateless_apply(state, grads, params)
            return new_params, self._state_to_list(new_state)
        scale = opt_state["dynamic_scale"]
        leaves = jax.tree_util.tree_leaves(grads)
        finite = jnp.all(jnp.stack([jnp.all(jnp.isfinite(g)) for g in leaves]))
        unscaled = jax.tree_util.tree_map(lambda g: g / scale.astype(g.dtype), grads)
        new_params, new_inner = self.inner_optimizer.stateless_apply(
            opt_state["inner"], unscaled, params
        )
        counter = opt_state["step_counter"]
        grow = counter == self.dynamic_growth_steps - 1
        new_counter = jnp.where(finite & ~grow, counter + 1, 0).astype(counter.dtype)
        new_scale = jnp.where(finite, jnp.where(grow, scale * 2.0, scale), scale * 0.5)

        def pick(new: Any, old: Any) -> Any:
            return jax.tree_util.tree_map(
                lambda a, b: jnp.where(finite, a, b), new, old
            )

        new_state = dict(
            opt_state,
            step_counter=new_counter,
            dynamic_scale=new_scale.astype(scale.dtype),
            inner=pick(new_inner, opt_state["inner"]),
        )
        return pick(new_params, params), new_state

    def finalize_params(self, opt_state: dict, params: Any) -> Any:
        return self.inner_optimizer.finalize_params(opt_state["inner"], params)

    def get_config(self) -> dict:
        from kerasish.optimizers.registry import serialize

        return {
            "name": self.name,
            "inner_optimizer": serialize(self.inner_optimizer),
            "initial_scale": self.initial_scale,
            "dynamic_growth_steps": self.dynamic_growth_steps,
        }

    @classmethod
    def from_config(
        cls, config: dict, custom_objects: dict | None = None
    ) -> LossScaleOptimizer:
        from kerasish.optimizers.registry import deserialize

        config = dict(config)
        config["inner_optimizer"] = deserialize(
            config["inner_optimizer"], custom_objects=custom_objects
        )
        return cls(**config)
