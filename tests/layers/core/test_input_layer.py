import pytest

import kerasish as keras
from kerasish import layers


def test_input_returns_keras_tensor_with_batch_dim():
    x = keras.Input((3, 4), name="img")
    assert isinstance(x, layers.KerasTensor)
    assert x.shape == (None, 3, 4)
    assert x.dtype == "float32"
    assert x._keras_history[0].name == "img"


def test_input_layer_config_matches_keras():
    layer = layers.InputLayer(shape=(3,), name="inp")
    assert layer.get_config() == {
        "batch_shape": (None, 3),
        "dtype": "float32",
        "sparse": False,
        "ragged": False,
        "name": "inp",
        "optional": False,
    }


def test_input_requires_a_shape():
    with pytest.raises(ValueError, match="shape"):
        layers.InputLayer()


def test_symbolic_call_infers_shapes():
    x = keras.Input((5,))
    y = layers.Dense(3)(x)
    assert y.shape == (None, 3)
    z = layers.Reshape((3, 1))(y)
    assert z.shape == (None, 3, 1)
