import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer

X = np.arange(24, dtype="float32").reshape(2, 3, 4, 1) * 10


def test_random_contrast_contract():
    kwargs = {"factor": 0.0, "value_range": (-10, 10)}
    check_layer(layers.RandomContrast, kwargs, (2, 3, 3, 2), (2, 3, 3, 2), 0, 0)


def test_seeded_contrast_matches_keras():
    y = np.asarray(layers.RandomContrast(0.5, seed=3)(X, training=True))[..., 0]
    # Keras 3.15.1 output (clipped to [0, 255]).
    np.testing.assert_allclose(y[0, 0], [0.0, 0.0, 5.0195, 19.2996], atol=2e-4)
    np.testing.assert_allclose(
        y[1, 2], [206.0503, 218.4704, 230.8906, 243.3107], atol=2e-4
    )


def test_factor_quirk_and_statistics():
    # Keras quirk: a single number f gives factor (0, f): contrast only grows.
    assert layers.RandomContrast(0.5).factor == (0, 0.5)
    x = np.random.default_rng(0).uniform(50, 200, (64, 4, 4, 1)).astype("float32")
    y = np.asarray(layers.RandomContrast(0.5, seed=1)(x, training=True))
    mean = x.mean(axis=(1, 2), keepdims=True)
    ratio = (y - mean)[:, 0, 0] / (x - mean)[:, 0, 0]
    assert ratio.min() >= 1.0 - 1e-4 and ratio.max() <= 1.5 + 1e-4
    np.testing.assert_allclose(y.mean(axis=(1, 2), keepdims=True), mean, rtol=1e-4)
    np.testing.assert_array_equal(layers.RandomContrast(0.5)(x, training=False), x)


def test_config_and_bad_factor():
    config = layers.RandomContrast(0.5, name="rc").get_config()
    assert config["factor"] == (0, 0.5) and config["value_range"] == (0, 255)
    with pytest.raises(ValueError, match="factor=1.5"):
        layers.RandomContrast(1.5)
