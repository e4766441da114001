import jax
import numpy as np
import pytest

import kerasish as keras
from kerasish import layers
from tests.layer_checks import check_layer


def test_dropout_contract():
    check_layer(layers.Dropout, {"rate": 0.5, "seed": 1}, (2, 3), (2, 3), 0, 0)


def test_dropout_is_identity_at_inference():
    x = np.ones((4, 8), "float32")
    np.testing.assert_array_equal(np.asarray(layers.Dropout(0.5)(x)), x)


def test_dropout_training_scales_kept_units():
    layer = layers.Dropout(0.5, seed=3)
    out = np.asarray(layer(np.ones((100, 100), "float32"), training=True))
    assert set(np.unique(out)) == {0.0, 2.0}
    assert 0.45 < (out == 0).mean() < 0.55


def test_dropout_in_apply_uses_key_and_is_deterministic():
    model = keras.Sequential([keras.Input((50,)), layers.Dropout(0.3)])
    x = np.ones((4, 50), "float32")
    a = model.apply(model.params, x, training=True, key=jax.random.key(0))
    b = model.apply(model.params, x, training=True, key=jax.random.key(0))
    c = model.apply(model.params, x, training=True, key=jax.random.key(1))
    np.testing.assert_array_equal(np.asarray(a), np.asarray(b))
    assert np.any(np.asarray(a) != np.asarray(c))


def test_dropout_training_apply_without_key_raises():
    model = keras.Sequential([keras.Input((5,)), layers.Dropout(0.3)])
    with pytest.raises(ValueError, match="key"):
        model.apply(model.params, np.ones((2, 5), "float32"), training=True)


def test_dropout_noise_shape_broadcasts():
    layer = layers.Dropout(0.5, noise_shape=(None, 1), seed=0)
    out = np.asarray(layer(np.ones((64, 6), "float32"), training=True))
    assert np.all(out == out[:, :1])


@pytest.mark.parametrize("rate", [-0.1, 1.5])
def test_dropout_rejects_bad_rate(rate):
    with pytest.raises(ValueError, match="rate"):
        layers.Dropout(rate)
