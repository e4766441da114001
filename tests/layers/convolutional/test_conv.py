"""Conv1D / Conv2D / Conv3D: contract, padding rules, data formats, groups."""

import numpy as np

from kerasish import layers
from tests.layer_checks import check_layer


def _conv_reference(x, kernel, stride=1, dilation=1):
    """Direct 1D "valid" cross-correlation, channels_last, NumPy."""
    k, _, filters = kernel.shape
    span = dilation * (k - 1) + 1
    steps = (x.shape[1] - span) // stride + 1
    out = np.zeros((x.shape[0], steps, filters), "float32")
    for t in range(steps):
        window = x[:, t * stride : t * stride + span : dilation, :]  # (b, k, c)
        out[:, t] = np.einsum("bkc,kcf->bf", window, kernel)
    return out


def test_conv1d_contract():
    check_layer(
        layers.Conv1D,
        {"filters": 3, "kernel_size": 2, "padding": "causal"},
        (2, 5, 2),
        (2, 5, 3),
        2,
        0,
    )


def test_conv2d_contract():
    check_layer(
        layers.Conv2D,
        {"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same"},
        (2, 5, 6, 2),
        (2, 3, 3, 4),
        2,
        0,
    )


def test_conv3d_contract():
    check_layer(
        layers.Conv3D,
        {"filters": 2, "kernel_size": 2, "data_format": "channels_first"},
        (1, 2, 3, 3, 3),
        (1, 2, 2, 2, 2),
        2,
        0,
    )


def test_conv1d_matches_direct_correlation():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2, 9, 3)).astype("float32")
    layer = layers.Conv1D(4, 3, dilation_rate=2, use_bias=False)
    layer.build(x.shape)
    kernel = rng.normal(size=(3, 3, 4)).astype("float32")
    layer.set_weights([kernel])
    want = _conv_reference(x, kernel, dilation=2)
    np.testing.assert_allclose(layer(x), want, rtol=1e-5, atol=1e-5)


def test_conv1d_causal_observed_from_keras():
    layer = layers.Conv1D(
        1,
        3,
        padding="causal",
        dilation_rate=2,
        kernel_initializer="ones",
        use_bias=False,
    )
    out = layer(np.arange(6, dtype="float32").reshape(1, 6, 1))
    np.testing.assert_allclose(np.asarray(out)[0, :, 0], [0, 1, 2, 4, 6, 9])


def test_same_padding_puts_the_extra_element_at_the_end():
    # Keras (TF) pads 5 -> 6 on the right for k=2, s=2: windows (0,1) (2,3) (4,pad).
    layer = layers.Conv1D(
        1, 2, strides=2, padding="same", kernel_initializer="ones", use_bias=False
    )
    out = layer(np.arange(5, dtype="float32").reshape(1, 5, 1))
    np.testing.assert_allclose(np.asarray(out)[0, :, 0], [1.0, 5.0, 4.0])


def test_channels_first_equals_transposed_channels_last():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(2, 6, 5, 3)).astype("float32")
    last = layers.Conv2D(4, (3, 2), strides=(2, 1), padding="same")
    first = layers.Conv2D(
        4, (3, 2), strides=(2, 1), padding="same", data_format="channels_first"
    )
    last.build(x.shape)
    first.build(np.moveaxis(x, -1, 1).shape)
    first.set_weights(last.get_weights())
    want = np.moveaxis(np.asarray(last(x)), -1, 1)
    got = first(np.moveaxis(x, -1, 1))
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


def test_groups_convolve_channel_groups_separately():
    rng = np.random.default_rng(2)
    x = rng.normal(size=(1, 7, 4)).astype("float32")
    layer = layers.Conv1D(6, 3, groups=2, use_bias=False)
    layer.build(x.shape)
    assert layer.kernel.shape == (3, 2, 6)
    kernel = layer.get_weights()[0]
    first = _conv_reference(x[..., :2], kernel[..., :3])
    second = _conv_reference(x[..., 2:], kernel[..., 3:])
    want = np.concatenate([first, second], axis=-1)
    np.testing.assert_allclose(layer(x), want, rtol=1e-5, atol=1e-5)


def test_weights_names_and_aliases():
    layer = layers.Convolution2D(3, 2, name="c")
    layer(np.zeros((1, 4, 4, 2), "float32"))
    assert [w.path for w in layer.weights] == ["c/kernel", "c/bias"]
    assert layer.kernel.shape == (2, 2, 2, 3)
    assert layers.Convolution1D is layers.Conv1D
    assert layers.Convolution3D is layers.Conv3D


def test_unknown_spatial_size_output_shape():
    layer = layers.Conv2D(3, 3, strides=2)
    assert layer.compute_output_shape((None, None, 9, 2)) == (None, None, 4, 3)


def test_kernel_regularizer_feeds_losses():
    layer = layers.Conv1D(1, 2, kernel_initializer="ones", kernel_regularizer="l2")
    layer(np.zeros((1, 3, 2), "float32"))
    np.testing.assert_allclose(float(layer.losses[0]), 0.01 * 4)
