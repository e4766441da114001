"""Tests for `kerasish/layers/core/einsum_dense.py`."""

import math

import numpy as np
import pytest

import kerasish as keras
from tests.layer_checks import check_layer


def test_contract():
    check_layer(
        keras.layers.EinsumDense,
        {"equation": "abc,cde->abde", "output_shape": (3, 2, 3), "bias_axes": "de"},
        (2, 3, 4),
        (2, 3, 2, 3),
        2,
        0,
    )


def test_values_match_numpy_einsum():
    layer = keras.layers.EinsumDense(
        "...b,bc->...c", output_shape=5, bias_axes="c", activation="relu"
    )
    x = np.random.default_rng(0).normal(size=(2, 3, 4)).astype("float32")
    y = layer(x)
    kernel, bias = layer.get_weights()
    assert kernel.shape == (4, 5) and bias.shape == (5,)
    want = np.maximum(np.einsum("...b,bc->...c", x, kernel) + bias, 0)
    np.testing.assert_allclose(y, want, rtol=1e-5, atol=1e-6)


def test_right_ellipsis_bias_shape():
    layer = keras.layers.EinsumDense("ab...,bc->ac...", output_shape=5, bias_axes="c")
    assert layer(np.zeros((2, 3, 4), "float32")).shape == (2, 5, 4)
    assert layer.bias.shape == (5, 1)  # Keras pads the elided axes with 1s


def test_glorot_fans_use_kernel_axes():
    # Keras passes input/output axes to VarianceScaling: kernel (4, 2, 3) has
    # fan_in 4 and fan_out 6, so the uniform limit is sqrt(6 / 10).
    layer = keras.layers.EinsumDense("abc,cde->abde", output_shape=(None, 2, 3))
    layer.build((None, 8, 4))
    kernel = layer.kernel.numpy()
    assert np.abs(kernel).max() <= math.sqrt(6 / 10)
    assert layer.kernel_initializer.get_config()["input_axes"] is None


def test_errors():
    with pytest.raises(ValueError, match="Invalid einsum equation"):
        keras.layers.EinsumDense("ab->b", output_shape=3).build((2, 4))
    with pytest.raises(ValueError, match="Bias dimension 'z'"):
        keras.layers.EinsumDense("ab,bc->ac", 3, bias_axes="z").build((2, 4))
    with pytest.raises(ValueError, match="do not match at shared dimension 'b'"):
        keras.layers.EinsumDense("abc,cd->abd", (7, 3)).build((2, 5, 4))
