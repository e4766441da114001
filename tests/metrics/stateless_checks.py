"""Shared check: a metric's jitted pure face equals its eager stateful face."""

from collections.abc import Callable, Sequence

import jax
import numpy as np


def check_jit_stateless(
    make: Callable, batches: Sequence[tuple], build: bool = False, rtol: float = 1e-6
) -> None:
    """Runs `batches` of `(y_true, y_pred, sample_weight)` through two fresh
    metrics from `make()`: eagerly via `update_state`, and through jitted
    `stateless_update_state` / `stateless_result`. Metrics that create their
    state on the first update (`build=True`) get one eager update and a
    reset first, as the trainer builds them before tracing."""
    eager = make()
    pure = make()
    if build:
        y_true, y_pred, sample_weight = batches[0]
        pure.update_state(y_true, y_pred, sample_weight=sample_weight)
        pure.reset_state()
    values = pure.stateless_reset_state()
    update = jax.jit(
        lambda values, t, p, w: pure.stateless_update_state(values, t, p, w)
    )
    result = jax.jit(pure.stateless_result)
    for y_true, y_pred, sample_weight in batches:
        eager.update_state(y_true, y_pred, sample_weight=sample_weight)
        values = update(values, y_true, y_pred, sample_weight)
        np.testing.assert_allclose(
            np.asarray(result(values)), np.asarray(eager.result()), rtol=rtol, atol=1e-7
        )
    # The pure face left the stateful variables untouched.
    for v in pure.variables:
        assert not np.any(np.asarray(v.value)), v.path
