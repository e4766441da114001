"""AveragePooling1D / 2D / 3D, including Keras' "same" divisor."""

import numpy as np

from kerasish import layers
from tests.layer_checks import check_layer


def test_average_pooling1d_contract():
    check_layer(
        layers.AveragePooling1D,
        {"pool_size": 3, "strides": 2, "padding": "same"},
        (2, 7, 2),
        (2, 4, 2),
        0,
        0,
    )


def test_average_pooling2d_contract():
    check_layer(
        layers.AveragePooling2D,
        {"pool_size": (2, 3), "data_format": "channels_first"},
        (2, 2, 5, 6),
        (2, 2, 2, 2),
        0,
        0,
    )


def test_average_pooling3d_contract():
    check_layer(
        layers.AveragePooling3D,
        {"pool_size": 2},
        (1, 4, 2, 3, 2),
        (1, 2, 1, 1, 2),
        0,
        0,
    )


def test_same_padding_divides_by_real_elements_observed_from_keras():
    x = np.arange(25, dtype="float32").reshape(1, 5, 5, 1)
    out = layers.AvgPool2D(3, strides=2, padding="same")(x)
    want = [[3.0, 4.5, 6.0], [10.5, 12.0, 13.5], [18.0, 19.5, 21.0]]
    np.testing.assert_allclose(np.asarray(out)[0, :, :, 0], want)


def test_valid_average_matches_numpy():
    x = np.random.default_rng(0).normal(size=(2, 6, 3)).astype("float32")
    want = x.reshape(2, 3, 2, 3).mean(axis=2)
    np.testing.assert_allclose(layers.AvgPool1D(2)(x), want, rtol=1e-6)
