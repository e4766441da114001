import numpy as np
import pytest

from kerasish import layers
from kerasish.core.masking import get_keras_mask
from tests.layer_checks import check_layer

X = np.random.default_rng(0).normal(size=(2, 4, 3)).astype("float32")


def test_check_layer():
    check_layer(
        layers.TimeDistributed, {"layer": layers.Dense(5)}, (2, 4, 3), (2, 4, 5), 2, 0
    )


def test_matches_dense_per_step_and_keeps_mask():
    td = layers.TimeDistributed(layers.Dense(2, name="d"), name="td")
    mask = np.array([[True, False, True, True], [True] * 4])
    y = td(X, mask=mask)
    assert [v.path for v in td.weights] == ["td/d/kernel", "td/d/bias"]
    kernel, bias = td.get_weights()
    np.testing.assert_allclose(y, X @ kernel + bias, rtol=1e-6)
    np.testing.assert_array_equal(get_keras_mask(y), mask)
    assert td.compute_output_shape((None, 4, 3)) == (None, 4, 2)


def test_errors():
    with pytest.raises(ValueError, match="with a `keras.layers.Layer`"):
        layers.TimeDistributed("dense")
    with pytest.raises(ValueError, match="at least 3 dimensions"):
        layers.TimeDistributed(layers.Dense(2))(np.zeros((2, 3), "float32"))
