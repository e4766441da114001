import jax
import numpy as np
import pytest

import kerasish as keras
from kerasish import layers
from tests.layer_checks import check_layer


def test_gaussian_noise_contract():
    check_layer(layers.GaussianNoise, {"stddev": 0.3, "seed": 1}, (2, 3), (2, 3), 0, 0)


def test_gaussian_noise_statistics_and_inference_identity():
    layer = layers.GaussianNoise(0.5, seed=7)
    x = np.full((200, 100), 3.0, "float32")
    np.testing.assert_array_equal(layer(x), x)
    noise = np.asarray(layer(x, training=True)) - x
    assert abs(noise.mean()) < 0.02
    assert abs(noise.std() - 0.5) < 0.02
    again = np.asarray(layer(x, training=True)) - x
    assert np.any(noise != again)


def test_gaussian_noise_in_apply_is_keyed():
    model = keras.Sequential([keras.Input((8,)), layers.GaussianNoise(0.1)])
    x = np.zeros((2, 8), "float32")
    a = model.apply(model.params, x, training=True, key=jax.random.key(0))
    b = model.apply(model.params, x, training=True, key=jax.random.key(0))
    np.testing.assert_array_equal(np.asarray(a), np.asarray(b))
    np.testing.assert_array_equal(np.asarray(model.apply(model.params, x)), x)


def test_gaussian_noise_config_and_bad_stddev():
    config = layers.GaussianNoise(0.1, seed=3, name="g").get_config()
    assert (config["stddev"], config["seed"]) == (0.1, 3)
    # Keras also rejects a standard deviation above 1.
    with pytest.raises(ValueError, match="stddev=1.5"):
        layers.GaussianNoise(1.5)
    with pytest.raises(ValueError, match="stddev=-0.1"):
        layers.GaussianNoise(-0.1)
