import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer


@pytest.mark.parametrize("reset_after", [True, False])
def test_check_layer_and_bias_shape(reset_after):
    layer = check_layer(
        layers.GRU,
        {"units": 3, "reset_after": reset_after, "return_sequences": True},
        (2, 4, 2),
        (2, 4, 3),
        3,
        0,
    )
    assert layer.cell.bias.shape == ((2, 9) if reset_after else (9,))
    assert [v.path for v in layer.weights][0].endswith("gru_cell/kernel")


def test_implementation_1_matches_fused():
    x = np.random.default_rng(0).normal(size=(2, 4, 2)).astype("float32")
    fused, split = layers.GRU(3), layers.GRU(3, implementation=1)
    fused(x)
    split(x)
    split.set_weights(fused.get_weights())
    np.testing.assert_allclose(split(x), fused(x), rtol=1e-5, atol=1e-6)
