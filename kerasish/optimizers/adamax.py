"""`Adamax`: the infinity-norm variant of Adam."""

from __future__ import annotations

from typing import Any

import jax.numpy as jnp

from kerasish.optimizers.base import Optimizer


class Adamax(Optimizer):
    """Optimizer that implements the Adamax algorithm.

    `m += (g - m) * (1 - beta_1)`; `u = max(beta_2 * u, |g|)`;
    `w -= lr * m / ((1 - beta_1**t) * (u + epsilon))`.

    Args:
        learning_rate: A float, a `LearningRateSchedule`, or a callable with no
            arguments. Defaults to `0.001`.
        beta_1: Float. Decay rate of the 1st moment estimates. Defaults to `0.9`.
        beta_2: Float. Decay rate of the weighted infinity norm. Defaults to `0.999`.
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
        return [("momentum", "norm")]

    def _update_leaf(self, grad, var, slots, lr, step, extras):
        del extras
        dtype = var.dtype
        beta_1_power = jnp.power(
            jnp.asarray(self.beta_1, dtype), (step + 1).astype(dtype)
        )
        m = slots["momentum"] + (grad - slots["momentum"]) * (1 - self.beta_1)
        u = jnp.maximum(self.beta_2 * slots["norm"], jnp.abs(grad))
        var = var - (lr * m) / ((1 - beta_1_power) * (u + self.epsilon))
        return var, {"momentum": m, "norm": u}

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon}
        )
        return config
