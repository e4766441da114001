"""Learning-rate schedules: `keras.optimizers.schedules` (pure, jittable in `step`)."""

from __future__ import annotations

import math
from typing import Any

import jax
import jax.numpy as jnp

from kerasish.backend import config as backend_config

_MODULE = "keras.optimizers.schedules"


def _as_float(x: Any) -> jax.Array:
    # Keras converts Python numbers with `convert_to_tensor` (floatx). An int initial
    # rate would make Keras compute in int32 (always 0 for a fraction); we use floatx.
    if isinstance(x, bool | int | float):
        return jnp.asarray(x, dtype=backend_config.floatx())
    return jnp.asarray(x)


def _check_steps(name: str, value: Any) -> None:
    if value <= 0:
        raise ValueError(f"Argument `{name}` must be > 0. Received: {name}={value}")


class LearningRateSchedule:
    """The learning rate schedule base class.

    A schedule is a 1-arg callable `schedule(step) -> learning_rate`, where `step`
    is the optimizer's `iterations` (a scalar int32 array) before it is
    incremented. Pass an instance as the `learning_rate` of any optimizer; the
    schedule is evaluated inside the jitted training step, so `__call__` must use
    array operations only (no `float(step)`, no Python `if` on `step`).

    Subclasses implement `__call__(step)` and, to be serializable, `get_config()`.

    Example:

    ```python
    class MyLRSchedule(keras.optimizers.schedules.LearningRateSchedule):
        def __init__(self, initial_learning_rate):
            self.initial_learning_rate = initial_learning_rate

        def __call__(self, step):
            return self.initial_learning_rate / (step + 1)

    optimizer = keras.optimizers.SGD(learning_rate=MyLRSchedule(0.1))
    ```
    """

    def __call__(self, step: Any) -> jax.Array:
        raise NotImplementedError(
            f"Learning rate schedule '{self.__class__.__name__}' "
            "must override `__call__(self, step)`."
        )

    def get_config(self) -> dict:
        raise NotImplementedError(
            f"Learning rate schedule '{self.__class__.__name__}' must override "
            "`get_config()` in order to be serializable."
        )

    @classmethod
    def from_config(cls, config: dict) -> LearningRateSchedule:
        """Instantiates a `LearningRateSchedule` from its config."""
        return cls(**config)


class ExponentialDecay(LearningRateSchedule):
    """`initial_learning_rate * decay_rate ** (step / decay_steps)`.

    Args:
        initial_learning_rate: A Python float. The initial learning rate.
        decay_steps: A Python integer. Must be positive.
        decay_rate: A Python float. The decay rate.
        staircase: Boolean. If `True`, `step / decay_steps` is floored, so the
            learning rate decays at discrete intervals.
        name: String. Defaults to `"ExponentialDecay"`.
    """

    def __init__(
        self,
        initial_learning_rate: float,
        decay_steps: int,
        decay_rate: float,
        staircase: bool = False,
        name: str = "ExponentialDecay",
    ) -> None:
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name
        _check_steps("decay_steps", decay_steps)

    def __call__(self, step: Any) -> jax.Array:
        lr = _as_float(self.initial_learning_rate)
        p = jnp.asarray(step).astype(lr.dtype) / jnp.asarray(self.decay_steps, lr.dtype)
        if self.staircase:
            p = jnp.floor(p)
        return lr * jnp.power(jnp.asarray(self.decay_rate, lr.dtype), p)

    def get_config(self) -> dict:
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "decay_steps": self.decay_steps,
            "decay_rate": self.decay_rate,
            "staircase": self.staircase,
            "name": self.name,
        }


