import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer

IDS = np.array([[0, 1, 1], [3, 2, 0]], "int32")


def test_category_encoding_contract():
    kwargs = {"num_tokens": 4}
    check_layer(layers.CategoryEncoding, kwargs, (2, 3), (2, 4), 0, 0, "int32")


@pytest.mark.parametrize(
    "mode, expected",
    [
        ("multi_hot", [[1, 1, 0, 0], [1, 0, 1, 1]]),
        ("count", [[1, 2, 0, 0], [1, 0, 1, 1]]),
    ],
)
def test_multi_hot_and_count(mode, expected):
    y = layers.CategoryEncoding(num_tokens=4, output_mode=mode)(IDS)
    assert str(y.dtype) == "float32"
    np.testing.assert_array_equal(y, expected)


def test_one_hot_shapes_follow_keras():
    layer = layers.CategoryEncoding(num_tokens=4, output_mode="one_hot")
    assert layer(IDS).shape == (2, 3, 4)
    np.testing.assert_array_equal(
        layer(np.array([[1], [3]])), [[0, 1, 0, 0], [0, 0, 0, 1]]
    )
    assert layer.compute_output_shape((2, 1)) == (2, 4)
    assert layer.compute_output_shape((2, 3)) == (2, 3, 4)


def test_count_weights():
    layer = layers.CategoryEncoding(num_tokens=4, output_mode="count")
    y = layer(IDS, count_weights=np.array([[0.5, 1, 2], [1, 1, 3]]))
    np.testing.assert_allclose(y, [[0.5, 3.0, 0, 0], [3.0, 0, 1.0, 1.0]])
    with pytest.raises(ValueError, match="count_weights"):
        layers.CategoryEncoding(num_tokens=4)(IDS, count_weights=np.ones((2, 3)))


def test_rank_one_input_and_config():
    layer = layers.CategoryEncoding(num_tokens=4, name="c")
    np.testing.assert_array_equal(layer(np.array([3, 1])), [0, 1, 0, 1])
    config = layer.get_config()
    assert config["num_tokens"] == 4 and config["output_mode"] == "multi_hot"


def test_bad_arguments():
    with pytest.raises(ValueError, match="num_tokens"):
        layers.CategoryEncoding()
    with pytest.raises(ValueError, match="num_tokens=0"):
        layers.CategoryEncoding(num_tokens=0)
    with pytest.raises(ValueError, match="output_mode"):
        layers.CategoryEncoding(num_tokens=3, output_mode="int")
