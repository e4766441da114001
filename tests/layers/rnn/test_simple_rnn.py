import numpy as np

from kerasish import layers
from tests.layer_checks import check_layer


def test_check_layer():
    check_layer(layers.SimpleRNN, {"units": 3}, (2, 4, 2), (2, 3), 3, 0)


def test_step_math_and_config():
    x = np.random.default_rng(0).normal(size=(2, 3, 2)).astype("float32")
    layer = layers.SimpleRNN(2, activation="relu", name="s")
    y = layer(x)
    k, r, b = layer.get_weights()
    h = np.zeros((2, 2), "float32")
    for t in range(3):
        h = np.maximum(x[:, t] @ k + h @ r + b, 0)
    np.testing.assert_allclose(y, h, rtol=1e-5, atol=1e-6)
    config = layer.get_config()
    assert "cell" not in config and "seed" not in config
    assert config["activation"] == "relu" and layer.units == 2
