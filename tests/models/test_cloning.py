"""Tests for kerasish/models/cloning.py."""

import json

import numpy as np
import pytest

import kerasish as keras
from kerasish import layers


def _weights_differ(a, b) -> bool:
    return any(not np.allclose(x, y) for x, y in zip(a, b, strict=True) if x.size > 1)


def test_clone_sequential_new_weights_same_config():
    model = keras.Sequential(
        [
            keras.Input((4,), name="i"),
            layers.Dense(3, name="d"),
            layers.Dense(1, name="e"),
        ]
    )
    model.compile(optimizer="sgd", loss="mse")
    clone = keras.models.clone_model(model)
    assert json.dumps(clone.get_config()) == json.dumps(model.get_config())
    assert clone.compiled and clone.get_layer("d") is not model.get_layer("d")
    assert _weights_differ(clone.get_weights(), model.get_weights())


def test_clone_functional_with_shared_layer_and_op():
    shared = layers.Dense(2, name="s")
    a, b = keras.Input((3,), name="a"), keras.Input((3,), name="b")
    model = keras.Model([a, b], shared(a) + shared(b), name="f")
    clone = keras.models.clone_model(model)
    assert len(clone.layers) == len(model.layers)
    clone.set_weights(model.get_weights())
    x = [np.ones((2, 3), "float32"), np.full((2, 3), 2.0, "float32")]
    np.testing.assert_allclose(clone.predict(x, verbose=0), model.predict(x, verbose=0))
    assert len(clone.get_layer("s")._inbound_nodes) == 2


def test_clone_function_and_call_function():
    inputs = keras.Input((3,), name="x")
    model = keras.Model(inputs, layers.Dense(2, name="d")(inputs))
    seen = []

    def call_function(layer, *args, **kwargs):
        seen.append(layer.name)
        return layer(*args, **kwargs)

    clone = keras.models.clone_model(
        model,
        clone_function=lambda layer: layers.Dense(5, name="wide"),
        call_function=call_function,
    )
    assert seen == ["wide"]
    assert clone.outputs[0].shape == (None, 5)
    with pytest.raises(ValueError, match="not supported with Sequential"):
        keras.models.clone_model(
            keras.Sequential([layers.Dense(1)]), call_function=call_function
        )


def test_clone_with_input_tensors():
    model = keras.Sequential([keras.Input((4,), name="i"), layers.Dense(2, name="d")])
    new_input = keras.Input((4,), name="other")
    clone = keras.models.clone_model(model, input_tensors=new_input)
    assert clone.layers[0].name == "d"
    with pytest.raises(ValueError, match="must be a KerasTensor"):
        keras.models.clone_model(model, input_tensors=np.ones((1, 4)))
