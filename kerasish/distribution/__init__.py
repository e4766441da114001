"""`keras.distribution`: data and model parallelism on JAX's SPMD sharding.

Set a distribution *before* creating the model; kerasish then lays out each
variable on a `jax.sharding.Mesh` when it is created (replicated for
`DataParallel`, as a `LayoutMap` says for `ModelParallel`), places the train
state and the data on the mesh, and `jax.jit` compiles each fused `fit` step
with every batch sharded along the mesh's batch axis. Losses, metrics and
BatchNormalization statistics are global, so results match one device up to
float reassociation.

One host, several devices::

    import kerasish as keras

    keras.distribution.set_distribution(keras.distribution.DataParallel())
    model = make_model()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(x, y, batch_size=256)  # the global batch, split over devices

(On CPU, `XLA_FLAGS=--xla_force_host_platform_device_count=4` gives 4
devices to try it.)

Several hosts (or processes): start the same script once per process. Each
calls `keras.distribution.initialize(...)` first (it wraps
`jax.distributed.initialize`: the coordinator's address, the number of
processes and this process's id, or the `KERAS_DISTRIBUTION_JOB_ADDRESSES`,
`KERAS_DISTRIBUTION_NUM_PROCESSES`, `KERAS_DISTRIBUTION_PROCESS_ID`
environment variables, or nothing on SLURM / Cloud TPU where JAX detects the
cluster), then creates the distribution with `auto_shard_dataset=False` and
passes `fit` its own part of the data::

    keras.distribution.initialize("10.0.0.1:1234", num_processes=2, process_id=RANK)
    dist = keras.distribution.DataParallel(auto_shard_dataset=False)
    keras.distribution.set_distribution(dist)
    model = make_model()
    model.compile(...)
    model.fit(x[RANK::2], y[RANK::2], batch_size=32)  # global batch: 2 x 32

Every process must pass the same number of samples and the same `batch_size`;
global batch `i` is the processes' local batches `i` concatenated in process
order, so `fit` on N processes equals `fit` on one process with that global
batch. `list_devices()` lists the devices of all processes. In multi-process
runs kerasish supports `fit` and `evaluate`; weights (`get_weights`, saving)
are readable in every process for replicated variables.
"""

from kerasish.distribution.data_parallel import DataParallel
from kerasish.distribution.device_mesh import (
    DeviceMesh,
    TensorLayout,
    get_device_count,
    list_devices,
)
from kerasish.distribution.distribution_lib import (
    Distribution,
    distribution,
    set_distribution,
)
from kerasish.distribution.layout_map import LayoutMap
from kerasish.distribution.model_parallel import ModelParallel
from kerasish.distribution.multi_host import initialize
from kerasish.distribution.placement import distribute_tensor

__all__ = [
    "DataParallel",
    "DeviceMesh",
    "Distribution",
    "LayoutMap",
    "ModelParallel",
    "TensorLayout",
    "distribute_tensor",
    "distribution",
    "get_device_count",
    "initialize",
    "list_devices",
    "set_distribution",
]
