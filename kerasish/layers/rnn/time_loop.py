"""The recurrent time loop: one `lax.scan` over time (or a Python unroll),
with Keras' masking semantics (`keras.src.backend.jax.rnn.rnn`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jax
import jax.numpy as jnp


def _first_state(states: list) -> jax.Array:
    """The previous output a masked step repeats: `states[0]`, or for stacked
    cells (nested states) the last cell's first state, as Keras picks it."""
    first = states[0]
    if isinstance(first, list | tuple):
        return states[-1][0]
    return first


def _where(is_masked: jax.Array, old: jax.Array, new: jax.Array) -> jax.Array:
    """`old` where a sample's step is masked: `is_masked` is `(batch, 1)`,
    widened to the rank of the values (conv states are `(batch, *spatial,
    channels)`)."""
    trailing = (1,) * (new.ndim - is_masked.ndim)
    return jnp.where(jnp.reshape(is_masked, is_masked.shape + trailing), old, new)


def _keep(is_masked: jax.Array, old: Any, new: Any) -> Any:
    return jax.tree_util.tree_map(lambda o, n: _where(is_masked, o, n), old, new)


def rnn(
    step: Callable,
    inputs: jax.Array,
    initial_states: list,
    output_init: jax.Array,
    go_backwards: bool = False,
    mask: jax.Array | None = None,
    unroll: bool = False,
    zero_output_for_mask: bool = False,
    return_all_outputs: bool = True,
) -> tuple[jax.Array, jax.Array | None, list]:
    """Runs `step(input_t, states) -> (output_t, new_states)` over time.

    Args:
        step: The cell step.
        inputs: `(batch, time, features)`.
        initial_states: The states before the first step (a list, maybe nested).
        output_init: Zeros shaped like one step's output; the carried "last
            output" starts from it when not all outputs are kept.
        go_backwards: Process the sequence in reverse; the returned sequence is
            then in processing (reversed) order, as in Keras.
        mask: Optional `(batch, time)` boolean mask. A masked step keeps the
            previous states and repeats the previous output (zeros with
            `zero_output_for_mask`).
        unroll: A Python loop over the (static) time axis instead of a scan.
        zero_output_for_mask: See `mask`.
        return_all_outputs: Whether to return the whole output sequence.

    Returns:
        `(last_output, outputs, new_states)`; `outputs` is
        `(batch, time, units)`, or None when `return_all_outputs` is False.
    """
    xs = jnp.swapaxes(inputs, 0, 1)  # (time, batch, features)
    if mask is not None:
        mask = jnp.swapaxes(jnp.asarray(mask).astype(bool), 0, 1)
        if mask.ndim == 2:
            mask = mask[..., None]  # (time, batch, 1)
    if unroll:
        return _unrolled(
            step, xs, initial_states, go_backwards, mask, return_all_outputs
        )

    def body(carry: tuple, x: Any) -> tuple:
        states, last = carry
        if mask is None:
            output, new_states = step(x, states)
        else:
            x, mask_t = x
            is_masked = jnp.all(jnp.logical_not(mask_t), axis=-1, keepdims=True)
            output, new_states = step(x, states)
            previous = (
                jnp.zeros_like(output) if zero_output_for_mask else _first_state(states)
            )
            output = _where(is_masked, previous, output)
            new_states = _keep(is_masked, states, new_states)
        if return_all_outputs:
            return (new_states, last), output
        return (new_states, output.astype(last.dtype)), None

    scan_xs = xs if mask is None else (xs, mask)
    (states, last), outputs = jax.lax.scan(
        body, (initial_states, output_init), scan_xs, reverse=go_backwards
    )
    if return_all_outputs:
        if go_backwards:
            outputs = jnp.flip(outputs, axis=0)
        last = outputs[-1]
        outputs = jnp.swapaxes(outputs, 0, 1)
    return last, outputs, states


def _unrolled(
    step: Callable,
    xs: jax.Array,
    states: list,
    go_backwards: bool,
    mask: jax.Array | None,
    return_all_outputs: bool,
) -> tuple[jax.Array, jax.Array | None, list]:
    """`unroll=True`: a Python loop; a masked step repeats the previous output,
    which is zeros before the first step (Keras' unrolled path ignores
    `zero_output_for_mask`)."""
    order = range(xs.shape[0] - 1, -1, -1) if go_backwards else range(xs.shape[0])
    outputs: list = []
    for t in order:
        output, new_states = step(xs[t], states)
        if mask is not None:
            is_masked = jnp.logical_not(mask[t])  # (batch, 1)
            previous = outputs[-1] if outputs else jnp.zeros_like(output)
            output = _where(is_masked, previous, output)
            new_states = _keep(is_masked, states, new_states)
        states = new_states
        outputs = [*outputs, output] if return_all_outputs else [output]
    if not return_all_outputs:
        return outputs[-1], None, states
    return outputs[-1], jnp.stack(outputs, axis=1), states