class PiecewiseConstantDecay(LearningRateSchedule):
    """A piecewise constant learning rate.

    Returns `values[0]` while `step <= boundaries[0]`, `values[1]` while
    `boundaries[0] < step <= boundaries[1]`, ..., and `values[-1]` after
    `boundaries[-1]`.

    Args:
        boundaries: A list of strictly increasing Python numbers.
        values: A list of Python numbers, one longer than `boundaries`.
        name: String. Defaults to `"PiecewiseConstant"`.

    Raises:
        ValueError: if `len(boundaries) != len(values) - 1`.
    """

    def __init__(
        self, boundaries: list, values: list, name: str = "PiecewiseConstant"
    ) -> None:
        if len(boundaries) != len(values) - 1:
            raise ValueError(
                "The length of boundaries should be 1 less than the length of "
                f"values. Received: boundaries={boundaries} of length "
                f"{len(boundaries)}, and values={values} of length {len(values)}."
            )
        self.boundaries = boundaries
        self.values = values
        self.name = name

    def __call__(self, step: Any) -> jax.Array:
        step = jnp.asarray(step)
        # As Keras: the boundaries take the step's dtype, the result the values'.
        bounds = [jnp.asarray(b).astype(step.dtype) for b in self.boundaries]
        values = [_as_float(v) for v in self.values]
        dtype = values[0].dtype
        result = (step <= bounds[0]).astype(dtype) * values[0]
        result = result + (step > bounds[-1]).astype(dtype) * values[-1]
        for low, high, value in zip(bounds[:-1], bounds[1:], values[1:-1], strict=True):
            result = result + ((step > low) & (step <= high)).astype(dtype) * value
        return result

    def get_config(self) -> dict:
        return {"boundaries": self.boundaries, "values": self.values, "name": self.name}


class PolynomialDecay(LearningRateSchedule):
    """Polynomial decay from `initial_learning_rate` to `end_learning_rate`.

    `(initial - end) * (1 - min(step, decay_steps) / decay_steps) ** power + end`.
    With `cycle=True`, `decay_steps` is replaced by the first multiple of it that
    is at least `step`.

    Args:
        initial_learning_rate: A Python float. The initial learning rate.
        decay_steps: A Python integer. Must be positive.
        end_learning_rate: A Python float. The minimal end learning rate.
        power: A Python float. The power of the polynomial. Defaults to `1.0`.
        cycle: Boolean. Whether it should cycle beyond `decay_steps`.
        name: String. Defaults to `"PolynomialDecay"`.
    """

    def __init__(
        self,
        initial_learning_rate: float,
        decay_steps: int,
        end_learning_rate: float = 0.0001,
        power: float = 1.0,
        cycle: bool = False,
        name: str = "PolynomialDecay",
    ) -> None:
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.end_learning_rate = end_learning_rate
        self.power = power
        self.cycle = cycle
        self.name = name
        _check_steps("decay_steps", decay_steps)

    def __call__(self, step: Any) -> jax.Array:
        lr = _as_float(self.initial_learning_rate)
        end = jnp.asarray(self.end_learning_rate, lr.dtype)
        power = jnp.asarray(self.power, lr.dtype)
        step = jnp.asarray(step).astype(lr.dtype)
        decay_steps = jnp.asarray(self.decay_steps, lr.dtype)
        if self.cycle:
            multiplier = jnp.where(step == 0, 1.0, jnp.ceil(step / self.decay_steps))
            decay_steps = decay_steps * multiplier.astype(lr.dtype)
        else:
            step = jnp.minimum(step, decay_steps)
        p = step / decay_steps
        return (lr - end) * jnp.power(1 - p, power) + end

    def get_config(self) -> dict:
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "decay_steps": self.decay_steps,
            "end_learning_rate": self.end_learning_rate,
            "power": self.power,
            "cycle": self.cycle,
            "name": self.name,
        }


