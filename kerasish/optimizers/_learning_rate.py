"""The optimizer learning rate: a float32 state leaf, a schedule, or a callable."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from kerasish.core.variables import Variable, unwrap
from kerasish.optimizers._variables import VariableSpec
from kerasish.optimizers.schedules import LearningRateSchedule


class LearningRateVariable(Variable):
    """A live view of an optimizer's float learning rate, like Keras' variable.

    Reading it gives the current value in `optimizer.opt_state`; `assign` sets
    `optimizer.learning_rate` (a functional update of the state, no retrace).
    """

    def __init__(self, optimizer: Any) -> None:
        self._optimizer = optimizer
        self.name = "learning_rate"
        self.path = f"{optimizer.name}/learning_rate"
        self.trainable = False
        self.regularizer = None
        self.constraint = None
        self.initializer = None

    @property
    def _value(self) -> jax.Array:  # type: ignore[override]
        return self._optimizer._lr_array()

    @_value.setter
    def _value(self, value: Any) -> None:
        self._optimizer.learning_rate = value


class LearningRateMixin:
    """Keras' `optimizer.learning_rate` property over `opt_state["learning_rate"]`."""

    def _lr_array(self) -> jax.Array:
        if self.opt_state is not None and "learning_rate" in self.opt_state:
            return self.opt_state["learning_rate"]
        return jnp.asarray(self._learning_rate, dtype=jnp.float32)

    def _current_learning_rate(self, state: dict) -> jax.Array:
        lr = self._learning_rate
        if isinstance(lr, LearningRateSchedule):
            return jnp.asarray(lr(state["iterations"]))
        if callable(lr):
            return jnp.asarray(unwrap(lr()))
        return state["learning_rate"]

    @property
    def learning_rate(self) -> Any:
        """The current learning rate.

        A `Variable`-like handle (`float()`, `.numpy()`, `.assign()`, arithmetic)
        for a float learning rate, or the schedule's value at `iterations`.
        """
        lr = self._learning_rate
        if isinstance(lr, LearningRateSchedule):
            return lr(jnp.asarray(self._raw_iterations(), dtype=jnp.int32))
        if callable(lr):
            return lr()
        # The same live view as the `learning_rate` entry of `variables`.
        return self._variable_view(
            VariableSpec(
                "learning_rate", None, "learning_rate", f"{self.name}/learning_rate"
            )
        )

    @learning_rate.setter
    def learning_rate(self, value: Any) -> None:
        value = unwrap(value)
        if isinstance(value, LearningRateSchedule) or callable(value):
            # A new schedule is Python, not state: compiled steps must retrace.
            self._learning_rate = value
            self._jitted_apply = None
            if self.opt_state is not None:
                self.opt_state = {
                    k: v for k, v in self.opt_state.items() if k != "learning_rate"
                }
            return
        if isinstance(self._learning_rate, LearningRateSchedule):
            raise TypeError(
                "This optimizer was created with a `LearningRateSchedule` object "
                "as its `learning_rate` constructor argument, hence its learning "
                "rate is not settable. If you need the learning rate to be "
                "settable, you should instantiate the optimizer with a float "
                "`learning_rate` argument."
            )
        if callable(self._learning_rate):
            raise TypeError(
                "This optimizer was created with a callable `learning_rate`, hence "
                "its learning rate cannot be set to a number. Set a new callable "
                f"or schedule instead. Received: learning_rate={value}"
            )
        if np.ndim(value) != 0:
            raise ValueError(
                "The learning rate must be a scalar. "
                f"Received: learning_rate with shape {np.shape(value)}"
            )
        new = jnp.asarray(value, dtype=jnp.float32)
        self._learning_rate = np.float32(np.asarray(new))
        if self.opt_state is not None:
            self.opt_state = {**self.opt_state, "learning_rate": new}
