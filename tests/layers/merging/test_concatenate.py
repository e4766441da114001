"""Tests for `kerasish/layers/merging/concatenate.py`."""

import jax
import numpy as np
import pytest

import kerasish as keras
from kerasish.core import masking

A = np.arange(24, dtype="float32").reshape(2, 3, 4)
B = np.ones((2, 2, 4), "float32")


def test_values_shape_config():
    layer = keras.layers.Concatenate(axis=1, name="cat")
    np.testing.assert_array_equal(layer([A, B]), np.concatenate([A, B], axis=1))
    assert layer.compute_output_shape([(None, 3, 4), (None, 2, 4)]) == (None, 5, 4)
    assert layer.get_config()["axis"] == 1
    np.testing.assert_array_equal(
        keras.layers.concatenate([A, A]), np.concatenate([A, A], -1)
    )


def test_mask_of_partially_masked_inputs():
    a = jax.numpy.asarray(A)
    masking.set_keras_mask(a, np.array([[1, 1, 0], [1, 0, 0]], bool))
    out = keras.layers.Concatenate()([a, jax.numpy.asarray(A)])
    # Unmasked inputs count as all-True: the OR over the last axis is all True.
    np.testing.assert_array_equal(masking.get_keras_mask(out), np.ones((2, 3), bool))


def test_mismatched_shapes():
    with pytest.raises(ValueError, match="matching shapes except for the concat"):
        keras.layers.Concatenate(axis=1)([A, np.ones((2, 2, 5), "float32")])
