import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer


def test_gaussian_dropout_contract():
    check_layer(layers.GaussianDropout, {"rate": 0.3, "seed": 1}, (2, 3), (2, 3), 0, 0)


def test_gaussian_dropout_statistics_and_inference_identity():
    rate = 0.2
    layer = layers.GaussianDropout(rate, seed=5)
    x = np.full((200, 100), 2.0, "float32")
    np.testing.assert_array_equal(layer(x), x)
    factor = np.asarray(layer(x, training=True)) / x
    assert abs(factor.mean() - 1.0) < 0.02
    assert abs(factor.std() - np.sqrt(rate / (1 - rate))) < 0.02


def test_gaussian_dropout_config_and_bad_rate():
    config = layers.GaussianDropout(0.1, name="g").get_config()
    assert (config["rate"], config["seed"]) == (0.1, None)
    with pytest.raises(ValueError, match="rate=1.1"):
        layers.GaussianDropout(1.1)