class InverseTimeDecay(LearningRateSchedule):
    """`initial_learning_rate / (1 + decay_rate * step / decay_steps)`.

    Args:
        initial_learning_rate: A Python float. The initial learning rate.
        decay_steps: How often to apply decay.
        decay_rate: A Python number. The decay rate.
        staircase: Whether to floor `step / decay_steps` (discrete decay).
        name: String. Defaults to `"InverseTimeDecay"`.
    """

    def __init__(
        self,
        initial_learning_rate: float,
        decay_steps: int,
        decay_rate: float,
        staircase: bool = False,
        name: str = "InverseTimeDecay",
    ) -> None:
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name
        _check_steps("decay_steps", decay_steps)

    def __call__(self, step: Any) -> jax.Array:
        lr = _as_float(self.initial_learning_rate)
        p = jnp.asarray(step).astype(lr.dtype) / jnp.asarray(self.decay_steps, lr.dtype)
        if self.staircase:
            p = jnp.floor(p)
        denom = jnp.asarray(1, lr.dtype) + jnp.asarray(self.decay_rate, lr.dtype) * p
        return lr / denom

    def get_config(self) -> dict:
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "decay_steps": self.decay_steps,
            "decay_rate": self.decay_rate,
            "staircase": self.staircase,
            "name": self.name,
        }


class CosineDecay(LearningRateSchedule):
    """Cosine decay, optionally after a linear warmup (SGDR without restarts).

    Without `warmup_target` the rate decays from `initial_learning_rate` to
    `initial_learning_rate * alpha` over `decay_steps`. With it, the rate first
    grows linearly from `initial_learning_rate` to `warmup_target` over
    `warmup_steps`, then decays from `warmup_target` to `warmup_target * alpha`.

    Args:
        initial_learning_rate: A Python float. The initial learning rate.
        decay_steps: A Python int. Number of steps to decay over.
        alpha: A Python float. Minimum learning rate as a fraction of the peak.
        name: String. Defaults to `"CosineDecay"`.
        warmup_target: A Python float or `None` (no warmup).
        warmup_steps: A Python int. Number of steps to warm up over.
    """

    def __init__(
        self,
        initial_learning_rate: float,
        decay_steps: int,
        alpha: float = 0.0,
        name: str = "CosineDecay",
        warmup_target: float | None = None,
        warmup_steps: int = 0,
    ) -> None:
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.alpha = alpha
        self.name = name
        self.warmup_steps = warmup_steps
        self.warmup_target = warmup_target
        _check_steps("decay_steps", decay_steps)

    def _decay(self, step: jax.Array, decay_steps: jax.Array, peak: jax.Array):
        fraction = step / decay_steps
        pi = jnp.asarray(math.pi, peak.dtype)
        cosine_decayed = 0.5 * (1.0 + jnp.cos(pi * fraction))
        return peak * ((1 - self.alpha) * cosine_decayed + self.alpha)

    def __call__(self, step: Any) -> jax.Array:
        lr = _as_float(self.initial_learning_rate)
        decay_steps = jnp.asarray(self.decay_steps, lr.dtype)
        step = jnp.asarray(step).astype(lr.dtype)
        if self.warmup_target is None:
            return self._decay(jnp.minimum(step, decay_steps), decay_steps, lr)
        target = jnp.asarray(self.warmup_target, lr.dtype)
        warmup_steps = jnp.asarray(self.warmup_steps, lr.dtype)
        step = jnp.minimum(step, decay_steps + warmup_steps)
        warm = (target - lr) * (step / warmup_steps) + lr
        decayed = self._decay(step - warmup_steps, decay_steps, target)
        return jnp.where(step < warmup_steps, warm, decayed)

    def get_config(self) -> dict:
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "decay_steps": self.decay_steps,
            "alpha": self.alpha,
            "name": self.name,
            "warmup_target": self.warmup_target,
            "warmup_steps": self.warmup_steps,
        }


