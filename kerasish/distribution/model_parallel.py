"""`ModelParallel`: variables laid out by a `LayoutMap`, batches sharded."""

from __future__ import annotations

from typing import Any

from kerasish.distribution.device_mesh import TensorLayout
from kerasish.distribution.distribution_lib import Distribution
from kerasish.distribution.layout_map import LayoutMap


class ModelParallel(Distribution):
    """Distribution that shards model variables (and the batch).

    The `LayoutMap`'s mesh holds the devices; its keys are regexes over
    variable paths (`model.weights[i].path`, e.g. `"sequential/dense/kernel"`)
    and its values say which mesh axis shards each variable dimension.
    Variables matching no key are replicated. Optimizer moments take the
    layout of their variable. Input batches are sharded over `batch_dim_name`.

    Args:
        layout_map: A `LayoutMap` (its `device_mesh` is used).
        batch_dim_name: The mesh axis the batch is sharded over. Defaults to
            the mesh's first axis.
        auto_shard_dataset: See `Distribution`.
        **kwargs: `device_mesh` is accepted and ignored, as in Keras (the
            layout map's mesh is used).

    Example:

    >>> mesh = keras.distribution.DeviceMesh((2, 4), ["batch", "model"])
    >>> layout_map = keras.distribution.LayoutMap(mesh)
    >>> layout_map[".*dense.*kernel"] = (None, "model")
    >>> layout_map[".*dense.*bias"] = ("model",)
    >>> keras.distribution.set_distribution(
    ...     keras.distribution.ModelParallel(layout_map=layout_map)
    ... )
    """

    def __init__(
        self,
        *,
        layout_map: LayoutMap | None = None,
        batch_dim_name: str | None = None,
        auto_shard_dataset: bool = True,
        **kwargs: Any,
    ) -> None:
        kwargs.pop("device_mesh", None)
        if layout_map is None:
            raise ValueError("You must specify a layout_map argument.")
        if not isinstance(layout_map, LayoutMap):
            raise ValueError(
                "Argument `layout_map` must be a `LayoutMap` instance. "
                f"Received: layout_map={layout_map}"
            )
        device_mesh = layout_map.device_mesh
        batch_dim_name = batch_dim_name or device_mesh.axis_names[0]
        super().__init__(device_mesh, batch_dim_name, auto_shard_dataset)
        self._layout_map = layout_map
        if (
            self._is_multi_process
            and self.num_processes > self.num_model_replicas
            and self.num_processes % self.num_model_replicas != 0
        ):
            raise ValueError(
                "If `num_processes` is greater than `num_model_replicas`, "
                "`num_processes` must be divisible by `num_model_replicas`. "
                f"Got num_processes={self.num_processes}, "
                f"num_model_replicas={self.num_model_replicas}."
            )

    @property
    def layout_map(self) -> LayoutMap:
        return self._layout_map

    @property
    def num_model_replicas(self) -> int:
        return self.device_mesh.axis_size(self.batch_dim_name)

    def get_variable_layout(self, variable: Any) -> TensorLayout:
        if getattr(variable, "_layout", None) is not None:
            return variable._layout
        layout = self._layout_map[variable.path]
        if layout is not None:
            return layout
        return self._replicated_layout(len(variable.shape))

    def get_tensor_layout(self, path: str) -> TensorLayout | None:
        return self._layout_map[path]
