"""`Adagrad`: per-parameter rates from the accumulated squared gradients."""

from __future__ import annotations

from typing import Any

import jax.numpy as jnp

from kerasish.optimizers.base import Optimizer


class Adagrad(Optimizer):
    """Optimizer that implements the Adagrad algorithm.

    `acc += g**2`; `w -= lr * g / sqrt(acc + epsilon)`, with `acc` starting at
    `initial_accumulator_value`.

    Args:
        learning_rate: A float, a `LearningRateSchedule`, or a callable with no
            arguments. Defaults to `0.001`.
        initial_accumulator_value: Float, the accumulators' starting value.
            Defaults to `0.1`.
        epsilon: Float, added inside the square root. Defaults to `1e-7`.
        **kwargs: The base optimizer arguments (`weight_decay`, `clipnorm`,
            `clipvalue`, `global_clipnorm`, `use_ema`, `ema_momentum`,
            `ema_overwrite_frequency`, `loss_scale_factor`,
            `gradient_accumulation_steps`, `name`); see `Optimizer`.
    """

    def __init__(
        self,
        learning_rate: Any = 0.001,
        initial_accumulator_value: float = 0.1,
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
        self.initial_accumulator_value = initial_accumulator_value
        self.epsilon = epsilon

    def _slot_groups(self) -> list[tuple[str, ...]]:
        return [("accumulator",)]

    def _slot_initial_value(self, name: str) -> float:
        return self.initial_accumulator_value if name == "accumulator" else 0.0

    def _update_leaf(self, grad, var, slots, lr, step, extras):
        del step, extras
        accumulator = slots["accumulator"] + jnp.square(grad)
        var = var - lr * grad / jnp.sqrt(accumulator + self.epsilon)
        return var, {"accumulator": accumulator}

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "initial_accumulator_value": self.initial_accumulator_value,
                "epsilon": self.epsilon,
            }
        )
        return config
