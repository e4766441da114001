"""Devices, `DeviceMesh` and `TensorLayout`: Keras names over `jax.sharding`."""

from __future__ import annotations

import math
from typing import Any

import jax
import numpy as np


def list_devices(device_type: str | None = None) -> list[str]:
    """Return all the available devices based on the device type.

    In a multi-process setting the global devices (of every process) are
    returned. Without `device_type`, the devices of JAX's default backend
    (GPUs or TPUs when present, else CPUs) are listed; types are never mixed.

    Args:
        device_type: One of `"cpu"`, `"gpu"` or `"tpu"`, or `None`.

    Returns:
        A list of strings formatted as `"device_type:id"`, e.g. `"gpu:1"`.
    """
    device_type = device_type.lower() if device_type else None
    return [f"{d.platform}:{d.id}" for d in jax.devices(backend=device_type)]


def get_device_count(device_type: str | None = None) -> int:
    """Returns the number of available devices of `device_type` (see `list_devices`).

    Args:
        device_type: One of `"cpu"`, `"gpu"` or `"tpu"`, or `None`.

    Returns:
        The total (global) number of devices of that type.
    """
    device_type = device_type.lower() if device_type else None
    return jax.device_count(device_type)


def to_jax_device(device: Any) -> jax.Device:
    """A `jax.Device` from a Keras device name (`"gpu:1"`) or a device."""
    if isinstance(device, jax.Device):
        return device
    name = str(device)
    device_type, device_id = name.split(":") if ":" in name else (name, 0)
    for candidate in jax.devices(backend=device_type):
        if candidate.platform == device_type and candidate.id == int(device_id):
            return candidate
    raise ValueError(f"Device not found: {name}")


class DeviceMesh:
    """A cluster of computation devices for distributed computation.

    The counterpart of `jax.sharding.Mesh`: devices arranged in an array whose
    axes have names, which `TensorLayout`s refer to.

    Args:
        shape: The mesh shape, e.g. `(8,)` for data parallelism only or
            `(4, 2)` for data and model parallelism.
        axis_names: One name per mesh axis, e.g. `["batch", "model"]`.
        devices: Optional list of devices (names like `"gpu:0"` or
            `jax.Device`s). Defaults to `keras.distribution.list_devices()`.

    Example:

    >>> mesh = keras.distribution.DeviceMesh((2, 2), ["batch", "model"])
    """

    def __init__(self, shape: Any, axis_names: Any, devices: Any = None) -> None:
        if not shape or not axis_names:
            raise ValueError(
                "Shape and axis_names cannot be empty. Received: "
                f"shape={shape}, axis_names={axis_names}"
            )
        if len(shape) != len(axis_names):
            raise ValueError(
                "Shape and axis_names should have same size. "
                f"Received: shape={shape}, axis_names={axis_names}"
            )
        if devices is None:
            devices = list_devices()
        devices = np.array(devices)
        if math.prod(shape) != math.prod(devices.shape):
            raise ValueError(
                "Shape does not match the number of devices. "
                f"Received: shape={shape}; devices.shape={devices.shape}"
            )
        self._shape = shape
        self._axis_names = axis_names
        self._devices = np.reshape(devices, shape)

    @property
    def shape(self) -> Any:
        return self._shape

    @property
    def axis_names(self) -> Any:
        return self._axis_names

    @property
    def devices(self) -> np.ndarray:
        return self._devices

    @property
    def backend_mesh(self) -> jax.sharding.Mesh:
        """The `jax.sharding.Mesh` over the same devices and axis names."""
        if not hasattr(self, "_backend_mesh"):
            flat = [to_jax_device(d) for d in self._devices.flatten()]
            devices = np.array(flat).reshape(self._devices.shape)
            self._backend_mesh = jax.sharding.Mesh(devices, tuple(self._axis_names))
        return self._backend_mesh

    def axis_size(self, name: str) -> int:
        """The number of devices along mesh axis `name`."""
        return int(self._shape[list(self._axis_names).index(name)])

    def __repr__(self) -> str:
        return (
            f"<{self.__class__.__name__} "
            f"shape={self.shape}, axis_names={self.axis_names}>"
        )

    def __str__(self) -> str:
        return self.__repr__()


class TensorLayout:
    """A layout to apply to a tensor: the counterpart of `NamedSharding`.

    Args:
        axes: One entry per tensor dimension: a mesh axis name to shard that
            dimension over, or `None` to keep it whole (replicated).
        device_mesh: Optional `DeviceMesh`; a `LayoutMap` fills it in.

    Example:

    >>> layout = keras.distribution.TensorLayout((None, "model"), mesh)
    """

    def __init__(self, axes: Any, device_mesh: DeviceMesh | None = None) -> None:
        self._axes = tuple(axes)
        self._device_mesh = device_mesh
        self._validate_axes()

    @property
    def axes(self) -> tuple:
        return self._axes

    @property
    def device_mesh(self) -> DeviceMesh | None:
        return self._device_mesh

    @device_mesh.setter
    def device_mesh(self, device_mesh: DeviceMesh) -> None:
        if self._device_mesh is not None:
            raise ValueError(
                "Cannot override device mesh value. Existing "
                f"value is {self._device_mesh}"
            )
        self._device_mesh = device_mesh
        self._validate_axes()

    @property
    def backend_layout(self) -> jax.sharding.NamedSharding:
        """The `jax.sharding.NamedSharding` of this layout."""
        if not hasattr(self, "_backend_layout"):
            if self._device_mesh is None:
                raise ValueError(
                    "Cannot create sharding when device mesh is not set "
                    "for TensorLayout."
                )
            spec = jax.sharding.PartitionSpec(*self._axes)
            self._backend_layout = jax.sharding.NamedSharding(
                self._device_mesh.backend_mesh, spec
            )
        return self._backend_layout

    def _validate_axes(self) -> None:
        if self._device_mesh:
            valid_axis_names = set(self._device_mesh.axis_names)
            axis_names = set(self._axes) - {None}
            if axis_names - valid_axis_names:
                raise ValueError(
                    "Invalid axis names for Layout. Valid axis "
                    f"names: {valid_axis_names}, Got {axis_names}"
                )

    def __repr__(self) -> str:
        return (
            f"<{self.__class__.__name__} "
            f"axes={self.axes}, device_mesh={self.device_mesh}>"
        )

    def __str__(self) -> str:
        return self.__repr__()
