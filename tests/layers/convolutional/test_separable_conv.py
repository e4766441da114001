"""SeparableConv1D / SeparableConv2D: depthwise then pointwise."""

import numpy as np

from kerasish import layers, ops
from tests.layer_checks import check_layer


def test_separable_conv1d_contract():
    check_layer(
        layers.SeparableConv1D,
        {"filters": 3, "kernel_size": 2, "depth_multiplier": 2},
        (2, 5, 2),
        (2, 4, 3),
        3,
        0,
    )


def test_separable_conv2d_contract():
    check_layer(
        layers.SeparableConv2D,
        {"filters": 2, "kernel_size": 3, "padding": "same", "strides": 2},
        (2, 5, 5, 3),
        (2, 3, 3, 2),
        3,
        0,
    )


def test_separable_equals_depthwise_then_pointwise():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2, 6, 6, 2)).astype("float32")
    layer = layers.SeparableConv2D(3, 3, depth_multiplier=2, name="s")
    layer.build(x.shape)
    assert [(w.name, w.shape) for w in layer.weights] == [
        ("depthwise_kernel", (3, 3, 2, 2)),
        ("pointwise_kernel", (1, 1, 4, 3)),
        ("bias", (3,)),
    ]
    depthwise, pointwise, bias = layer.get_weights()
    want = ops.conv(ops.depthwise_conv(x, depthwise), pointwise) + bias
    np.testing.assert_allclose(layer(x), want, rtol=1e-5, atol=1e-5)
    assert layers.SeparableConvolution2D is layers.SeparableConv2D
