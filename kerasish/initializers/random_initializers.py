"""Random initializers: normal, uniform, truncated normal, variance scaling, orthogonal.

Seeds follow Keras 3.15.1: an int seed (or `seed=None`, which draws a random
int once, at construction) gives the *same* values on every call of the same
instance; a `SeedGenerator` gives new values on every call.
"""

from __future__ import annotations

import math
import random as python_random
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from kerasish.backend import config
from kerasish.core.concrete import concrete_values
from kerasish.core.random import SeedGenerator, draw_key
from kerasish.initializers.initializer import Initializer
from kerasish.ops._dispatch import standardize_dtype

# Keras' stddev correction for a standard normal truncated to [-2, 2].
_TRUNCATION_CORRECTION = 0.87962566103423978


def _dtype(dtype: Any) -> str:
    return standardize_dtype(dtype) or config.floatx()


def _key(seed: int | SeedGenerator) -> jax.Array:
    with concrete_values():
        return draw_key(seed)


def _normal(shape, mean, stddev, dtype, seed) -> jax.Array:
    sample = jax.random.normal(_key(seed), shape=tuple(shape), dtype=_dtype(dtype))
    return sample * stddev + mean


def _truncated_normal(shape, mean, stddev, dtype, seed) -> jax.Array:
    sample = jax.random.truncated_normal(
        _key(seed), -2.0, 2.0, shape=tuple(shape), dtype=_dtype(dtype)
    )
    return sample * stddev + mean


def _uniform(shape, minval, maxval, dtype, seed) -> jax.Array:
    return jax.random.uniform(
        _key(seed), tuple(shape), _dtype(dtype), minval=minval, maxval=maxval
    )


def _serialize_seed(seed: Any) -> Any:
    if isinstance(seed, SeedGenerator):
        return {
            "module": "keras.random",
            "class_name": "SeedGenerator",
            "config": seed.get_config(),
            "registered_name": None,
        }
    return seed


class RandomInitializer(Initializer):
    """Base class of random initializers: resolves and stores the seed.

    Args:
        seed: An int, a `keras.random.SeedGenerator`, or `None` (a random int
            is drawn once, so every call of this instance gives equal values).
    """

    def __init__(self, seed: int | SeedGenerator | dict | None = None) -> None:
        self._init_seed = seed
        if seed is None:
            seed = python_random.randint(1, int(1e9))
        elif isinstance(seed, dict):
            seed = SeedGenerator.from_config(seed.get("config", seed))
        elif not isinstance(seed, int | np.integer | SeedGenerator):
            raise ValueError(
                "`seed` argument should be an instance of "
                "`keras.random.SeedGenerator()` or an integer. "
                f"Received: seed={seed}"
            )
        self.seed = seed

    def get_config(self) -> dict:
        return {"seed": _serialize_seed(self._init_seed)}


class RandomNormal(RandomInitializer):
    """Random normal initializer: samples from `N(mean, stddev**2)`.

    Args:
        mean: Mean of the values.
        stddev: Standard deviation of the values.
        seed: An int, a `SeedGenerator`, or `None`.

    Example:

    >>> initializer = RandomNormal(mean=0.0, stddev=1.0)
    >>> values = initializer(shape=(2, 2))
    """

    def __init__(self, mean: float = 0.0, stddev: float = 0.05, seed: Any = None):
        self.mean = mean
        self.stddev = stddev
        super().__init__(seed=seed)

    def __call__(self, shape: tuple[int, ...], dtype: Any = None) -> jax.Array:
        return _normal(shape, self.mean, self.stddev, dtype, self.seed)

    def get_config(self) -> dict:
        return {**super().get_config(), "mean": self.mean, "stddev": self.stddev}


class TruncatedNormal(RandomInitializer):
    """Normal initializer truncated to within two standard deviations of the mean.

    Args:
        mean: Mean of the values.
        stddev: Standard deviation before truncation.
        seed: An int, a `SeedGenerator`, or `None`.
    """

    def __init__(self, mean: float = 0.0, stddev: float = 0.05, seed: Any = None):
        self.mean = mean
        self.stddev = stddev
        super().__init__(seed=seed)

    def __call__(self, shape: tuple[int, ...], dtype: Any = None) -> jax.Array:
        return _truncated_normal(shape, self.mean, self.stddev, dtype, self.seed)

    def get_config(self) -> dict:
        return {**super().get_config(), "mean": self.mean, "stddev": self.stddev}


