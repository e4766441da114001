import jax
import numpy as np
import pytest

import kerasish as keras
from kerasish import layers
from tests.layer_checks import check_layer

CF = "channels_first"


@pytest.mark.parametrize(
    "cls, kwargs, shape",
    [
        (layers.SpatialDropout1D, {"rate": 0.5, "seed": 1}, (2, 3, 4)),
        (layers.SpatialDropout2D, {"rate": 0.5, "data_format": CF}, (2, 3, 2, 2)),
        (layers.SpatialDropout3D, {"rate": 0.2}, (1, 2, 2, 2, 3)),
    ],
)
def test_spatial_dropout_contract(cls, kwargs, shape):
    check_layer(cls, kwargs, shape, shape, 0, 0)


@pytest.mark.parametrize(
    "layer, shape, spatial",
    [
        (layers.SpatialDropout1D(0.5, seed=1), (64, 5, 32), (1,)),
        (layers.SpatialDropout2D(0.5, seed=2), (64, 2, 3, 32), (1, 2)),
        (layers.SpatialDropout2D(0.5, data_format=CF, seed=3), (64, 32, 3, 2), (2, 3)),
        (layers.SpatialDropout3D(0.5, seed=4), (64, 2, 1, 2, 32), (1, 2, 3)),
    ],
)
def test_spatial_dropout_drops_whole_channels(layer, shape, spatial):
    x = np.ones(shape, "float32")
    np.testing.assert_array_equal(layer(x), x)
    out = np.asarray(layer(x, training=True))
    assert set(np.unique(out)) == {0.0, 2.0}
    # Every feature map is either kept whole or dropped whole.
    low, high = out.min(axis=spatial), out.max(axis=spatial)
    np.testing.assert_array_equal(low, high)
    assert 0.4 < (low == 0).mean() < 0.6


def test_spatial_dropout_in_apply_uses_key():
    model = keras.Sequential([keras.Input((3, 16)), layers.SpatialDropout1D(0.5)])
    x = np.ones((4, 3, 16), "float32")
    a = model.apply(model.params, x, training=True, key=jax.random.key(0))
    b = model.apply(model.params, x, training=True, key=jax.random.key(0))
    c = model.apply(model.params, x, training=True, key=jax.random.key(1))
    np.testing.assert_array_equal(np.asarray(a), np.asarray(b))
    assert np.any(np.asarray(a) != np.asarray(c))


def test_spatial_dropout_config_as_keras():
    # Observed from Keras 3.15.1: only these keys, `dtype` as a plain string.
    assert layers.SpatialDropout2D(0.3, name="s").get_config() == {
        "rate": 0.3,
        "seed": None,
        "name": "s",
        "dtype": "float32",
        "data_format": "channels_last",
    }
    assert layers.SpatialDropout1D(0.3, name="s").get_config() == {
        "rate": 0.3,
        "seed": None,
        "name": "s",
        "dtype": "float32",
    }


def test_spatial_dropout_rejects_bad_rate_and_rank():
    with pytest.raises(ValueError, match="rate=1.5"):
        layers.SpatialDropout1D(1.5)
    with pytest.raises(ValueError, match="expected ndim=4, found ndim=3"):
        layers.SpatialDropout2D(0.5)(np.ones((1, 2, 3), "float32"))
