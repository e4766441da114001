import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer


def test_discretization_contract():
    kwargs = {"bin_boundaries": [-0.5, 0.0, 0.5]}
    check_layer(layers.Discretization, kwargs, (2, 3), (2, 3), 0, 0)


def test_discretization_contract_one_hot():
    kwargs = {"bin_boundaries": [0.0, 1.0], "output_mode": "one_hot"}
    check_layer(layers.Discretization, kwargs, (2, 3), (2, 3, 3), 0, 0)


def test_bins_match_keras_docstring_example():
    layer = layers.Discretization(bin_boundaries=[0.0, 1.0, 2.0])
    y = layer(np.array([[-1.5, 1.0, 3.4, 0.5], [0.0, 3.0, 1.3, 0.0]]))
    assert str(y.dtype) == "int32"
    np.testing.assert_array_equal(y, [[0, 2, 3, 1], [1, 3, 2, 1]])


@pytest.mark.parametrize(
    "mode, expected",
    [
        ("one_hot", [[[0, 1, 0], [0, 0, 1]], [[1, 0, 0], [0, 0, 1]]]),
        ("multi_hot", [[0, 1, 1], [1, 0, 1]]),
        ("count", [[0, 1, 1], [1, 0, 1]]),
    ],
)
def test_output_modes(mode, expected):
    layer = layers.Discretization(bin_boundaries=[0.0, 1.0], output_mode=mode)
    y = layer(np.array([[0.5, 2.0], [-1.0, 1.0]], "float32"))
    assert str(y.dtype) == "float32"
    np.testing.assert_array_equal(y, expected)


def test_adapt_matches_keras_quantiles():
    # Bin boundaries computed by Keras 3.15.1's own summary functions.
    x = np.random.default_rng(0).uniform(0, 10, (2, 6, 8, 3)).astype("float32")
    layer = layers.Discretization(num_bins=4)
    layer.adapt(x)
    np.testing.assert_allclose(layer.bin_boundaries, [2.98697, 5.61401, 8.12335], 1e-5)
    layer = layers.Discretization(num_bins=3)
    layer.adapt([x[0], x[1]])
    np.testing.assert_allclose(layer.bin_boundaries, [3.91609, 7.33596], 1e-5)
    small = layers.Discretization(num_bins=4)
    small.adapt(np.arange(8.0))
    assert small.bin_boundaries == [1.0, 3.0, 5.0]
    np.testing.assert_array_equal(small(np.array([0.5, 3.0, 9.0])), [0, 2, 3])


def test_config_of_adapted_layer_round_trips():
    layer = layers.Discretization(num_bins=4, name="d")
    layer.adapt(np.arange(8.0))
    config = layer.get_config()
    assert config == {
        "bin_boundaries": [1.0, 3.0, 5.0],
        "num_bins": 4,
        "epsilon": 0.01,
        "output_mode": "int",
        "sparse": False,
        "name": "d",
        "dtype": "float32",
    }
    assert layers.Discretization.from_config(config).bin_boundaries == [1.0, 3.0, 5.0]


def test_bad_arguments():
    with pytest.raises(ValueError, match="either `num_bins` or `bin_boundaries`"):
        layers.Discretization()
    with pytest.raises(ValueError, match="Both"):
        layers.Discretization(bin_boundaries=[1.0], num_bins=2)
    with pytest.raises(ValueError, match="output_mode=bad"):
        layers.Discretization(bin_boundaries=[1.0], output_mode="bad")
    with pytest.raises(ValueError, match="num_bins"):
        layers.Discretization(num_bins=-1)
    with pytest.raises(ValueError, match="adapt"):
        layers.Discretization(num_bins=2)(np.ones((2,), "float32"))
