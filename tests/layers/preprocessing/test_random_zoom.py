import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer

X = np.arange(24, dtype="float32").reshape(2, 3, 4, 1) * 10


def test_random_zoom_contract():
    kwargs = {"height_factor": 0.0}
    check_layer(layers.RandomZoom, kwargs, (2, 4, 4, 1), (2, 4, 4, 1), 0, 0)


def test_seeded_zoom_matches_keras():
    layer = layers.RandomZoom(0.5, fill_mode="nearest", seed=3)
    y = np.asarray(layer(X, training=True))[..., 0]
    # Keras 3.15.1 output (first image zoomed in, second zoomed out).
    np.testing.assert_allclose(
        y[0],
        [
            [0, 8.2199, 21.7801, 30],
            [40, 48.2199, 61.7801, 70],
            [80, 88.2199, 101.7801, 110],
        ],
        atol=2e-4,
    )
    np.testing.assert_allclose(
        y[1, 0], [120.8785, 130.7188, 140.5591, 150.3993], atol=2e-4
    )


def test_zoom_geometry():
    x = np.random.default_rng(0).normal(size=(2, 5, 5, 1)).astype("float32")
    # A zoom of 1 + 1.0 reads input pixel 2 * i - 2: the image shrinks by half
    # about its centre, and the border is filled.
    layer = layers.RandomZoom((1.0, 1.0), fill_mode="constant", fill_value=7.0)
    y = np.asarray(layer(x, training=True))
    np.testing.assert_allclose(y[:, 1:4, 1:4], x[:, 0:5:2, 0:5:2], atol=1e-6)
    np.testing.assert_array_equal(y[:, 0], 7.0)
    np.testing.assert_array_equal(layers.RandomZoom(0.3)(x, training=False), x)


def test_config_and_bad_arguments():
    config = layers.RandomZoom(0.2, name="rz").get_config()
    assert config["height_factor"] == 0.2 and config["width_factor"] is None
    with pytest.raises(ValueError, match="input_number=-1"):
        layers.RandomZoom(-1.0)
    with pytest.raises(ValueError, match="width_factor"):
        layers.RandomZoom(0.2, width_factor="big")
