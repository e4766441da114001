"""Tests for `kerasish/utils/numerical_utils.py` (expected values observed from
Keras 3.15.1 on the JAX backend)."""

import jax
import jax.numpy as jnp
import numpy as np

from kerasish.utils import normalize, to_categorical


def test_to_categorical_numpy_is_float64_and_squeezes_trailing_one():
    out = to_categorical([[1], [0], [2]])
    assert isinstance(out, np.ndarray) and out.dtype == np.float64
    np.testing.assert_array_equal(out, [[0, 1, 0], [1, 0, 0], [0, 0, 1]])


def test_to_categorical_keeps_leading_axes():
    out = to_categorical(np.array([[1, 2], [0, 3]]), num_classes=5)
    assert out.shape == (2, 2, 5)
    np.testing.assert_array_equal(out[1, 1], [0, 0, 0, 1, 0])


def test_to_categorical_truncates_floats_through_int64():
    np.testing.assert_array_equal(to_categorical(np.array([1.7, 0.2])), np.eye(2)[::-1])


def test_to_categorical_jax_input_gives_float32_jax_array():
    out = to_categorical(jnp.array([[1], [0]]), 3)
    assert isinstance(out, jax.Array) and out.dtype == jnp.float32
    np.testing.assert_array_equal(out, [[0, 1, 0], [1, 0, 0]])
    np.testing.assert_array_equal(
        to_categorical(jnp.array([2, 0])), [[0, 0, 1], [1, 0, 0]]
    )


X = np.array([[3.0, 4.0], [0.0, 0.0], [1.0, -2.0]])


def test_normalize_numpy():
    np.testing.assert_allclose(
        normalize(X),
        [[0.6, 0.8], [0.0, 0.0], [0.4472135954999579, -0.8944271909999159]],
        rtol=1e-15,
    )
    np.testing.assert_allclose(
        normalize(X, axis=1, order=1),
        [[0.42857142857142855, 0.5714285714285714], [0, 0], [1 / 3, -2 / 3]],
        rtol=1e-15,
    )
    # Keras quirk: axis=None normalizes by the global norm along the last axis.
    np.testing.assert_allclose(
        normalize(X, axis=None),
        [
            [0.5863185227545643, 0.7817580303394192],
            [0, 0],
            [0.1954395075848548, -0.3908790151697096],
        ],
        rtol=1e-15,
    )


def test_normalize_jax():
    x = jnp.asarray(X, dtype="float32")
    out = normalize(x)
    assert isinstance(out, jax.Array) and out.dtype == jnp.float32
    np.testing.assert_array_equal(
        out,
        np.array(
            [
                [0.6000000238418579, 0.800000011920929],
                [0, 0],
                [0.4472135901451111, -0.8944271802902222],
            ],
            dtype="float32",
        ),
    )
    np.testing.assert_array_equal(
        normalize(x, axis=0, order=1),
        np.array(
            [[0.75, 0.6666666865348816], [0, 0], [0.25, -0.3333333432674408]],
            dtype="float32",
        ),
    )
