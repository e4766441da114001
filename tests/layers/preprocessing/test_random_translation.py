import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer

X = np.arange(24, dtype="float32").reshape(2, 3, 4, 1) * 10


def test_random_translation_contract():
    kwargs = {"height_factor": 0.0, "width_factor": 0.0}
    check_layer(layers.RandomTranslation, kwargs, (2, 4, 4, 1), (2, 4, 4, 1), 0, 0)


def test_seeded_translation_matches_keras():
    layer = layers.RandomTranslation(
        0.4, 0.3, fill_mode="constant", interpolation="nearest", seed=3
    )
    y = np.asarray(layer(X, training=True))[..., 0]
    # Keras 3.15.1 output: the first image moves down and right.
    np.testing.assert_array_equal(y[0], [[0, 0, 0, 0], [0, 0, 10, 20], [0, 40, 50, 60]])
    np.testing.assert_array_equal(y[1], X[1, ..., 0])


def test_whole_pixel_shift_is_exact():
    x = np.random.default_rng(0).normal(size=(3, 4, 5, 2)).astype("float32")
    # factor 0.25 of height 4 is exactly one row down.
    layer = layers.RandomTranslation((0.25, 0.25), 0.0, fill_mode="constant")
    y = np.asarray(layer(x, training=True))
    np.testing.assert_allclose(y[:, 1:], x[:, :-1], atol=1e-6)
    np.testing.assert_array_equal(y[:, 0], 0.0)
    np.testing.assert_array_equal(layer(x, training=False), x)


def test_config_and_bad_arguments():
    config = layers.RandomTranslation(0.1, 0.2, name="rt").get_config()
    assert (config["height_factor"], config["width_factor"]) == (0.1, 0.2)
    assert config["fill_mode"] == "reflect"
    with pytest.raises(ValueError, match="input_number=2"):
        layers.RandomTranslation(2, 0.1)
    with pytest.raises(ValueError, match="height_factor"):
        layers.RandomTranslation((0.1, 0.2, 0.3), 0.1)
