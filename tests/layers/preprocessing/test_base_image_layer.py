import jax
import numpy as np
import pytest

import kerasish as keras
from kerasish import layers


def _augmenting_model():
    return keras.Sequential(
        [
            keras.Input((4, 4, 1)),
            layers.RandomFlip(),
            layers.RandomRotation(0.1),
            layers.RandomBrightness(0.1, value_range=(-5, 5)),
            layers.Flatten(),
            layers.Dense(1, name="d"),
        ]
    )


def test_augmentation_in_jitted_apply_and_fit():
    model = _augmenting_model()
    x = np.random.default_rng(0).normal(size=(8, 4, 4, 1)).astype("float32")
    apply = jax.jit(model.apply, static_argnames="training")
    a = apply(model.params, x, training=True, key=jax.random.key(3))
    b = apply(model.params, x, training=True, key=jax.random.key(3))
    np.testing.assert_array_equal(a, b)
    assert not np.allclose(a, apply(model.params, x, training=False))
    before = model.get_weights()
    model.compile(optimizer="sgd", loss="mse")
    history = model.fit(x, np.zeros((8, 1)), batch_size=8, epochs=1, verbose=0)
    assert np.all(np.isfinite(history.history["loss"]))
    assert not np.allclose(model.get_weights()[0], before[0])


def test_standalone_call_defaults_to_training_and_models_to_inference():
    # Keras: the layer's own `training` default is True; `predict` passes False.
    x = np.full((2, 3, 3, 1), 100.0, "float32")
    layer = layers.RandomBrightness(0.5, seed=1)
    assert not np.allclose(layer(x), x)
    model = keras.Sequential([keras.Input((3, 3, 1)), layer])
    np.testing.assert_array_equal(model.predict(x, verbose=0), x)


def test_factor_forms_and_dict_inputs():
    assert layers.RandomRotation((0.3, -0.1)).factor == (-0.1, 0.3)
    assert layers.RandomRotation(-0.2).factor == (-0.2, 0.2)
    with pytest.raises(ValueError, match="factor=\\[0.1\\]"):
        layers.RandomRotation([0.1])
    x = np.ones((2, 3, 3, 1), "float32")
    out = layers.RandomFlip()({"images": x, "labels": np.array([0, 1])}, training=False)
    np.testing.assert_array_equal(out["images"], x)
    np.testing.assert_array_equal(out["labels"], [0, 1])


def test_bad_rank_names_the_shape():
    with pytest.raises(ValueError, match=r"data.shape=\(3, 3\)"):
        layers.RandomFlip()(np.ones((3, 3), "float32"), training=True)
