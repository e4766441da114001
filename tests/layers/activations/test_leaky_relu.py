import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer

X = np.array([[-3.0, -1.0, 0.0, 2.0]], "float32")


def test_leaky_relu_contract():
    check_layer(layers.LeakyReLU, {}, (2, 3), (2, 3), 0, 0)


def test_default_slope_is_keras3_0_3():
    np.testing.assert_allclose(
        np.asarray(layers.LeakyReLU()(X)), [[-0.9, -0.3, 0.0, 2.0]], rtol=1e-6
    )
    assert layers.LeakyReLU().get_config()["negative_slope"] == 0.3


def test_keras2_alpha_is_accepted_with_a_warning():
    with pytest.warns(UserWarning, match="`alpha` is deprecated"):
        layer = layers.LeakyReLU(alpha=0.1)
    assert layer.get_config()["negative_slope"] == 0.1
    assert "alpha" not in layer.get_config()
    np.testing.assert_allclose(np.asarray(layer(X))[0, 0], -0.3, rtol=1e-6)


def test_negative_slope_must_be_non_negative():
    with pytest.raises(ValueError, match="Received: negative_slope=-1"):
        layers.LeakyReLU(negative_slope=-1)
