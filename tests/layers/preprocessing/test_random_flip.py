import jax
import numpy as np
import pytest

import kerasish as keras
from kerasish import layers
from tests.layer_checks import check_layer

X = np.arange(24, dtype="float32").reshape(2, 3, 4, 1) * 10


def test_random_flip_contract():
    # 1x1 images: a flip is the identity, so eager (training) equals inference.
    check_layer(layers.RandomFlip, {"seed": 1}, (2, 1, 1, 3), (2, 1, 1, 3), 0, 0)


def test_seeded_flips_match_keras():
    y = np.asarray(layers.RandomFlip(seed=3)(X, training=True))
    # Keras 3.15.1: one draw flips the 2nd image along both axes at once.
    np.testing.assert_array_equal(y[0], X[0])
    np.testing.assert_array_equal(y[1], X[1, ::-1, ::-1])
    y = np.asarray(layers.RandomFlip("horizontal", seed=5)(X, training=True))
    np.testing.assert_array_equal(y, X[:, :, ::-1])


def test_flips_are_exact_mirrors_about_half_the_time():
    x = np.random.default_rng(0).normal(size=(400, 2, 3, 1)).astype("float32")
    y = np.asarray(layers.RandomFlip("vertical", seed=0)(x, training=True))
    same = np.all(y == x, axis=(1, 2, 3))
    mirrored = np.all(y == x[:, ::-1], axis=(1, 2, 3))
    assert np.all(same | mirrored)
    assert 160 < mirrored.sum() < 240


def test_identity_at_inference_and_key_determinism():
    layer = layers.RandomFlip(seed=1)
    np.testing.assert_array_equal(layer(X, training=False), X)
    model = keras.Sequential([keras.Input((3, 4, 1)), layer])
    x = np.random.default_rng(0).normal(size=(32, 3, 4, 1)).astype("float32")
    a = model.apply(model.params, x, training=True, key=jax.random.key(0))
    b = model.apply(model.params, x, training=True, key=jax.random.key(0))
    c = model.apply(model.params, x, training=True, key=jax.random.key(1))
    np.testing.assert_array_equal(a, b)
    assert np.any(np.asarray(a) != np.asarray(c))
    np.testing.assert_array_equal(model.predict(x, verbose=0), x)


def test_config_and_bad_mode():
    config = layers.RandomFlip(name="rf").get_config()
    assert config["mode"] == "horizontal_and_vertical" and config["seed"] is None
    assert config["data_format"] == "channels_last"
    with pytest.raises(ValueError, match="mode=diagonal"):
        layers.RandomFlip("diagonal")
