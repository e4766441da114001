import warnings

import jax
import numpy as np
import pytest

import kerasish as keras
from kerasish import layers
from kerasish.core.masking import get_keras_mask
from tests.layer_checks import check_layer

# Data and weights shared with a Keras 3.15.1 run whose outputs are pasted below.
E = np.array(
    [
        [1.8016349, 1.3151038],
        [0.35738042, -1.2083186],
        [-0.004454133, 0.65647495],
        [-1.2883614, 0.39512205],
        [0.4298637, 0.6960427],
    ],
    "float32",
)
IDS = np.array([[1, 2, 0, 0], [3, 0, 4, 1]], "int32")
YT = np.array(
    [
        [[-1.1841179], [-0.6617026], [-0.43643525], [-1.169802]],
        [[1.7393678], [-0.49591073], [0.32896963], [-0.25857255]],
    ],
    "float32",
)
W = np.array([[0.13222781], [-0.15696141]], "float32")


def test_embedding_contract():
    layer = check_layer(
        layers.Embedding,
        {"input_dim": 4, "output_dim": 3},
        (2, 5),
        (2, 5, 3),
        1,
        0,
        input_dtype="int32",
    )
    assert layer.embeddings.name == "embeddings"
    assert layer.embeddings.shape == (4, 3)


def test_lookup_casts_float_indices_and_wraps_negative_ones():
    layer = layers.Embedding(5, 2, embeddings_initializer="ones")
    out = np.asarray(layer(np.array([[-1, 5, 4.7]], "float32")))
    # Keras 3.15.1 (JAX): -1 wraps, 5 is out of range (NaN row), 4.7 -> 4.
    np.testing.assert_array_equal(out, [[[1, 1], [np.nan, np.nan], [1, 1]]])
    layer = layers.Embedding(5, 2, weights=E)
    np.testing.assert_array_equal(np.asarray(layer(IDS)), E[IDS])


def test_mask_zero_attaches_mask_and_default_has_none():
    out = layers.Embedding(5, 2, mask_zero=True)(IDS)
    np.testing.assert_array_equal(get_keras_mask(out), IDS != 0)
    assert get_keras_mask(layers.Embedding(5, 2)(IDS)) is None


def _masked_model():
    model = keras.Sequential(
        [
            keras.Input((4,), dtype="int32"),
            layers.Embedding(5, 2, mask_zero=True, name="emb"),
            layers.Dense(1, name="d"),
        ]
    )
    model.set_weights([E, W, np.array([0.3], "float32")])
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    return model


def test_mask_reaches_the_loss_in_evaluate_and_fit():
    model = _masked_model()
    # Keras 3.15.1: masked timesteps are left out of the mse.
    np.testing.assert_allclose(model.evaluate(IDS, YT, verbose=0), 1.4264788627, 1e-5)
    history = model.fit(IDS, YT, batch_size=2, epochs=1, shuffle=False, verbose=0)
    np.testing.assert_allclose(history.history["loss"], [1.4264788627624512], 1e-5)
    want = [
        [
            [1.8016349, 1.3151038],
            [0.34407026, -1.1925187],
            [-0.008992574, 0.6618623],
            [-1.2795194, 0.3846261],
            [0.43029413, 0.6955318],
        ],
        [[0.011653367], [-0.029175667]],
        [0.2351413],
    ]
    for got, expected in zip(model.get_weights(), want, strict=True):
        np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)


def test_mask_reaches_a_custom_layer_call():
    class MaskedMean(layers.Layer):
        def call(self, inputs, mask=None):
            m = keras.ops.cast(mask, inputs.dtype)[..., None]
            return keras.ops.sum(inputs * m, axis=1) / keras.ops.sum(m, axis=1)

    model = keras.Sequential(
        [
            keras.Input((4,), dtype="int32"),
            layers.Embedding(5, 2, mask_zero=True, name="emb"),
            MaskedMean(),
        ]
    )
    model.set_weights([E])
    want = [[0.17646314, -0.27592182], [-0.16703913, -0.039051257]]  # Keras 3.15.1
    np.testing.assert_allclose(np.asarray(model(IDS)), want, rtol=1e-6)
    jitted = jax.jit(model.apply)(model.params, IDS)
    np.testing.assert_allclose(np.asarray(jitted), want, rtol=1e-6)


def test_input_length_is_accepted_with_keras_warning():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        layer = layers.Embedding(5, 2, input_length=4)
    assert "`input_length` is deprecated" in str(caught[0].message)
    assert "input_length" not in layer.get_config()


def test_config_keys_match_keras():
    config = layers.Embedding(3, 2, name="e").get_config()
    assert list(config) == [
        "name",
        "trainable",
        "dtype",
        "input_dim",
        "output_dim",
        "embeddings_initializer",
        "embeddings_regularizer",
        "activity_regularizer",
        "embeddings_constraint",
        "mask_zero",
        "quantization_config",
    ]
    assert config["embeddings_initializer"]["class_name"] == "RandomUniform"


@pytest.mark.parametrize("name,value", [("input_dim", 0), ("output_dim", 2.5)])
def test_bad_dims(name, value):
    kwargs = {"input_dim": 3, "output_dim": 2, name: value}
    with pytest.raises(ValueError, match=f"Received: {name}={value}"):
        layers.Embedding(**kwargs)
