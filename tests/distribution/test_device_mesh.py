"""`list_devices`, `DeviceMesh` and `TensorLayout` (Keras messages)."""

import jax
import pytest

from kerasish.distribution import (
    DeviceMesh,
    TensorLayout,
    get_device_count,
    list_devices,
)


def test_list_devices():
    assert list_devices() == ["cpu:0"]
    assert list_devices("CPU") == ["cpu:0"]
    assert get_device_count() == 1


def test_device_mesh():
    mesh = DeviceMesh((1,), ["batch"])
    assert mesh.shape == (1,)
    assert mesh.axis_names == ["batch"]
    assert mesh.devices.tolist() == ["cpu:0"]
    assert repr(mesh) == "<DeviceMesh shape=(1,), axis_names=['batch']>"
    assert isinstance(mesh.backend_mesh, jax.sharding.Mesh)
    assert mesh.backend_mesh.axis_names == ("batch",)


@pytest.mark.parametrize(
    "args, message",
    [
        (((), ["a"]), "Shape and axis_names cannot be empty"),
        (((1,), ["a", "b"]), "Shape and axis_names should have same size"),
        (((2,), ["a"]), "Shape does not match the number of devices"),
    ],
)
def test_device_mesh_errors(args, message):
    with pytest.raises(ValueError, match=message):
        DeviceMesh(*args)


def test_tensor_layout():
    mesh = DeviceMesh((1, 1), ["batch", "model"])
    layout = TensorLayout([None, "model"], mesh)
    assert layout.axes == (None, "model")
    sharding = layout.backend_layout
    assert isinstance(sharding, jax.sharding.NamedSharding)
    assert sharding.spec == jax.sharding.PartitionSpec(None, "model")
    with pytest.raises(ValueError, match="Invalid axis names for Layout"):
        TensorLayout(["modl"], mesh)
    late = TensorLayout(("model",))
    with pytest.raises(ValueError, match="device mesh is not set"):
        late.backend_layout  # noqa: B018
    late.device_mesh = mesh
    with pytest.raises(ValueError, match="Cannot override device mesh value"):
        late.device_mesh = mesh
