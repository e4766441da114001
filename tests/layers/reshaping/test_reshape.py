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


def test_reshape_errors_match_keras():
    # Messages observed from Keras 3.15.1.
    with pytest.raises(ValueError, match="must be a non-negative integer"):
        layers.Reshape((-2, 3))
    with pytest.raises(ValueError, match="total size of the tensor must be unchanged"):
        layers.Reshape((5,)).compute_output_shape((None, 12))
    with pytest.raises(ValueError, match="cannot by divided"):
        layers.Reshape((-1, 5)).compute_output_shape((None, 12))
    with pytest.raises(ValueError, match=r"target_shape=\(5,\)"):
        layers.Reshape((5,))(np.zeros((2, 12), "float32"))
    assert layers.Reshape((3, 4)).compute_output_shape((None, None)) == (None, 3, 4)
    assert layers.Reshape((-1, 2)).compute_output_shape((None, None, 4)) == (
        None,
        None,
        2,
    )
