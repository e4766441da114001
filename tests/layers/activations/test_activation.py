import numpy as np

from kerasish import layers
from tests.layer_checks import check_layer


def test_activation_contract():
    check_layer(layers.Activation, {"activation": "tanh"}, (2, 3), (2, 3), 0, 0)


def test_activation_applies_function():
    out = layers.Activation("relu")(np.array([[-1.0, 0.0, 2.0]], "float32"))
    np.testing.assert_array_equal(np.asarray(out), [[0.0, 0.0, 2.0]])
    assert layers.Activation("relu").get_config()["activation"] == "relu"
