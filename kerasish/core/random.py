"""Seeds: `SeedGenerator`, the global generator, and `set_random_seed`."""

from __future__ import annotations

import random as python_random

import jax
import jax.numpy as jnp
import numpy as np

from kerasish.core import naming, scope
from kerasish.core.concrete import concrete_values

_GLOBAL: SeedGenerator | None = None


class SeedGenerator:
    """Generates a fresh PRNG key on each call to `next()`.

    Inside a pure call (`model.apply`, `fit`'s step) keys come from the call's
    `key`, split once per draw, so the function stays pure under `jax.jit`.
    Outside one, keys come from this generator's own seed and a draw counter.

    Args:
        seed: Initial seed (an int). Random when `None`.
        name: Optional name.

    Example:

    ```python
    seed_gen = keras.random.SeedGenerator(seed=42)
    values = keras.random.normal(shape=(2, 3), seed=seed_gen)
    ```
    """

    def __init__(self, seed: int | None = None, name: str | None = None, **kwargs):
        if kwargs:
            raise ValueError(f"Unrecognized keyword arguments: {kwargs}")
        self.name = name or naming.auto_name("SeedGenerator")
        self._initial_seed = seed
        if seed is None:
            seed = python_random.randint(1, int(1e9))
        if not isinstance(seed, int | np.integer):
            raise ValueError(
                f"Argument `seed` must be an integer. Received: seed={seed}"
            )
        self._seed = int(seed)
        self._count = 0

    def next(self, ordered: bool = True) -> jax.Array:
        """Returns a new PRNG key (raw `uint32[2]` key data)."""
        del ordered
        current = scope.current_scope()
        if current is not None and (current.key is not None or current.kind == "pure"):
            return current.next_key()
        # Keras' generator state is `[seed, n]`, incremented per draw: using the
        # same raw keys makes eager draws equal Keras' bit for bit.
        with concrete_values():
            key = jnp.array([self._seed % 2**32, self._count], dtype=jnp.uint32)
        # Shape inference draws too; it must not move the generator on.
        if current is None or current.kind != "symbolic":
            self._count += 1
        return key

    def get_config(self) -> dict:
        return {"seed": self._initial_seed, "name": self.name}

    @classmethod
    def from_config(cls, config: dict) -> SeedGenerator:
        return cls(**config)


def global_seed_generator() -> SeedGenerator:
    """The generator used by random ops and initializers called with `seed=None`."""
    global _GLOBAL
    if _GLOBAL is None:
        _GLOBAL = SeedGenerator()
    return _GLOBAL


def draw_key(seed: int | SeedGenerator | jax.Array | None) -> jax.Array:
    """Turns a Keras `seed` argument (int, SeedGenerator, key or None) into a key."""
    if isinstance(seed, SeedGenerator):
        return seed.next()
    if seed is None:
        current = scope.current_scope()
        if current is not None and current.key is not None:
            return current.next_key()
        return global_seed_generator().next()
    if isinstance(seed, int | np.integer):
        # Keras' key for an int seed is `[seed, 0]` (uint32), so seeded draws
        # (initializers, `keras.random.*`) reproduce Keras' values exactly.
        with concrete_values():
            return jnp.array([int(seed) % (2**32), 0], dtype="uint32")
    if isinstance(seed, jax.Array | np.ndarray):
        return seed
    raise ValueError(
        "Argument `seed` must be either an integer or an instance of "
        f"`SeedGenerator`. Received: seed={seed} (of type {type(seed)})"
    )


def set_random_seed(seed: int) -> None:
    """Sets all random seeds (Python, NumPy and kerasish's global generator).

    NumPy's global generator matters: `fit(shuffle=True)` draws each epoch's
    order from it, as Keras 3.15 does.
    """
    if not isinstance(seed, int | np.integer):
        raise ValueError(
            "Expected `seed` argument to be an integer. "
            f"Received: seed={seed} (of type {type(seed)})"
        )
    global _GLOBAL
    python_random.seed(seed)
    np.random.seed(seed)
    _GLOBAL = SeedGenerator(int(seed))
