"""GlobalAveragePooling1D / 2D / 3D: means, `keepdims`, and 1D masks."""

import numpy as np

from kerasish import layers
from tests.layer_checks import check_layer


def test_global_average_pooling1d_contract():
    check_layer(
        layers.GlobalAveragePooling1D,
        {"data_format": "channels_first"},
        (2, 3, 5),
        (2, 3),
        0,
        0,
    )


def test_global_average_pooling2d_contract():
    check_layer(layers.GlobalAveragePooling2D, {}, (2, 4, 5, 3), (2, 3), 0, 0)


def test_global_average_pooling3d_contract():
    check_layer(
        layers.GlobalAveragePooling3D,
        {"keepdims": True},
        (1, 2, 3, 2, 4),
        (1, 1, 1, 1, 4),
        0,
        0,
    )


def test_mask_excludes_steps_observed_from_keras():
    mask = np.array([[1, 1, 0], [1, 0, 0]], bool)
    x = np.arange(12, dtype="float32").reshape(2, 3, 2)
    out = layers.GlobalAveragePooling1D()(x, mask=mask)
    np.testing.assert_allclose(out, [[1.0, 2.0], [6.0, 7.0]])
    layer = layers.GlobalAvgPool1D(data_format="channels_first", keepdims=True)
    out = layer(x.reshape(2, 2, 3), mask=mask)
    np.testing.assert_allclose(out, [[[0.5], [3.5]], [[6.0], [9.0]]])
    assert layer.compute_mask(x, mask) is None


def test_values_and_aliases():
    x = np.random.default_rng(0).normal(size=(2, 3, 2, 4, 5)).astype("float32")
    np.testing.assert_allclose(
        layers.GlobalAvgPool3D()(x), x.mean(axis=(1, 2, 3)), rtol=1e-6
    )
    assert layers.GlobalAvgPool2D is layers.GlobalAveragePooling2D
