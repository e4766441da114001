import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer


def test_dense_contract():
    check_layer(layers.Dense, {"units": 3, "activation": "relu"}, (2, 4), (2, 3), 2, 0)


def test_dense_no_bias_rank3_contract():
    check_layer(
        layers.Dense, {"units": 5, "use_bias": False}, (2, 3, 4), (2, 3, 5), 1, 0
    )


def test_dense_computes_affine_map():
    layer = layers.Dense(2, kernel_initializer="ones", bias_initializer="ones")
    out = layer(np.array([[1.0, 2.0, 3.0]], "float32"))
    np.testing.assert_allclose(np.asarray(out), [[7.0, 7.0]])
    assert [w.path for w in layer.weights] == [
        f"{layer.name}/kernel",
        f"{layer.name}/bias",
    ]


def test_dense_wrong_feature_size_names_layer_and_shapes():
    layer = layers.Dense(2, name="head")
    layer(np.zeros((1, 3), "float32"))
    with pytest.raises(
        ValueError, match='layer "head".*axis -1.*value 3.*shape \\(1, 5\\)'
    ):
        layer(np.zeros((1, 5), "float32"))


@pytest.mark.parametrize("units", [0, -1, 2.5, "3"])
def test_dense_rejects_bad_units(units):
    with pytest.raises(ValueError, match="units"):
        layers.Dense(units)


def test_dense_kernel_regularizer_feeds_losses():
    layer = layers.Dense(1, kernel_initializer="ones", kernel_regularizer="l2")
    layer(np.zeros((1, 2), "float32"))
    np.testing.assert_allclose(float(layer.losses[0]), 0.01 * 2)
