"""Tests for `kerasish/layers/merging/elementwise.py` (and `base_merge.py`)."""

import jax
import numpy as np
import pytest

import kerasish as keras
from kerasish.core import masking

L = keras.layers
RNG = np.random.default_rng(0)
A = RNG.normal(size=(2, 3, 4)).astype("float32")
B = RNG.normal(size=(2, 3, 4)).astype("float32")
C = RNG.normal(size=(2, 3, 4)).astype("float32")


@pytest.mark.parametrize(
    ("cls", "fn", "want"),
    [
        (L.Add, L.add, A + B + C),
        (L.Multiply, L.multiply, A * B * C),
        (L.Average, L.average, (A + B + C) / 3),
        (L.Maximum, L.maximum, np.maximum(np.maximum(A, B), C)),
        (L.Minimum, L.minimum, np.minimum(np.minimum(A, B), C)),
    ],
)
def test_values_and_functional_form(cls, fn, want):
    layer = cls(name="merge")
    np.testing.assert_allclose(layer([A, B, C]), want, rtol=1e-6)
    np.testing.assert_allclose(fn([A, B, C]), want, rtol=1e-6)
    assert layer.compute_output_shape([(None, 3, 4)] * 3) == (None, 3, 4)
    assert cls.from_config(layer.get_config()).get_config() == layer.get_config()
    assert layer.weights == []


def test_subtract_and_broadcast_of_lower_rank():
    np.testing.assert_allclose(L.subtract([A, B]), A - B)
    # (2, 4) is broadcast as (2, 1, 4): Keras inserts axes after the batch axis.
    np.testing.assert_allclose(L.Add()([A, B[:, 0]]), A + B[:, :1])


def test_jit_and_symbolic_call():
    layer = L.Add()
    np.testing.assert_allclose(jax.jit(lambda a, b: layer([a, b]))(A, B), A + B)
    x1, x2 = keras.Input((3, 4)), keras.Input((3, 4))
    assert L.Concatenate()([x1, x2]).shape == (None, 3, 8)
    assert L.Add()([x1, x2]).shape == (None, 3, 4)


def test_masks_follow_keras_rules():
    m1 = np.array([[1, 1, 0], [1, 0, 0]], bool)
    m2 = np.array([[1, 0, 0], [1, 1, 0]], bool)
    a, b = jax.numpy.asarray(A), jax.numpy.asarray(B)
    masking.set_keras_mask(a, m1)
    masking.set_keras_mask(b, m2)
    out = L.Multiply()([a, b])
    np.testing.assert_array_equal(masking.get_keras_mask(out), m1 | m2)
    e1, e2 = m1[..., None], m2[..., None]
    want = np.where(e1 | e2, np.where(e1, A, 1) * np.where(e2, B, 1), 0)
    np.testing.assert_allclose(out, want, rtol=1e-6)
    out = L.Maximum()([a, b])
    want = np.maximum(np.where(e2, np.where(e1, A, B), A), np.where(e2, B, A))
    np.testing.assert_allclose(out, np.where(e1, want, np.where(e2, B, A)), rtol=1e-6)


def test_bad_inputs():
    with pytest.raises(ValueError, match="Inputs have incompatible shapes"):
        L.Add()([A, np.zeros((2, 3, 5), "float32")])
    with pytest.raises(ValueError, match="should be called on a list of inputs"):
        L.Add()(A)
    with pytest.raises(ValueError, match="exactly 2 inputs"):
        L.Subtract()([A, B, C])
    with pytest.raises(ValueError, match="different batch sizes"):
        L.Add()([A, B[:1]])
