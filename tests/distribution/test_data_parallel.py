"""DataParallel on 4 CPU devices trains exactly as one device does."""

import numpy as np
import pytest

from kerasish.distribution import DataParallel, DeviceMesh


def _assert_same(result: dict) -> None:
    single, sharded = result["single"], result["sharded"]
    assert single["history"].keys() == sharded["history"].keys()
    for key, values in single["history"].items():
        np.testing.assert_allclose(sharded["history"][key], values, rtol=1e-5)
    for a, b in zip(single["weights"], sharded["weights"], strict=True):
        np.testing.assert_allclose(b, a, rtol=1e-5, atol=1e-6)
    if "evaluate" in single:
        np.testing.assert_allclose(sharded["evaluate"], single["evaluate"], rtol=1e-5)
        np.testing.assert_allclose(
            sharded["predict"], single["predict"], rtol=1e-5, atol=1e-6
        )


def test_four_devices_are_listed(four_devices):
    assert four_devices["devices"] == ["cpu:0", "cpu:1", "cpu:2", "cpu:3"]


@pytest.mark.parametrize("model", ["mlp", "convnet"])
def test_fit_matches_one_device(four_devices, model):
    assert ("evaluate" in four_devices[model]["single"]) == (model == "mlp")
    # The MLP has BatchNormalization (global batch statistics), Dropout and a
    # validation split; the convnet trains step by step (CPU conv path).
    _assert_same(four_devices[model])


def test_variables_are_replicated(four_devices):
    assert "spec=P()" in four_devices["mlp"]["kernel_spec"]
    assert "'batch': 4" in four_devices["mlp"]["kernel_spec"]


def test_one_device_mesh():
    dist = DataParallel()
    assert dist.batch_dim_name == "batch"
    assert dist.num_model_replicas == 1
    assert repr(dist) == (
        "<DataParallel device_mesh=<DeviceMesh shape=(1,), axis_names=['batch']>>"
    )


def test_devices_and_mesh_arguments():
    dist = DataParallel(devices=["cpu:0"])
    assert dist.device_mesh.devices.tolist() == ["cpu:0"]
    dist = DataParallel(device_mesh=DeviceMesh((1,), ["data"]))
    assert dist.batch_dim_name == "data"
    with pytest.raises(ValueError, match="Expect `mesh` to be an instance"):
        DataParallel(device_mesh="mesh")
    with pytest.warns(UserWarning, match="Expect the input mesh to be 1D"):
        DataParallel(device_mesh=DeviceMesh((1, 1), ["a", "b"]))