class RandomUniform(RandomInitializer):
    """Random uniform initializer: samples from `[minval, maxval)`.

    Args:
        minval: Lower bound.
        maxval: Upper bound (excluded).
        seed: An int, a `SeedGenerator`, or `None`.
    """

    def __init__(self, minval: float = -0.05, maxval: float = 0.05, seed: Any = None):
        self.minval = minval
        self.maxval = maxval
        super().__init__(seed=seed)

    def __call__(self, shape: tuple[int, ...], dtype: Any = None) -> jax.Array:
        return _uniform(shape, self.minval, self.maxval, dtype, self.seed)

    def get_config(self) -> dict:
        return {**super().get_config(), "minval": self.minval, "maxval": self.maxval}


def compute_fans(
    shape: tuple[int, ...], input_axes: Any = None, output_axes: Any = None
) -> tuple[int, int]:
    """Computes `(fan_in, fan_out)` of a weight shape, as Keras does.

    Rank 1: both are `shape[0]`; rank 2: `shape[0]`, `shape[1]`; higher ranks
    (conv kernels): `shape[-2]` and `shape[-1]` times the receptive field size
    `prod(shape[:-2])`. With both `input_axes` and `output_axes` given, the fans
    are the products of those axes.
    """
    shape = tuple(shape)
    if input_axes is not None and output_axes is not None:
        fan_in = math.prod(shape[axis] for axis in input_axes)
        fan_out = math.prod(shape[axis] for axis in output_axes)
        return int(fan_in), int(fan_out)
    if len(shape) < 1:
        return 1, 1
    if len(shape) == 1:
        return int(shape[0]), int(shape[0])
    receptive_field = math.prod(shape[:-2])
    return int(shape[-2] * receptive_field), int(shape[-1] * receptive_field)


class VarianceScaling(RandomInitializer):
    """Initializer whose scale adapts to the shape of the weights.

    With `distribution="truncated_normal"` (or `"normal"`) samples come from a
    normal truncated to 2 stddevs, `stddev = sqrt(scale / n) / 0.8796...`;
    `"untruncated_normal"` uses `stddev = sqrt(scale / n)`; `"uniform"` samples
    from `[-limit, limit]` with `limit = sqrt(3 * scale / n)`. `n` is `fan_in`,
    `fan_out` or their average, depending on `mode`.

    Args:
        scale: Scaling factor (positive float).
        mode: One of `"fan_in"`, `"fan_out"`, `"fan_avg"`.
        distribution: `"truncated_normal"`, `"untruncated_normal"` or `"uniform"`.
        seed: An int, a `SeedGenerator`, or `None`.
        input_axes: Optional axes whose product is `fan_in`.
        output_axes: Optional axes whose product is `fan_out`.
    """

    def __init__(
        self,
        scale: float = 1.0,
        mode: str = "fan_in",
        distribution: str = "truncated_normal",
        seed: Any = None,
        input_axes: Any = None,
        output_axes: Any = None,
    ) -> None:
        if scale <= 0.0:
            raise ValueError(
                f"Argument `scale` must be positive float. Received: scale={scale}"
            )
        allowed_modes = {"fan_in", "fan_out", "fan_avg"}
        if mode not in allowed_modes:
            raise ValueError(
                f"Invalid `mode` argument: {mode}. Please use one of {allowed_modes}"
            )
        distribution = distribution.lower()
        if distribution == "normal":
            distribution = "truncated_normal"
        allowed = {"uniform", "truncated_normal", "untruncated_normal"}
        if distribution not in allowed:
            raise ValueError(
                f"Invalid `distribution` argument: {distribution}."
                f"Please use one of {allowed}"
            )
        self.scale = scale
        self.mode = mode
        self.distribution = distribution
        self.input_axes = input_axes
        self.output_axes = output_axes
        super().__init__(seed=seed)

    def __call__(self, shape: tuple[int, ...], dtype: Any = None) -> jax.Array:
        fan_in, fan_out = compute_fans(shape, self.input_axes, self.output_axes)
        fans = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2}
        scale = self.scale / max(1.0, fans[self.mode])
        if self.distribution == "truncated_normal":
            stddev = math.sqrt(scale) / _TRUNCATION_CORRECTION
            return _truncated_normal(shape, 0.0, stddev, dtype, self.seed)
        if self.distribution == "untruncated_normal":
            return _normal(shape, 0.0, math.sqrt(scale), dtype, self.seed)
        limit = math.sqrt(3.0 * scale)
        return _uniform(shape, -limit, limit, dtype, self.seed)

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "scale": self.scale,
            "mode": self.mode,
            "distribution": self.distribution,
            "input_axes": self.input_axes,
            "output_axes": self.output_axes,
        }


