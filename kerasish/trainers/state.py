"""`TrainState`: everything a jitted step reads and writes, as trees."""

from __future__ import annotations

from typing import Any, NamedTuple

import jax


class TrainState(NamedTuple):
    """The carried state of training: a pytree, donated to each jitted call.

    `params` are the trainable weights, `state` the non-trainable ones
    (frozen weights included), `opt_state` the optimizer's, `metric_state`
    one list of variable values per tracked metric, `key` the PRNG key for
    Dropout and other random layers.
    """

    params: Any
    state: Any
    opt_state: Any
    metric_state: Any
    key: jax.Array