class CosineDecayRestarts(LearningRateSchedule):
    """Cosine decay with warm restarts (SGDR, Loshchilov & Hutter 2016).

    The multiplier decays from 1 to `alpha` over `first_decay_steps`, then
    restarts; each period is `t_mul` times longer and starts `m_mul` times lower.

    Args:
        initial_learning_rate: A Python float. The initial learning rate.
        first_decay_steps: A Python integer. Number of steps to decay over.
        t_mul: A Python float. Period length multiplier.
        m_mul: A Python float. Initial learning rate multiplier per period.
        alpha: A Python float. Minimum learning rate as a fraction of
            `initial_learning_rate`.
        name: String. Defaults to `"SGDRDecay"`.
    """

    def __init__(
        self,
        initial_learning_rate: float,
        first_decay_steps: int,
        t_mul: float = 2.0,
        m_mul: float = 1.0,
        alpha: float = 0.0,
        name: str = "SGDRDecay",
    ) -> None:
        self.initial_learning_rate = initial_learning_rate
        self.first_decay_steps = first_decay_steps
        self._t_mul = t_mul
        self._m_mul = m_mul
        self.alpha = alpha
        self.name = name
        _check_steps("first_decay_steps", first_decay_steps)

    def __call__(self, step: Any) -> jax.Array:
        lr = _as_float(self.initial_learning_rate)
        dtype = lr.dtype
        alpha = jnp.asarray(self.alpha, dtype)
        t_mul = jnp.asarray(self._t_mul, dtype)
        m_mul = jnp.asarray(self._m_mul, dtype)
        fraction = jnp.asarray(step).astype(dtype) / jnp.asarray(
            self.first_decay_steps, dtype
        )

        def periodic(fraction):
            i_restart = jnp.floor(fraction)
            return i_restart, fraction - i_restart

        def geometric(fraction):
            ratio = jnp.log(1.0 - fraction * (1.0 - t_mul)) / jnp.log(t_mul)
            i_restart = jnp.floor(ratio)
            sum_r = (1.0 - jnp.power(t_mul, i_restart)) / (1.0 - t_mul)
            return i_restart, (fraction - sum_r) / jnp.power(t_mul, i_restart)

        # A `cond` as in Keras (not a Python `if`): XLA compiles the branches, and
        # the compiled arithmetic is what Keras' numbers come from.
        i_restart, fraction = jax.lax.cond(t_mul == 1.0, periodic, geometric, fraction)
        m_fac = jnp.power(m_mul, i_restart)
        pi = jnp.asarray(math.pi, dtype)
        cosine_decayed = 0.5 * m_fac * (1.0 + jnp.cos(pi * fraction))
        return lr * ((1 - alpha) * cosine_decayed + alpha)

    def get_config(self) -> dict:
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "first_decay_steps": self.first_decay_steps,
            "t_mul": self._t_mul,
            "m_mul": self._m_mul,
            "alpha": self.alpha,
            "name": self.name,
        }


_BUILTINS = {
    cls.__name__: cls
    for cls in (
        ExponentialDecay,
        PiecewiseConstantDecay,
        PolynomialDecay,
        InverseTimeDecay,
        CosineDecay,
        CosineDecayRestarts,
    )
}


def serialize(learning_rate_schedule: LearningRateSchedule) -> dict:
    """Returns the Keras serialization dict of a schedule.

    Args:
        learning_rate_schedule: A `LearningRateSchedule` instance.

    Returns:
        `{"module", "class_name", "config", "registered_name"}` as Keras writes it.
    """
    cls = type(learning_rate_schedule)
    builtin = _BUILTINS.get(cls.__name__) is cls
    return {
        "module": _MODULE if builtin else cls.__module__,
        "class_name": cls.__name__,
        "config": learning_rate_schedule.get_config(),
        "registered_name": None if builtin else cls.__name__,
    }


def deserialize(
    config: dict, custom_objects: dict | None = None
) -> LearningRateSchedule:
    """Instantiates a schedule from its `serialize` dict.

    Args:
        config: The dict written by `serialize`.
        custom_objects: Optional dict mapping names to custom schedule classes.

    Returns:
        A `LearningRateSchedule` instance.

    Raises:
        ValueError: if the class is unknown.
    """
    objects = {**_BUILTINS, **(custom_objects or {})}
    name = config.get("registered_name") or config.get("class_name")
    cls = objects.get(name) or objects.get(config.get("class_name"))
    if cls is None:
        raise ValueError(
            f"Unknown decay: '{config.get('class_name')}'. Please ensure you are "
            "using a `keras.utils.custom_object_scope` and that this object is "
            f"included in the scope. Known: {sorted(_BUILTINS)}. "
            f"Received: config={config}"
        )
    return cls.from_config(dict(config["config"]))
