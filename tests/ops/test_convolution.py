"""`keras.ops` conv and pooling ops: layouts, padding rules and errors."""

import jax
import numpy as np
import pytest

from kerasish import ops


def _correlate2d(x, kernel):
    """Direct "valid" 2D cross-correlation, channels_last, NumPy."""
    kh, kw = kernel.shape[:2]
    h, w = x.shape[1] - kh + 1, x.shape[2] - kw + 1
    out = np.zeros((x.shape[0], h, w, kernel.shape[-1]), "float32")
    for i in range(h):
        for j in range(w):
            patch = x[:, i : i + kh, j : j + kw, :]
            out[:, i, j] = np.einsum("bhwc,hwcf->bf", patch, kernel)
    return out


def test_conv_matches_direct_correlation_and_channels_first():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2, 5, 4, 3)).astype("float32")
    kernel = rng.normal(size=(3, 2, 3, 2)).astype("float32")
    want = _correlate2d(x, kernel)
    np.testing.assert_allclose(ops.conv(x, kernel), want, rtol=1e-5, atol=1e-5)
    got = ops.conv(np.moveaxis(x, -1, 1), kernel, data_format="channels_first")
    np.testing.assert_allclose(got, np.moveaxis(want, -1, 1), rtol=1e-5, atol=1e-5)


def test_conv_same_padding_is_tf_style():
    x = np.arange(5, dtype="float32").reshape(1, 5, 1)
    out = ops.conv(x, np.ones((2, 1, 1), "float32"), strides=2, padding="same")
    np.testing.assert_allclose(np.asarray(out)[0, :, 0], [1.0, 5.0, 4.0])


def test_depthwise_and_separable_shapes():
    x = np.ones((1, 6, 6, 2), "float32")
    depthwise = np.ones((3, 3, 2, 3), "float32")
    assert ops.depthwise_conv(x, depthwise, strides=2).shape == (1, 2, 2, 6)
    pointwise = np.ones((1, 1, 6, 4), "float32")
    out = ops.separable_conv(x, depthwise, pointwise, padding="same")
    assert out.shape == (1, 6, 6, 4)
    np.testing.assert_allclose(np.asarray(out)[0, 2, 2], [54.0] * 4)


def test_conv_transpose_is_the_gradient_of_conv():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(1, 7, 2)).astype("float32")
    kernel = rng.normal(size=(3, 2, 4)).astype("float32")
    y, vjp = jax.vjp(lambda v: ops.conv(v, kernel, strides=2, padding="same"), x)
    cotangent = rng.normal(size=y.shape).astype("float32")
    (want,) = vjp(cotangent)
    # The conv_transpose kernel is (k, out, in): the conv's (k, in, out) swapped.
    got = ops.conv_transpose(
        cotangent, kernel, strides=2, padding="same", output_padding=0
    )
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


def test_pools():
    x = np.arange(25, dtype="float32").reshape(1, 5, 5, 1)
    out = ops.average_pool(x, 3, strides=2, padding="same")
    want = [[3.0, 4.5, 6.0], [10.5, 12.0, 13.5], [18.0, 19.5, 21.0]]
    np.testing.assert_allclose(np.asarray(out)[0, :, :, 0], want)
    out = ops.max_pool(x, 2, padding="same")
    np.testing.assert_allclose(np.asarray(out)[0, :, :, 0][0], [6.0, 8.0, 9.0])
    cf = ops.max_pool(np.moveaxis(x, -1, 1), 2, data_format="channels_first")
    assert cf.shape == (1, 1, 2, 2)


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: ops.conv(np.ones((1, 4, 3)), np.ones((2, 2, 1))), "divisible"),
        (lambda: ops.conv(np.ones((1, 4, 1)), np.ones((5, 1, 1))), "empty output"),
        (lambda: ops.conv(np.ones((1, 4, 1)), np.ones((2, 1, 1)), padding="x"), "pad"),
        (lambda: ops.max_pool(np.ones((4, 1)), 2), "rank 3"),
        (lambda: ops.depthwise_conv(np.ones((1, 4, 3)), np.ones((2, 2, 1))), "match"),
    ],
)
def test_errors(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_conv_ops_are_also_in_the_nn_namespace():
    from kerasish import ops

    for name in (
        "conv",
        "conv_transpose",
        "depthwise_conv",
        "separable_conv",
        "max_pool",
        "average_pool",
    ):
        assert getattr(ops.nn, name) is getattr(ops, name)
