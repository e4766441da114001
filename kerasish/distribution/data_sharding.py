"""Input data on the mesh: placing arrays, sharding each batch, epoch orders.

`fit` keeps kerasish's fused epochs: the data arrays are placed once per fit,
*replicated* on every device, and each step gathers its batch on device from
the permutation index, then `with_sharding_constraint` shards the gathered
batch along the mesh's batch axis. Replication keeps the gather local to each
device (no communication: the index is global and every device has every
row), costs each device the memory one device uses without a distribution,
and gives exactly the batches of single-device training. Sharding the arrays
instead would save memory but make every shuffled gather an all-to-all.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import jax
import numpy as np

from kerasish.distribution import multi_host, placement
from kerasish.distribution.distribution_lib import distribution


def num_data_shards(dist: Any) -> int:
    """How many parts each batch is split into (the batch mesh axis size)."""
    return dist.device_mesh.axis_size(dist.batch_dim_name)


def _indivisible(what: str, received: str, dist: Any) -> ValueError:
    shards = num_data_shards(dist)
    return ValueError(
        f"{what} must be divisible by the number of data shards of the "
        f"distribution ({shards}: mesh axis '{dist.batch_dim_name}' of "
        f"{dist.device_mesh}), because each batch is split evenly across them. "
        f"Use a `batch_size` that is a multiple of {shards}, and a number of "
        f"samples whose last partial batch is a multiple of {shards} too (or "
        "pass `steps_per_epoch` to skip it). "
        f"Received: {received}"
    )


def place_data(data: Any, per_process: bool = False) -> Any:
    """The arrays of `data` on the mesh, replicated on every device.

    Args:
        data: A tree of arrays (None leaves allowed).
        per_process: Whether each process passes its own rows (`fit`,
            `evaluate`); in a multi-process run they are gathered into the
            global dataset. Other entry points only work in one process.
    """
    dist = distribution()
    if dist._is_multi_process:
        return multi_host.global_data(data, dist, per_process)
    replicated = jax.sharding.NamedSharding(
        dist.device_mesh.backend_mesh, jax.sharding.PartitionSpec()
    )
    return jax.tree_util.tree_map(lambda a: placement.put(a, replicated), data)


def constrain_batch(batch: Any, dist: Any, axis: int = 0) -> Any:
    """Every array of `batch` (traced) sharded along `axis` over the batch mesh
    axis, with a clear error when its size does not split evenly."""
    shards = num_data_shards(dist)

    def constrain(a: Any) -> Any:
        if a.shape[axis] % shards:
            raise _indivisible(
                "The batch size", f"a batch of {a.shape[axis]} samples", dist
            )
        spec = [None] * a.ndim
        spec[axis] = dist.batch_dim_name
        sharding = jax.sharding.NamedSharding(
            dist.device_mesh.backend_mesh, jax.sharding.PartitionSpec(*spec)
        )
        return jax.lax.with_sharding_constraint(a, sharding)

    return jax.tree_util.tree_map(constrain, batch)


def constrain_step(step: Callable, model: Any) -> Callable:
    """`step(ts, batch)` with its batch sharded and its new state pinned to the
    variables' layouts; `step` itself when no distribution is set."""
    dist = distribution()
    if dist is None:
        return step

    def distributed_step(ts: Any, batch: Any) -> tuple:
        ts, logs = step(ts, constrain_batch(batch, dist))
        return placement.constrain_state(model, ts, dist), logs

    return distributed_step


def constrain_predict_batch(x: Any) -> Any:
    """A traced predict batch sharded over the batch axis (no-op otherwise)."""
    dist = distribution()
    return x if dist is None else constrain_batch(x, dist)


def prepare_epoch(order: np.ndarray, plan: Any) -> tuple:
    """`(order, plan)` for the global batches of one epoch.

    In one process this checks that every batch splits evenly over the data
    shards; across processes it also turns each process's local order and plan
    into the global ones (global batch `i` is the processes' batches `i`,
    concatenated in process order).
    """
    dist = distribution()
    if dist is None:
        return order, plan
    if dist._is_multi_process:
        order, plan = multi_host.global_epoch(order, plan, dist)
    shards = num_data_shards(dist)
    if plan.full and plan.batch_size % shards:
        raise _indivisible("The batch size", f"batch_size={plan.batch_size}", dist)
    if plan.remainder % shards:
        raise _indivisible(
            "The last partial batch size",
            f"a last batch of {plan.remainder} samples ({plan.num_samples} samples, "
            f"batch_size={plan.batch_size})",
            dist,
        )
    return order, plan


def scaled_plan(plan: Any, factor: int) -> Any:
    """A copy of an `EpochPlan` whose batches are `factor` times larger."""
    scaled = copy.copy(plan)
    scaled.batch_size = plan.batch_size * factor
    scaled.remainder = plan.remainder * factor
    scaled.num_samples = plan.full * scaled.batch_size + scaled.remainder
    return scaled
