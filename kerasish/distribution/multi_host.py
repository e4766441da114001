"""Multi-process runs: `initialize` and the global view of per-process data."""

from __future__ import annotations

import os
import random as python_random
from typing import Any

import jax
import numpy as np


def _allgather(value: np.ndarray) -> np.ndarray:
    """`value` from every process, stacked in process order (a collective)."""
    from jax.experimental import multihost_utils

    return np.asarray(multihost_utils.process_allgather(value))


def initialize(
    job_addresses: str | None = None,
    num_processes: int | None = None,
    process_id: int | None = None,
) -> None:
    """Initialize the distribution system for multi-host/process setting.

    Wraps `jax.distributed.initialize`; call it first in every process, before
    any computation. Unset arguments are read from the environment variables
    `KERAS_DISTRIBUTION_JOB_ADDRESSES`, `KERAS_DISTRIBUTION_NUM_PROCESSES` and
    `KERAS_DISTRIBUTION_PROCESS_ID`, else left to JAX's cluster detection
    (SLURM, Cloud TPU, ...). Unless `keras.utils.set_random_seed` was called,
    all processes then agree on one random seed, so weights start equal.

    Args:
        job_addresses: Comma separated addresses of all jobs; only the first
            (the coordinator, process 0, e.g. `"10.0.0.1:1234"`) is used.
        num_processes: The number of processes of the cluster.
        process_id: This process's index, in `[0, num_processes)`.

    Raises:
        ValueError: If `job_addresses` lists a different number of jobs than
            `num_processes`.
    """
    if job_addresses is None and "KERAS_DISTRIBUTION_JOB_ADDRESSES" in os.environ:
        job_addresses = os.environ["KERAS_DISTRIBUTION_JOB_ADDRESSES"]
    if num_processes is None and "KERAS_DISTRIBUTION_NUM_PROCESSES" in os.environ:
        num_processes = int(os.environ["KERAS_DISTRIBUTION_NUM_PROCESSES"])
    if process_id is None and "KERAS_DISTRIBUTION_PROCESS_ID" in os.environ:
        process_id = int(os.environ["KERAS_DISTRIBUTION_PROCESS_ID"])
    coordinator_address = job_addresses
    if job_addresses and "," in job_addresses:
        addresses = job_addresses.split(",")
        if num_processes is not None and num_processes != len(addresses):
            raise ValueError(
                f"The provided job_addresses {addresses} has "
                f"{len(addresses)} jobs, but num_processes is {num_processes}"
            )
        coordinator_address = addresses[0]
    jax.distributed.initialize(
        coordinator_address=coordinator_address,
        num_processes=num_processes,
        process_id=process_id,
    )
    _agree_on_seed()


def _agree_on_seed() -> None:
    """Sets one global seed in all processes unless the user set one (Keras
    sums a random seed drawn in each process)."""
    from kerasish.core import random as random_lib

    current = random_lib._GLOBAL
    if current is not None and current._initial_seed is not None:
        return
    local = np.array([python_random.randint(1, int(1e9))], dtype=np.int64)
    seeds = _allgather(local)
    random_lib.set_random_seed(int(np.sum(seeds)) % (2**32))


def _data_groups(dist: Any) -> tuple[int, list[int]]:
    """`(groups, representatives)`: processes sharing a data shard form a
    group (a model replica spanning processes); each group's rows come from
    its first process."""
    processes = dist.num_processes
    per_group = max(1, processes // dist.num_model_replicas)
    groups = processes // per_group
    return groups, [g * per_group for g in range(groups)]


def global_data(data: Any, dist: Any, per_process: bool) -> Any:
    """The global dataset (every process's rows, in process order), replicated
    on every device of the mesh.

    Raises:
        ValueError: With `auto_shard_dataset=True` (Keras' message).
        NotImplementedError: For entry points other than `fit` / `evaluate`.
    """
    if dist.auto_shard_dataset:
        x = data[0] if isinstance(data, tuple) else data
        raise ValueError(
            "When using a multi-worker distribution with auto-sharding enabled, "
            "the data must be provided as a `tf.data.Dataset` instance. "
            f"Received: type(x)={type(x)}. "
            "If the dataset is already sharded across workers, then set "
            "`distribution.auto_shard_dataset = False`."
        )
    if not per_process:
        raise NotImplementedError(
            "In a multi-process run, kerasish supports `fit` and `evaluate` "
            "(each process passing its own rows); `predict` and the "
            "`*_on_batch` methods run in single-process runs only."
        )
    _, representatives = _data_groups(dist)
    replicated = jax.sharding.NamedSharding(
        dist.device_mesh.backend_mesh, jax.sharding.PartitionSpec()
    )

    def globalize(a: Any) -> jax.Array:
        gathered = _allgather(np.asarray(a))
        rows = gathered[representatives].reshape((-1, *gathered.shape[2:]))
        return jax.device_put(rows, replicated)

    return jax.tree_util.tree_map(globalize, data)


def global_epoch(order: np.ndarray, plan: Any, dist: Any) -> tuple:
    """The global `(order, plan)` from each process's local ones.

    Raises:
        ValueError: If processes hold different numbers of samples or batch
            sizes (each global batch takes the same number from each).
    """
    from kerasish.distribution.data_sharding import scaled_plan

    sizes = _allgather(np.array([plan.num_samples, plan.batch_size], dtype=np.int64))
    if (sizes != sizes[0]).any():
        raise ValueError(
            "Every process must pass the same number of samples and the same "
            "`batch_size` (each global batch concatenates one local batch per "
            f"process). Received: (num_samples, batch_size) per process = "
            f"{sizes.tolist()}"
        )
    groups, representatives = _data_groups(dist)
    orders = _allgather(np.asarray(order, dtype=np.int64))
    n, b, full = plan.num_samples, plan.batch_size, plan.full
    local = [orders[p] + g * n for g, p in enumerate(representatives)]
    batches = np.concatenate(
        [o[: full * b].reshape(full, b) for o in local], axis=1
    ).reshape(-1)
    tail = np.concatenate([o[full * b : full * b + plan.remainder] for o in local])
    return np.concatenate([batches, tail]), scaled_plan(plan, groups)
