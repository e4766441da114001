"""`LoRA`: low-rank adaptation of a layer's main weight (Dense/EinsumDense
`kernel`, Embedding `embeddings`), as Keras' `enable_lora` does it."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from kerasish import initializers


class LoRA:
    """Mixin giving a layer `enable_lora(rank)`.

    The adapted weight `W` (named by `_lora_target`) is frozen and two float32
    weights `A (*W.shape[:-1], rank)` and `B (rank, W.shape[-1])` are added
    (`he_uniform` and zeros by default, so training starts from `W`); the
    layer computes with `W + (lora_alpha / rank) * A @ B`. Saving stores that
    merged `W` and not `A`/`B`; loading zeroes `A` and `B`, as in Keras.
    """

    _lora_target = "kernel"  # attribute holding the adapted weight
    _lora_prefix = "lora_kernel"  # `{prefix}_a`, `{prefix}_b`
    _lora_argument = "kernel"  # `{argument}_constraint`, `{argument}_regularizer`

    def _init_lora(self, lora_rank: int | None, lora_alpha: float | None) -> None:
        self.lora_rank = lora_rank
        self.lora_alpha = lora_alpha if lora_alpha is not None else lora_rank
        self.lora_enabled = False

    def enable_lora(
        self,
        rank: int,
        lora_alpha: float | None = None,
        a_initializer: Any = "he_uniform",
        b_initializer: Any = "zeros",
    ) -> None:
        """Freezes the adapted weight and adds the rank-`rank` update `A @ B`."""
        argument = self._lora_argument
        if getattr(self, f"{argument}_constraint"):
            what = "embedding" if argument == "embeddings" else argument
            raise ValueError(
                f"Lora is incompatible with {what} constraints. In order to enable "
                f"lora on this layer, remove the `{argument}_constraint` argument."
            )
        if not self.built:
            raise ValueError("Cannot enable lora on a layer that isn't yet built.")
        if self.lora_enabled:
            raise ValueError(
                "lora is already enabled. This can only be done once per layer."
            )
        target = getattr(self, self._lora_target)
        shape = tuple(target.shape)
        regularizer = getattr(self, f"{argument}_regularizer")
        for suffix, part_shape, initializer in (
            ("a", (*shape[:-1], rank), a_initializer),
            ("b", (rank, shape[-1]), b_initializer),
        ):
            name = f"{self._lora_prefix}_{suffix}"
            weight = self.add_weight(
                name=name,
                shape=part_shape,
                initializer=initializers.get(initializer),
                dtype="float32",
                regularizer=regularizer,
            )
            setattr(self, name, weight)
        target.trainable = False
        self.lora_enabled = True
        self.lora_rank = rank
        self.lora_alpha = lora_alpha if lora_alpha is not None else rank

    def _lora_weights(self) -> tuple:
        prefix = self._lora_prefix
        return getattr(self, f"{prefix}_a"), getattr(self, f"{prefix}_b")

    def _lora_delta(self) -> jax.Array:
        """The update `(lora_alpha / rank) * A @ B`."""
        a, b = self._lora_weights()
        return (self.lora_alpha / self.lora_rank) * jnp.matmul(a.value, b.value)

    def _with_lora(self, value: jax.Array) -> jax.Array:
        """The adapted weight's `value` plus the update, in the compute dtype
        (unchanged without LoRA)."""
        if not self.lora_enabled:
            return value
        return (value + self._lora_delta()).astype(self.compute_dtype)

    def _lora_config(self) -> dict:
        if not self.lora_rank:
            return {}
        return {"lora_rank": self.lora_rank, "lora_alpha": self.lora_alpha}

    def _saved_variables(self) -> list:
        from kerasish.saving.weights_h5 import own_variables

        lora = {id(w) for w in self._lora_weights()} if self.lora_enabled else set()
        return [v for v in own_variables(self) if id(v) not in lora]

    def save_own_variables(self, store: Any) -> None:
        """Keras' saving: the adapted weight merged with its update, no A/B."""
        if not self.built:
            return
        target = getattr(self, self._lora_target)
        for i, variable in enumerate(self._saved_variables()):
            value = variable.value
            if variable is target and self.lora_enabled:
                value = (value + self._lora_delta()).astype(value.dtype)
            store[str(i)] = np.asarray(value)

    def load_own_variables(self, store: Any) -> None:
        """Keras' loading: the saved weights, then A and B set to zeros."""
        from kerasish.saving.weights_h5 import check_count

        variables = self._saved_variables()
        if not self.lora_enabled:
            check_count(self, variables, store)
        if not self.built:
            return
        for i, variable in enumerate(variables):
            variable.assign(store[str(i)])
        for weight in self._lora_weights() if self.lora_enabled else ():
            weight.assign(jnp.zeros(weight.shape, weight.dtype))
