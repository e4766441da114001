"""Tests for `kerasish/layers/merging/dot.py`."""

import numpy as np
import pytest

import kerasish as keras

RNG = np.random.default_rng(0)
X = RNG.normal(size=(2, 3, 4)).astype("float32")
Y = RNG.normal(size=(2, 5, 3)).astype("float32")


def test_axes_values_and_shape():
    layer = keras.layers.Dot(axes=(1, 2), name="dot")
    out = layer([X, Y])
    np.testing.assert_allclose(out, np.einsum("bji,bkj->bik", X, Y), rtol=1e-5)
    assert layer.compute_output_shape([(None, 3, 4), (None, 5, 3)]) == (None, 4, 5)
    assert layer.get_config()["axes"] == (1, 2)


def test_vectors_and_normalize():
    a, b = X[:, 0], X[:, 1]
    np.testing.assert_allclose(
        keras.layers.dot([a, b], axes=1), np.sum(a * b, 1, keepdims=True), rtol=1e-5
    )
    cos = np.sum(a * b, 1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)
    out = keras.layers.Dot(axes=-1, normalize=True)([a, b])
    np.testing.assert_allclose(out[:, 0], cos, rtol=1e-5)


def test_bad_axes_and_shapes():
    with pytest.raises(TypeError, match="Invalid type for argument `axes`"):
        keras.layers.Dot(axes="x")
    with pytest.raises(ValueError, match="should contain two elements"):
        keras.layers.Dot(axes=(1, 2, 3))
    with pytest.raises(ValueError, match="Incompatible input shapes"):
        keras.layers.Dot(axes=1)([X, Y[:, :4]])
    with pytest.raises(ValueError, match="list of 2 inputs"):
        keras.layers.Dot(axes=1)([X, X, X])
