import numpy as np
import pytest

from kerasish import ops

X = np.random.default_rng(0).normal(size=(2, 5, 6, 3)).astype("float32")
T = np.array(
    [[0.9, 0.2, 0.5, -0.1, 1.1, -0.3, 0, 0], [1, 0, 1.5, 0, 1, -2, 0, 0]], "float32"
)


def test_identity_and_whole_pixel_shift():
    identity = np.array([1, 0, 0, 0, 1, 0, 0, 0], "float32")
    np.testing.assert_allclose(ops.image.affine_transform(X, identity), X, atol=1e-6)
    shift = np.array([1, 0, -2, 0, 1, -1, 0, 0], "float32")  # output = input moved
    y = np.asarray(ops.image.affine_transform(X, shift, interpolation="nearest"))
    np.testing.assert_array_equal(y[:, 1:, 2:], X[:, :-1, :-2])
    np.testing.assert_array_equal(y[:, 0], 0.0)


def test_values_match_keras():
    # Keras 3.15.1 (JAX backend) values of y[1, 2, 3].
    y = ops.image.affine_transform(X, T, fill_mode="constant", fill_value=0.5)
    np.testing.assert_allclose(y[1, 2, 3], [-0.7223443, -0.89371645, 0.74703], 1e-5)
    y = ops.image.affine_transform(X, T, "nearest", fill_mode="reflect")
    assert np.asarray(y).shape == X.shape


def test_channels_first_and_single_image():
    last = np.asarray(ops.image.affine_transform(X, T, fill_mode="wrap"))
    first = ops.image.affine_transform(
        X.transpose(0, 3, 1, 2), T, fill_mode="wrap", data_format="channels_first"
    )
    np.testing.assert_allclose(np.asarray(first).transpose(0, 2, 3, 1), last, 1e-6)
    single = ops.image.affine_transform(X[1], T[1], fill_mode="wrap")
    np.testing.assert_allclose(single, last[1], rtol=1e-6)


def test_bad_arguments():
    with pytest.raises(ValueError, match="interpolation=cubic"):
        ops.image.affine_transform(X, T, interpolation="cubic")
    with pytest.raises(ValueError, match="fill_mode=edge"):
        ops.image.affine_transform(X, T, fill_mode="edge")
    with pytest.raises(ValueError, match="images.shape"):
        ops.image.affine_transform(X[0, 0], T)
