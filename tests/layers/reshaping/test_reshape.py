import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer


def test_reshape_contract():
    check_layer(layers.Reshape, {"target_shape": (3, 2)}, (2, 6), (2, 3, 2), 0, 0)


def test_reshape_infers_minus_one():
    assert layers.Reshape((-1, 2)).compute_output_shape((None, 3, 4)) == (None, 6, 2)
    out = layers.Reshape((-1, 2))(np.zeros((5, 3, 4), "float32"))
    assert out.shape == (5, 6, 2)


def test_reshape_rejects_two_unknowns():
    with pytest.raises(ValueError, match="target_shape"):
        layers.Reshape((-1, -1))
