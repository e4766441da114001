"""`DropoutRNNCell`: dropout masks drawn once per sequence, reused at every step."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp


class DropoutRNNCell:
    """Mixin holding the dropout masks of an RNN cell.

    Keras semantics: the masks are drawn once per call of the RNN layer (before
    the time loop) and the same masks are used at every time step; the RNN
    layer clears them after the loop. A cell mixing this in has `dropout`,
    `recurrent_dropout` and a `seed_generator`; with `dropout_mask_count` set
    (LSTM/GRU `implementation=1`) each mask is a list of that many masks.
    """

    def _create_dropout_mask(self, step_input: Any, rate: float) -> Any:
        from kerasish import random

        ones = jnp.ones_like(step_input)
        count = getattr(self, "dropout_mask_count", None)
        if count is None:
            return random.dropout(ones, rate=rate, seed=self.seed_generator)
        return [
            random.dropout(ones, rate=rate, seed=self.seed_generator)
            for _ in range(count)
        ]

    def get_dropout_mask(self, step_input: jax.Array) -> Any:
        """The input dropout mask (drawn on first use), or None without dropout."""
        if getattr(self, "_dropout_mask", None) is None and self.dropout > 0:
            self._dropout_mask = self._create_dropout_mask(step_input, self.dropout)
        return getattr(self, "_dropout_mask", None)

    def get_recurrent_dropout_mask(self, step_input: jax.Array) -> Any:
        """The recurrent-state dropout mask, or None without recurrent dropout."""
        if (
            getattr(self, "_recurrent_dropout_mask", None) is None
            and self.recurrent_dropout > 0
        ):
            self._recurrent_dropout_mask = self._create_dropout_mask(
                step_input, self.recurrent_dropout
            )
        return getattr(self, "_recurrent_dropout_mask", None)

    def reset_dropout_mask(self) -> None:
        """Forgets the input mask (the next sequence draws a new one)."""
        self._dropout_mask = None

    def reset_recurrent_dropout_mask(self) -> None:
        """Forgets the recurrent mask (the next sequence draws a new one)."""
        self._recurrent_dropout_mask = None
