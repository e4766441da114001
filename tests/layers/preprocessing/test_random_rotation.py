import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer

X = np.arange(24, dtype="float32").reshape(2, 3, 4, 1) * 10


def test_random_rotation_contract():
    check_layer(
        layers.RandomRotation, {"factor": 0.0}, (2, 4, 4, 1), (2, 4, 4, 1), 0, 0
    )


def test_seeded_rotation_matches_keras():
    layer = layers.RandomRotation(0.25, fill_mode="constant", seed=3)
    y = np.asarray(layer(X, training=True))[..., 0]
    # Keras 3.15.1 output.
    np.testing.assert_allclose(
        y[0],
        [
            [3.7284, 26.339, 66.6871, 100.6289],
            [5.4959, 34.8259, 75.1741, 66.0957],
            [3.3214, 43.3129, 83.661, 19.7894],
        ],
        atol=2e-4,
    )


def test_geometry_value_range_and_inference_identity():
    x = np.random.default_rng(0).uniform(0, 1, (3, 5, 5, 2)).astype("float32")
    half_turn = layers.RandomRotation((0.5, 0.5), interpolation="nearest", seed=1)
    np.testing.assert_allclose(half_turn(x, training=True), x[:, ::-1, ::-1], atol=1e-6)
    layer = layers.RandomRotation(0.3, seed=2)
    y = np.asarray(layer(x, training=True))
    assert y.min() >= 0.0 and y.max() <= 1.0 and not np.allclose(y, x)
    np.testing.assert_array_equal(layer(x, training=False), x)


def test_config_and_bad_arguments():
    config = layers.RandomRotation(0.2).get_config()
    assert config["factor"] == (-0.2, 0.2) and config["fill_mode"] == "reflect"
    assert config["interpolation"] == "bilinear" and config["fill_value"] == 0.0
    with pytest.raises(ValueError, match="factor=1.5"):
        layers.RandomRotation(1.5)
    with pytest.raises(NotImplementedError, match="fill_mode"):
        layers.RandomRotation(0.1, fill_mode="mirror")
