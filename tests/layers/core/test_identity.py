import numpy as np

from kerasish import layers
from tests.layer_checks import check_layer


def test_identity_contract():
    check_layer(layers.Identity, {}, (2, 3), (2, 3), 0, 0)


def test_identity_returns_input():
    x = np.arange(6, dtype="float32").reshape(2, 3)
    np.testing.assert_array_equal(np.asarray(layers.Identity()(x)), x)
