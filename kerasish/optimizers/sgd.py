"""`SGD`: gradient descent with optional (Nesterov) momentum, Keras' rule."""

from __future__ import annotations

from typing import Any

import jax.numpy as jnp

from kerasish.optimizers.base import Optimizer


class SGD(Optimizer):
    """Gradient descent (with momentum) optimizer.

    Update rule for parameter `w` with gradient `g` when `momentum` is 0:
    `w = w - learning_rate * g`. When `momentum` is larger than 0:
    `velocity = momentum * velocity - learning_rate * g; w = w + velocity`
    (the learning rate sits inside the velocity, unlike `optax.sgd`). With
    `nesterov=True`: `w = w + momentum * velocity - learning_rate * g`.

    Args:
        learning_rate: A float, a `LearningRateSchedule`, or a callable with no
            arguments. Defaults to `0.01`.
        momentum: Float in `[0, 1]`. Defaults to `0.0`.
        nesterov: Boolean. Whether to apply Nesterov momentum.
        **kwargs: The base optimizer arguments (`weight_decay`, `clipnorm`,
            `clipvalue`, `global_clipnorm`, `use_ema`, `ema_momentum`,
            `ema_overwrite_frequency`, `loss_scale_factor`,
            `gradient_accumulation_steps`, `name`); see `Optimizer`.
    """

    def __init__(
        self,
        learning_rate: Any = 0.01,
        momentum: float = 0.0,
        nesterov: bool = False,
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
        # Keras quirk: `momentum` must be a float (`momentum=0` raises).
        if not isinstance(momentum, float) or momentum < 0 or momentum > 1:
            raise ValueError("`momentum` must be a float between [0, 1].")
        self.momentum = momentum
        self.nesterov = nesterov

    def _slot_groups(self) -> list[tuple[str, ...]]:
        return [("momentum",)] if self.momentum != 0 else []

    def _update_leaf(self, grad, var, slots, lr, step, extras):
        del step, extras
        if self.momentum == 0:
            return var - grad * lr, slots
        momentum = jnp.asarray(self.momentum, dtype=var.dtype)
        m = slots["momentum"] * momentum - grad * lr
        if self.nesterov:
            var = var + (m * momentum - grad * lr)
        else:
            var = var + m
        return var, {"momentum": m}

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"momentum": self.momentum, "nesterov": self.nesterov})
        return config
