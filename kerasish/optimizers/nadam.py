"""`Nadam`: Adam with Nesterov momentum, with Keras' `u_product` bookkeeping."""

from __future__ import annotations

from typing import Any

import jax.numpy as jnp

from kerasish.optimizers.base import Optimizer


class Nadam(Optimizer):
    """Optimizer that implements the Nadam algorithm.

    Keras keeps one optimizer-wide scalar, the running product of the momentum
    schedule `u_t = beta_1 * (1 - 0.5 * 0.96**t)`; it is `opt_state["u_product"]`
    and the last entry of `variables` (Keras names it `variable`).

    Args:
        learning_rate: A float, a `LearningRateSchedule`, or a callable with no
            arguments. Defaults to `0.001`.
        beta_1: Float. Decay rate of the 1st moment estimates. Defaults to `0.9`.
        beta_2: Float. Decay rate of the 2nd moment estimates. Defaults to `0.999`.
        epsilon: Float. Defaults to `1e-7`.
        **kwargs: The base optimizer arguments (`weight_decay`, `clipnorm`,
            `clipvalue`, `global_clipnorm`, `use_ema`, `ema_momentum`,
            `ema_overwrite_frequency`, `loss_scale_factor`,
            `gradient_accumulation_steps`, `name`); see `Optimizer`.
    """

    def __init__(
        self,
        learning_rate: Any = 0.001,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float = 1e-7,
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
        super().__init__(
            learning_rate=learning_rate,
            name=name,
            weight_decay=weight_decay,
            clipnorm=clipnorm,
            clipvalue=clipvalue,
            global_clipnorm=global_clipnorm,
            use_ema=use_ema,
            ema_momentum=ema_momentum,
            ema_overwrite_frequency=ema_overwrite_frequency,
            loss_scale_factor=loss_scale_factor,
            gradient_accumulation_steps=gradient_accumulation_steps,
            **kwargs,
        )
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon

    def _slot_groups(self) -> list[tuple[str, ...]]:
        return [("momentum", "velocity")]

    def _extra_variables(self) -> list[tuple[str, str]]:
        return [("u_product", "variable")]

    def _init_extras(self, leaves):
        dtype = jnp.result_type(leaves[0]) if leaves else jnp.float32
        return {"u_product": jnp.ones((), dtype=dtype)}

    def _update_step(self, grads, params, slots, extras, lr, step):
        u_product = extras["u_product"]
        local_step = (step + 1).astype(u_product.dtype)
        u_product = u_product * self.beta_1 * (1.0 - 0.5 * jnp.power(0.96, local_step))
        return super()._update_step(
            grads, params, slots, {"u_product": u_product}, lr, step
        )

    def _update_leaf(self, grad, var, slots, lr, step, extras):
        dtype = var.dtype
        local_step = (step + 1).astype(dtype)
        next_step = (step + 2).astype(dtype)
        decay = jnp.asarray(0.96, dtype)
        beta_1 = jnp.asarray(self.beta_1, dtype)
        beta_2 = jnp.asarray(self.beta_2, dtype)
        u_t = beta_1 * (1.0 - 0.5 * jnp.power(decay, local_step))
        u_t_1 = beta_1 * (1.0 - 0.5 * jnp.power(decay, next_step))
        u_product_t = extras["u_product"].astype(dtype)
        u_product_t_1 = u_product_t * u_t_1
        beta_2_power = jnp.power(beta_2, local_step)
        m = slots["momentum"] + (grad - slots["momentum"]) * (1 - beta_1)
        v = slots["velocity"] + (jnp.square(grad) - slots["velocity"]) * (1 - beta_2)
        m_hat = u_t_1 * m / (1 - u_product_t_1) + (1 - u_t) * grad / (1 - u_product_t)
        v_hat = v / (1 - beta_2_power)
        var = var - (m_hat * lr) / (jnp.sqrt(v_hat) + self.epsilon)
        return var, {"momentum": m, "velocity": v}

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon}
        )
        return config
