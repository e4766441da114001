"""DepthwiseConv1D / DepthwiseConv2D: per-channel filters, channel-major output."""

import numpy as np

from kerasish import layers
from tests.layer_checks import check_layer


def test_depthwise_conv1d_contract():
    check_layer(
        layers.DepthwiseConv1D,
        {"kernel_size": 2, "depth_multiplier": 2, "padding": "same"},
        (2, 4, 3),
        (2, 4, 6),
        2,
        0,
    )


def test_depthwise_conv2d_contract():
    check_layer(
        layers.DepthwiseConv2D,
        {"kernel_size": 3, "strides": 2, "data_format": "channels_first"},
        (2, 2, 5, 5),
        (2, 2, 2, 2),
        2,
        0,
    )


def test_depthwise_values_observed_from_keras():
    layer = layers.DepthwiseConv1D(2, depth_multiplier=2, use_bias=False)
    layer.build((1, 3, 2))
    layer.set_weights([np.arange(8, dtype="float32").reshape(2, 2, 2)])
    out = layer(np.arange(6, dtype="float32").reshape(1, 3, 2))
    np.testing.assert_allclose(np.asarray(out)[0], [[8, 10, 20, 24], [16, 22, 36, 44]])
    assert layer.bias is None
    assert [w.name for w in layer.weights] == ["kernel"]
