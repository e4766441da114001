"""`Distribution` base class and the global distribution (getter, setter, scope)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import jax

from kerasish.distribution.device_mesh import DeviceMesh, TensorLayout

DEFAULT_BATCH_DIM_NAME = "batch"

_DISTRIBUTION: list = [None]


def distribution() -> Distribution | None:
    """Retrieve the current distribution from global context."""
    return _DISTRIBUTION[0]


def set_distribution(value: Distribution | None) -> None:
    """Set the distribution as the global distribution setting.

    Set it before creating the model: variables take their layout when they
    are created, as in Keras.

    Args:
        value: A `Distribution` instance (or `None` to go back to one device).
    """
    _DISTRIBUTION[0] = value


class Distribution:
    """Base class for variable distribution strategies.

    A distribution lays out model variables on a `DeviceMesh`, shards the
    input data along the mesh's batch axis, and can be made current globally
    (`set_distribution`) or in a `with distribution.scope():` block.

    Args:
        device_mesh: A `DeviceMesh` instance.
        batch_dim_name: The mesh axis the batch dimension is sharded over.
        auto_shard_dataset: Automatically shard the dataset amongst processes
            in a multi-process setting. kerasish's in-memory inputs cannot be
            sharded automatically: set it to `False` and pass each process its
            own part of the data.
    """

    def __init__(
        self,
        device_mesh: DeviceMesh,
        batch_dim_name: str | None = None,
        auto_shard_dataset: bool = True,
    ) -> None:
        self._device_mesh = device_mesh
        self._batch_dim_name = batch_dim_name
        self._auto_shard_dataset = auto_shard_dataset
        self._num_processes = jax.process_count()
        self._process_id = jax.process_index()
        self._is_multi_process = self._num_processes > 1

    @property
    def num_processes(self) -> int:
        """Total number of processes in the cluster."""
        return self._num_processes

    @property
    def num_model_replicas(self) -> int:
        """Number of model replicas (data shards)."""
        raise NotImplementedError()

    @property
    def data_shard_id(self) -> int:
        """ID of the data shard for the current process."""
        if self.num_model_replicas >= self.num_processes:
            return self._process_id
        processes_per_replica = self.num_processes // self.num_model_replicas
        return self._process_id // processes_per_replica

    def get_data_layout(self, data_shape: Any) -> TensorLayout:
        """The `TensorLayout` of an input batch: sharded on its first dimension."""
        axes = [None] * len(data_shape)
        axes[0] = self.batch_dim_name
        return TensorLayout(axes, self.device_mesh)

    def get_variable_layout(self, variable: Any) -> TensorLayout:
        """The `TensorLayout` for `variable`."""
        raise NotImplementedError()

    def get_tensor_layout(self, path: str) -> TensorLayout | None:
        """The `TensorLayout` for an intermediate tensor at `path`, or None."""
        raise NotImplementedError()

    @contextlib.contextmanager
    def scope(self) -> Iterator[None]:
        """Context manager to make the `Distribution` current."""
        original = distribution()
        set_distribution(self)
        try:
            yield
        finally:
            set_distribution(original)

    @property
    def device_mesh(self) -> DeviceMesh:
        return self._device_mesh

    @property
    def batch_dim_name(self) -> str | None:
        return self._batch_dim_name

    @property
    def auto_shard_dataset(self) -> bool:
        return self._auto_shard_dataset

    @auto_shard_dataset.setter
    def auto_shard_dataset(self, auto_shard_dataset: bool) -> None:
        self._auto_shard_dataset = auto_shard_dataset

    def distribute_dataset(self, dataset: Any) -> Any:
        """The dataset for this process: `dataset` itself unless it must be
        auto-sharded across processes, which kerasish's inputs do not support.

        Raises:
            ValueError: In a multi-process setting with `auto_shard_dataset`.
        """
        if not self._is_multi_process or not self.auto_shard_dataset:
            return dataset
        raise ValueError(
            f"The dataset type {type(dataset)} is not supported for "
            "auto-sharding in multi-process setting."
        )

    def _replicated_layout(self, ndim: int) -> TensorLayout:
        return TensorLayout([None] * ndim, self.device_mesh)

    def __repr__(self) -> str:
        return f"<{self.__class__.__name__} device_mesh={self.device_mesh}>"

    def __str__(self) -> str:
        return self.__repr__()
