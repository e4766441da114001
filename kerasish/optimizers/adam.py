"""`Adam`: Keras' Adam (epsilon added to the un-bias-corrected sqrt(v))."""

from __future__ import annotations

from typing import Any

import jax.numpy as jnp

from kerasish.optimizers.base import Optimizer


class Adam(Optimizer):
    """Optimizer that implements the Adam algorithm.

    Keras' form (Kingma & Ba's "epsilon hat"), which `optax.adam` does not
    reproduce: `alpha = lr * sqrt(1 - beta_2**t) / (1 - beta_1**t)`,
    `m += (g - m) * (1 - beta_1)`, `v += (g**2 - v) * (1 - beta_2)`,
    `w -= alpha * m / (sqrt(v) + epsilon)`.

    Args:
        learning_rate: A float, a `LearningRateSchedule`, or a callable with no
            arguments. Defaults to `0.001`.
        beta_1: Float. Decay rate of the 1st moment estimates. Defaults to `0.9`.
        beta_2: Float. Decay rate of the 2nd moment estimates. Defaults to `0.999`.
        epsilon: Float. "Epsilon hat" of the paper. Defaults to `1e-7`.
        amsgrad: Boolean. Whether to apply the AMSGrad variant.
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
        amsgrad: bool = False,
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
        self.amsgrad = amsgrad

    def _slot_groups(self) -> list[tuple[str, ...]]:
        groups = [("momentum", "velocity")]
        return groups + [("velocity_hat",)] if self.amsgrad else groups

    def _update_leaf(self, grad, var, slots, lr, step, extras):
        del extras
        dtype = var.dtype
        local_step = (step + 1).astype(dtype)
        beta_1_power = jnp.power(jnp.asarray(self.beta_1, dtype), local_step)
        beta_2_power = jnp.power(jnp.asarray(self.beta_2, dtype), local_step)
        alpha = lr * jnp.sqrt(1 - beta_2_power) / (1 - beta_1_power)
        m = slots["momentum"] + (grad - slots["momentum"]) * (1 - self.beta_1)
        v = slots["velocity"] + (jnp.square(grad) - slots["velocity"]) * (
            1 - self.beta_2
        )
        new = {"momentum": m, "velocity": v}
        if self.amsgrad:
            v = new["velocity_hat"] = jnp.maximum(slots["velocity_hat"], v)
        return var - (m * alpha) / (jnp.sqrt(v) + self.epsilon), new

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "beta_1": self.beta_1,
                "beta_2": self.beta_2,
                "epsilon": self.epsilon,
                "amsgrad": self.amsgrad,
            }
        )
        return config
