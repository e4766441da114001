import warnings

import numpy as np
import pytest

import kerasish as keras
from kerasish import layers


def _spellings():
    yield keras.Sequential([keras.Input((4,)), layers.Dense(3), layers.Dense(2)])
    model = keras.Sequential()
    model.add(keras.Input((4,)))
    model.add(layers.Dense(3))
    model.add(layers.Dense(2))
    yield model
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield keras.Sequential([layers.Dense(3, input_shape=(4,)), layers.Dense(2)])
    yield keras.Sequential(
        [layers.InputLayer(shape=(4,)), layers.Dense(3), layers.Dense(2)]
    )


@pytest.mark.parametrize("model", list(_spellings()))
def test_every_spelling_builds_eagerly(model):
    assert model.built
    assert len(model.layers) == 2
    assert model.count_params() == 4 * 3 + 3 + 3 * 2 + 2
    assert model.layers[-1]._summary_output_shape == (None, 2)
    assert model(np.ones((5, 4), "float32")).shape == (5, 2)


def test_deferred_build_on_first_call():
    model = keras.Sequential([layers.Dense(3), layers.Dense(1)])
    assert not model.built
    model(np.ones((2, 6), "float32"))
    assert model.built
    assert model.layers[0].kernel.shape == (6, 3)


def test_pop_and_get_layer():
    model = keras.Sequential(
        [keras.Input((4,)), layers.Dense(3, name="a"), layers.Dense(2, name="b")]
    )
    assert model.get_layer("a") is model.layers[0]
    assert model.get_layer(index=1).name == "b"
    model.pop()
    assert [layer.name for layer in model.layers] == ["a"]
    assert model(np.ones((1, 4), "float32")).shape == (1, 3)
    with pytest.raises(ValueError, match="No such layer: zz"):
        model.get_layer("zz")


def test_duplicate_names_rejected():
    with pytest.raises(ValueError, match="unique names"):
        keras.Sequential([layers.Dense(1, name="x"), layers.Dense(1, name="x")])


def test_wrong_feature_size_error_names_layer_and_shapes():
    model = keras.Sequential([keras.Input((4,)), layers.Dense(2, name="dense_in")])
    with pytest.raises(ValueError, match='"dense_in".*value 4.*\\(3, 7\\)'):
        model(np.ones((3, 7), "float32"))


def test_weights_and_set_weights_in_keras_order():
    model = keras.Sequential([keras.Input((2,)), layers.Dense(3), layers.Dense(1)])
    shapes = [w.shape for w in model.get_weights()]
    assert shapes == [(2, 3), (3,), (3, 1), (1,)]
    new = [np.full(s, i, "float32") for i, s in enumerate(shapes)]
    model.set_weights(new)
    for got, want in zip(model.get_weights(), new, strict=True):
        np.testing.assert_array_equal(got, want)


def test_sequential_config_round_trip():
    model = keras.Sequential([keras.Input((4,)), layers.Dense(3, name="d")], name="seq")
    config = model.get_config()
    assert config["layers"][0]["class_name"] == "InputLayer"
    clone = keras.Sequential.from_config(config)
    assert clone.built and clone.name == "seq"
    assert [w.shape for w in clone.weights] == [(4, 3), (3,)]
