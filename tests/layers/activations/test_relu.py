import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer

X = np.array([[-3.0, -1.0, 0.0, 0.5, 1.0, 2.0, 7.0]], "float32")


def test_relu_contract():
    check_layer(layers.ReLU, {"max_value": 1.0}, (2, 3), (2, 3), 0, 0)


@pytest.mark.parametrize(
    "kwargs,want",
    [
        ({}, [0, 0, 0, 0.5, 1, 2, 7]),
        ({"max_value": 1.0}, [0, 0, 0, 0.5, 1, 1, 1]),
        ({"max_value": 6.0}, [0, 0, 0, 0.5, 1, 2, 6]),
        ({"negative_slope": 0.1}, [-0.3, -0.1, 0, 0.5, 1, 2, 7]),
        ({"threshold": 1.0}, [0, 0, 0, 0, 0, 2, 7]),
        (
            {"negative_slope": 0.5, "threshold": 1.0, "max_value": 5.0},
            [-2, -1, -0.5, -0.25, 0, 2, 5],
        ),
    ],
)
def test_relu_variants(kwargs, want):
    np.testing.assert_allclose(np.asarray(layers.ReLU(**kwargs)(X)), [want], rtol=1e-6)


@pytest.mark.parametrize(
    "kwargs", [{"max_value": -1.0}, {"negative_slope": -0.1}, {"threshold": None}]
)
def test_relu_rejects_negative_arguments(kwargs):
    name, value = next(iter(kwargs.items()))
    with pytest.raises(ValueError, match=f"Received: {name}={value}"):
        layers.ReLU(**kwargs)


def test_relu_config():
    config = layers.ReLU(max_value=6.0, name="r").get_config()
    assert config["max_value"] == 6.0
    assert config["negative_slope"] == 0.0 and config["threshold"] == 0.0
