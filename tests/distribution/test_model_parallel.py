"""ModelParallel: a LayoutMap shards variables (and their moments) as asked."""

import numpy as np
import pytest

from kerasish.distribution import DeviceMesh, LayoutMap, ModelParallel


def test_dense_kernels_are_sharded_as_asked(four_devices):
    specs = four_devices["model_parallel"]["specs"]
    # mesh (batch=2, model=2); d0: kernel (6, 8), bias (8,); d1: kernel (8, 4)
    assert specs["d0_kernel"] == [[None, "model"], [6, 4]]
    assert specs["d0_bias"] == [["model"], [4]]
    assert specs["d1_kernel"] == [["model"], [4, 4]]
    assert specs["d1_bias"] == [[None], [4]]
    # Optimizer moments follow their variable's layout.
    assert specs["d0_kernel_momentum"] == [None, "model"]
    assert specs["d1_kernel_momentum"] == ["model"]


def test_fit_matches_one_device(four_devices):
    result = four_devices["model_parallel"]
    for key, values in result["single"]["history"].items():
        np.testing.assert_allclose(result["sharded"]["history"][key], values, rtol=1e-5)
    for a, b in zip(
        result["single"]["weights"], result["sharded"]["weights"], strict=True
    ):
        np.testing.assert_allclose(b, a, rtol=1e-5, atol=1e-6)


def test_arguments():
    mesh = DeviceMesh((1, 1), ["data", "model"])
    layout_map = LayoutMap(mesh)
    dist = ModelParallel(layout_map=layout_map, device_mesh="ignored")
    assert dist.batch_dim_name == "data"
    assert dist.num_model_replicas == 1
    assert (
        ModelParallel(layout_map=layout_map, batch_dim_name="model").batch_dim_name
        == "model"
    )
    with pytest.raises(ValueError, match="You must specify a layout_map argument."):
        ModelParallel()
    with pytest.raises(ValueError, match="must be a `LayoutMap` instance"):
        ModelParallel(layout_map={})
