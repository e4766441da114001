"""MaxPooling1D / 2D / 3D: windows, strides, padding, data formats."""

import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer


def test_max_pooling1d_contract():
    check_layer(layers.MaxPooling1D, {}, (2, 7, 3), (2, 3, 3), 0, 0)


def test_max_pooling2d_contract():
    check_layer(
        layers.MaxPooling2D,
        {"pool_size": 3, "strides": 2, "padding": "same"},
        (2, 7, 6, 2),
        (2, 4, 3, 2),
        0,
        0,
    )


def test_max_pooling3d_contract():
    check_layer(
        layers.MaxPooling3D,
        {"data_format": "channels_first"},
        (1, 2, 4, 5, 3),
        (1, 2, 2, 2, 1),
        0,
        0,
    )


def test_max_pooling2d_matches_numpy_blocks():
    x = np.random.default_rng(0).normal(size=(2, 4, 6, 3)).astype("float32")
    want = x.reshape(2, 2, 2, 3, 2, 3).max(axis=(2, 4))
    np.testing.assert_allclose(layers.MaxPool2D()(x), want)


def test_max_pooling_defaults_and_config():
    layer = layers.MaxPooling2D(padding="SAME", name="p")
    assert layer.pool_size == (2, 2) and layer.strides == (2, 2)
    assert layer.get_config()["padding"] == "SAME"  # kept as given, as Keras does
    assert layers.MaxPooling1D(3).strides == (3,)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"pool_size": 0}, "pool_size"),
        ({"pool_size": 2, "strides": 0}, "strides"),
        ({"pool_size": 2, "padding": "causal"}, "padding"),
        ({"pool_size": 2, "data_format": "nchw"}, "data_format"),
    ],
)
def test_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        layers.MaxPooling2D(**kwargs)


def test_bad_inputs_name_the_layer():
    layer = layers.MaxPooling2D(name="mp")
    with pytest.raises(ValueError, match='"mp".*expected ndim=4, found ndim=3'):
        layer(np.zeros((1, 4, 4), "float32"))
    with pytest.raises(ValueError, match="'mp'.*zero or negative.*\\(1, 1, 4, 2\\)"):
        layer(np.zeros((1, 1, 4, 2), "float32"))
