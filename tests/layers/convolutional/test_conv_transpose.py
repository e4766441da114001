"""Conv1DTranspose / Conv2DTranspose / Conv3DTranspose: TF output-size rules."""

import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer


def test_conv1d_transpose_contract():
    check_layer(
        layers.Conv1DTranspose,
        {"filters": 2, "kernel_size": 3, "strides": 2},
        (2, 3, 2),
        (2, 7, 2),
        2,
        0,
    )


def test_conv2d_transpose_contract():
    check_layer(
        layers.Conv2DTranspose,
        {"filters": 3, "kernel_size": 3, "strides": 2, "padding": "same"},
        (2, 3, 2, 2),
        (2, 6, 4, 3),
        2,
        0,
    )


def test_conv3d_transpose_contract():
    check_layer(
        layers.Conv3DTranspose,
        {"filters": 2, "kernel_size": 2, "data_format": "channels_first"},
        (1, 2, 2, 2, 2),
        (1, 2, 3, 3, 3),
        2,
        0,
    )


@pytest.mark.parametrize(
    "kwargs, size",
    # Observed from Keras 3.15.1 on a (None, 7, 7, 2) input with kernel 3.
    [
        ({"padding": "same", "strides": 2}, 14),
        ({"padding": "valid", "strides": 2}, 15),
        ({"padding": "valid", "strides": 2, "output_padding": 1}, 16),
        ({"padding": "same", "strides": 3, "output_padding": 2}, 21),
        ({"padding": "valid", "dilation_rate": 2}, 11),
    ],
)
def test_output_size_rules(kwargs, size):
    layer = layers.Conv2DTranspose(5, 3, **kwargs)
    assert layer.compute_output_shape((None, 7, 7, 2)) == (None, size, size, 5)
    out = layer(np.zeros((1, 7, 7, 2), "float32"))
    assert out.shape == (1, size, size, 5)


def test_kernel_layout_and_values_observed_from_keras():
    layer = layers.Conv1DTranspose(1, 2, strides=2, kernel_initializer="ones")
    out = layer(np.array([[[1.0], [2.0], [3.0]]], "float32"))
    np.testing.assert_allclose(np.asarray(out)[0, :, 0], [1, 1, 2, 2, 3, 3])
    layer = layers.Conv2DTranspose(5, 3)
    layer.build((None, 4, 4, 2))
    assert layer.kernel.shape == (3, 3, 5, 2)


def test_conv3d_transpose_keeps_keras_argument_order():
    layer = layers.Conv3DTranspose(2, 2, 2, "same", "channels_first", 1)
    assert layer.data_format == "channels_first"
    assert layer.output_padding == (1, 1, 1)
    assert layers.Convolution2DTranspose is layers.Conv2DTranspose
