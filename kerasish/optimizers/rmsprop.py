"""`RMSprop`: Keras' RMSprop (epsilon inside the sqrt, lr inside the momentum)."""

from __future__ import annotations

from typing import Any

import jax.numpy as jnp

from kerasish.optimizers.base import Optimizer


class RMSprop(Optimizer):
    """Optimizer that implements the RMSprop algorithm.

    `v = rho * v + (1 - rho) * g**2`; `increment = lr * g / sqrt(v + epsilon)`
    (centered: `sqrt(v - avg_g**2 + epsilon)` with `avg_g` the moving average
    of the gradient). With momentum, `mom = momentum * mom + increment; w -= mom`,
    else `w -= increment`.

    Args:
        learning_rate: A float, a `LearningRateSchedule`, or a callable with no
            arguments. Defaults to `0.001`.
        rho: Float. Discounting factor of the squared gradients. Defaults to `0.9`.
        momentum: Float. Defaults to `0.0`.
        epsilon: Float, added inside the square root. Defaults to `1e-7`.
        centered: Boolean. Normalize by the estimated gradient variance.
        **kwargs: The base optimizer arguments (`weight_decay`, `clipnorm`,
            `clipvalue`, `global_clipnorm`, `use_ema`, `ema_momentum`,
            `ema_overwrite_frequency`, `loss_scale_factor`,
            `gradient_accumulation_steps`, `name`); see `Optimizer`.
    """

    def __init__(
        self,
        learning_rate: Any = 0.001,
        rho: float = 0.9,
        momentum: float = 0.0,
        epsilon: float = 1e-7,
        centered: bool = False,
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
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
        self.centered = centered

    def _slot_groups(self) -> list[tuple[str, ...]]:
        groups = [("velocity",)]
        if self.momentum > 0:
            groups.append(("momentum",))
        if self.centered:
            groups.append(("average_gradient",))
        return groups

    def _update_leaf(self, grad, var, slots, lr, step, extras):
        del step, extras
        rho = self.rho
        velocity = rho * slots["velocity"] + (1 - rho) * jnp.square(grad)
        new = {"velocity": velocity}
        if self.centered:
            average = rho * slots["average_gradient"] + (1 - rho) * grad
            new["average_gradient"] = average
            denominator = velocity - jnp.square(average) + self.epsilon
        else:
            denominator = velocity + self.epsilon
        increment = lr * grad / jnp.sqrt(denominator)
        if self.momentum > 0:
            new["momentum"] = self.momentum * slots["momentum"] + increment
            return var - new["momentum"], new
        return var - increment, new

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "rho": self.rho,
                "momentum": self.momentum,
                "epsilon": self.epsilon,
                "centered": self.centered,
            }
        )
        return config
