"""Cheap inference calls: jitted eager calls keep eager semantics."""

import numpy as np
import pytest

import kerasish as keras
from kerasish.core.masking import get_keras_mask
from kerasish.models import compiled_calls


@pytest.fixture(scope="module")
def model():
    return keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(3, activity_regularizer="l2", name="d"),
            keras.layers.Dropout(0.5),
            keras.layers.Dense(2),
        ]
    )


def test_repeated_eager_calls_run_the_jitted_forward(model):
    x = np.random.default_rng(0).normal(size=(5, 4)).astype("float32")
    eager = np.asarray(model(x))
    eager_losses = [float(v) for v in model.losses]
    jitted = np.asarray(model(x))
    np.testing.assert_allclose(jitted, eager, rtol=1e-6)
    np.testing.assert_allclose(
        [float(v) for v in model.losses], eager_losses, rtol=1e-6
    )
    model(x)
    assert compiled_calls.forward(model)._cache_size() == 1


def test_training_calls_stay_eager(model):
    x = np.ones((64, 4), np.float32)
    model(x, training=True)
    outputs = [np.asarray(model(x, training=True)) for _ in range(2)]
    # Dropout draws a fresh mask per eager call, as in Keras.
    assert not np.allclose(outputs[0], outputs[1])


def test_predict_paths_agree(model):
    x = np.random.default_rng(1).normal(size=(3, 4)).astype("float32")
    expected = np.asarray(model(x))
    np.testing.assert_allclose(model.predict_on_batch(x), expected, rtol=1e-6)
    np.testing.assert_allclose(model.predict(x, verbose=0), expected, rtol=1e-6)


def test_output_masks_survive_the_jitted_call():
    model = keras.Sequential(
        [keras.Input((3,), dtype="int32"), keras.layers.Embedding(5, 2, mask_zero=True)]
    )
    x = np.array([[1, 0, 2]], np.int32)
    for _ in range(2):
        y = model(x)
    mask = get_keras_mask(y)
    np.testing.assert_array_equal(np.asarray(mask), [[True, False, True]])


def test_sequential_add_drops_the_compiled_forward():
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(2)])
    x = np.ones((1, 2), np.float32)
    model(x), model(x)
    model.add(keras.layers.Dense(5))
    assert model(x).shape == (1, 5)
    assert model(x).shape == (1, 5)


def test_weights_added_after_jitting_reach_the_forward():
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
    x = np.random.default_rng(2).normal(size=(3, 4)).astype("float32")
    for _ in range(2):
        model(x)  # the second call jits the forward
    jitted = compiled_calls.forward(model)
    keras.layers.Dense(3).build((None, 4))  # another model's weights: no rebuild
    assert compiled_calls.forward(model) is jitted
    model.layers[0].enable_lora(1)
    model.layers[0].lora_kernel_b.assign(np.ones((1, 2), "float32"))
    expected = np.asarray(model.apply(model.params, x))
    assert compiled_calls.forward(model) is not jitted
    for got in (model(x), model.predict_on_batch(x), model.predict(x, verbose=0)):
        np.testing.assert_allclose(got, expected, rtol=1e-6)