class _FixedVarianceScaling(VarianceScaling):
    """A `VarianceScaling` preset: only the seed and axes are configurable."""

    _preset: tuple[float, str, str] = (1.0, "fan_in", "truncated_normal")

    def __init__(
        self, seed: Any = None, input_axes: Any = None, output_axes: Any = None
    ):
        scale, mode, distribution = self._preset
        super().__init__(scale, mode, distribution, seed, input_axes, output_axes)

    def get_config(self) -> dict:
        return {
            "seed": _serialize_seed(self._init_seed),
            "input_axes": self.input_axes,
            "output_axes": self.output_axes,
        }


class GlorotUniform(_FixedVarianceScaling):
    """Glorot (Xavier) uniform: `U(-limit, limit)`, `limit = sqrt(6 / (in + out))`.

    Args:
        seed: An int, a `SeedGenerator`, or `None`.
    """

    _preset = (1.0, "fan_avg", "uniform")


class GlorotNormal(_FixedVarianceScaling):
    """Glorot (Xavier) normal: truncated, `stddev = sqrt(2 / (fan_in + fan_out))`."""

    _preset = (1.0, "fan_avg", "truncated_normal")


class LecunNormal(_FixedVarianceScaling):
    """Lecun normal: truncated normal with `stddev = sqrt(1 / fan_in)`."""

    _preset = (1.0, "fan_in", "truncated_normal")


class LecunUniform(_FixedVarianceScaling):
    """Lecun uniform: `U(-limit, limit)`, `limit = sqrt(3 / fan_in)`."""

    _preset = (1.0, "fan_in", "uniform")


class HeNormal(_FixedVarianceScaling):
    """He normal: truncated normal with `stddev = sqrt(2 / fan_in)`."""

    _preset = (2.0, "fan_in", "truncated_normal")


class HeUniform(_FixedVarianceScaling):
    """He uniform: `U(-limit, limit)`, `limit = sqrt(6 / fan_in)`."""

    _preset = (2.0, "fan_in", "uniform")


class Orthogonal(RandomInitializer):
    """Initializer that generates an orthogonal matrix (rows or columns orthonormal).

    The shape is flattened to `(prod(shape[:-1]), shape[-1])`; the QR
    decomposition of a normal matrix gives the orthogonal factor, with signs
    fixed by the diagonal of `R`.

    Args:
        gain: Multiplicative factor applied to the orthogonal matrix.
        seed: An int, a `SeedGenerator`, or `None`.
    """

    def __init__(self, gain: float = 1.0, seed: Any = None) -> None:
        self.gain = gain
        super().__init__(seed=seed)

    def __call__(self, shape: tuple[int, ...], dtype: Any = None) -> jax.Array:
        if len(shape) < 2:
            raise ValueError(
                "The tensor to initialize must be at least two-dimensional. "
                f"Received: shape={shape} of rank {len(shape)}."
            )
        num_rows = math.prod(shape[:-1])
        num_cols = shape[-1]
        flat_shape = (max(num_cols, num_rows), min(num_cols, num_rows))
        with concrete_values():
            a = _normal(flat_shape, 0.0, 1.0, dtype, self.seed)
            q, r = jnp.linalg.qr(a)
            q = q * jnp.sign(jnp.diag(r))
            if num_rows < num_cols:
                q = q.T
            return (self.gain * jnp.reshape(q, tuple(shape))).astype(q.dtype)

    def get_config(self) -> dict:
        return {**super().get_config(), "gain": self.gain}
