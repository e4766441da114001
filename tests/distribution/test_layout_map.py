"""`LayoutMap`: exact keys first, then regexes fully matching the path."""

import pytest

from kerasish.distribution import DeviceMesh, LayoutMap, TensorLayout


@pytest.fixture
def layout_map() -> LayoutMap:
    layout_map = LayoutMap(DeviceMesh((1, 1), ["batch", "model"]))
    layout_map[".*dense.*kernel"] = (None, "model")
    layout_map[".*dense.*bias"] = ("model",)
    layout_map["my_model/conv2d_1/kernel"] = (None, None, None, "model")
    return layout_map


def test_lookup(layout_map):
    assert layout_map["dense_1/kernel"].axes == (None, "model")
    assert layout_map["sequential/dense/bias"].axes == ("model",)
    assert layout_map["my_model/conv2d_1/kernel"].axes[-1] == "model"
    assert layout_map["my_model/conv3d_1/kernel"] is None
    # Regexes must match the whole path.
    assert layout_map["dense_1/kernel_extra/x"] is None
    assert layout_map["kernel"] is None
    assert isinstance(layout_map["dense/bias"], TensorLayout)
    assert layout_map["dense/bias"].device_mesh is layout_map.device_mesh
    assert len(layout_map) == 3 and list(layout_map)[0] == ".*dense.*kernel"


def test_multiple_matches(layout_map):
    layout_map["dense.*"] = (None,)
    with pytest.raises(ValueError, match="matches multiple layout specification"):
        layout_map["dense/kernel"]  # noqa: B018


def test_bad_values(layout_map):
    with pytest.raises(ValueError, match="already exist in the LayoutMap"):
        layout_map[".*dense.*bias"] = ("model",)
    with pytest.raises(ValueError, match="should be a TensorLayout type"):
        layout_map["x"] = [None, "model"]
    with pytest.raises(ValueError, match="Invalid axis names for Layout"):
        layout_map["y"] = ("modl",)
    del layout_map[".*dense.*bias"]
    assert layout_map["dense/bias"] is None
