import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer

ALPHA_P = -1.6732632423543772848170429916717 * 1.0507009873554804934193349852946


def test_alpha_dropout_contract():
    check_layer(layers.AlphaDropout, {"rate": 0.2, "seed": 1}, (2, 3), (2, 3), 0, 0)


def test_alpha_dropout_keeps_mean_and_variance():
    rate = 0.2
    layer = layers.AlphaDropout(rate, seed=3)
    x = np.random.default_rng(0).normal(size=(200, 100)).astype("float32")
    np.testing.assert_array_equal(layer(x), x)
    out = np.asarray(layer(x, training=True))
    assert abs(out.mean() - x.mean()) < 0.03
    assert abs(out.var() - x.var()) < 0.05
    a = ((1 - rate) * (1 + rate * ALPHA_P**2)) ** -0.5
    b = -a * ALPHA_P * rate
    dropped = np.isclose(out, a * ALPHA_P + b)
    assert 0.17 < dropped.mean() < 0.23
    np.testing.assert_allclose(out[~dropped], a * x[~dropped] + b, rtol=1e-5)


def test_alpha_dropout_noise_shape_broadcasts():
    layer = layers.AlphaDropout(0.5, noise_shape=(None, 1), seed=1)
    out = np.asarray(layer(np.ones((64, 5), "float32"), training=True))
    np.testing.assert_array_equal(out.min(axis=1), out.max(axis=1))


def test_alpha_dropout_config_and_bad_rate():
    config = layers.AlphaDropout(0.1, noise_shape=(None, 1), name="a").get_config()
    assert (config["rate"], config["seed"], config["noise_shape"]) == (
        0.1,
        None,
        (None, 1),
    )
    with pytest.raises(ValueError, match="rate=-0.5"):
        layers.AlphaDropout(-0.5)
