import numpy as np

from kerasish import layers
from tests.layer_checks import check_layer


def test_elu_contract():
    check_layer(layers.ELU, {"alpha": 0.5}, (2, 3), (2, 3), 0, 0)


def test_elu_values_and_config():
    x = np.array([[-2.0, 0.0, 1.5]], "float32")
    out = np.asarray(layers.ELU(alpha=0.5)(x))
    np.testing.assert_allclose(out, [[0.5 * (np.exp(-2.0) - 1), 0.0, 1.5]], rtol=1e-6)
    assert layers.ELU(alpha=0.5).get_config()["alpha"] == 0.5
