"""Tests for moments and normalization ops (values observed from Keras 3.15.1)."""

import jax.numpy as jnp
import numpy as np
import pytest

from kerasish import ops

X = np.array([[1.0, 2.0, 3.0], [0.5, -1.0, 4.0]], "float32")


def test_moments_biased_variance():
    mean, variance = ops.moments(X, axes=[1])
    np.testing.assert_allclose(mean, [2.0, 1.1666667461395264], rtol=1e-6)
    np.testing.assert_allclose(
        variance, [0.6666666865348816, 4.388888835906982], rtol=1e-6
    )
    mean, variance = ops.moments(jnp.asarray(X, "float16"), axes=0, keepdims=True)
    assert mean.shape == (1, 3) and variance.dtype == "float16"


def test_normalize_matches_keras():
    expected = [
        [0.26726123690605164, 0.5345224738121033, 0.8017836809158325],
        [0.12038585543632507, -0.24077171087265015, 0.9630868434906006],
    ]
    np.testing.assert_allclose(ops.normalize(X), expected, rtol=1e-6)
    np.testing.assert_allclose(
        ops.normalize(X, order=1).__abs__().sum(-1), [1, 1], rtol=1e-6
    )


def test_layer_and_batch_normalization():
    expected = [
        [-1.2247447967529297, 0.0, 1.2247447967529297],
        [-0.31822293996810913, -1.034224510192871, 1.352447271347046],
    ]
    np.testing.assert_allclose(
        ops.layer_normalization(X), expected, rtol=1e-5, atol=1e-6
    )
    mean, var = X.mean(0), X.var(0)
    out = ops.batch_normalization(X, mean, var, axis=-1, epsilon=0.0)
    np.testing.assert_allclose(out, (X - mean) / np.sqrt(var), rtol=1e-5)
    rms = ops.rms_normalization(X, epsilon=0.0)
    np.testing.assert_allclose(
        rms, X / np.sqrt((X**2).mean(-1, keepdims=True)), rtol=1e-6
    )


def test_layer_normalization_rms_scaling_matches_keras():
    x = np.arange(12, dtype="float32").reshape(3, 4)
    gamma = np.array([1, 2, 3, 4.0], "float32")
    with pytest.warns(UserWarning, match="rms_scaling"):
        out = ops.layer_normalization(x, gamma=gamma, rms_scaling=True)
    # Printed by Keras 3.15.1.
    want = [
        [0.0, 1.7888542413711548, 5.366562843322754, 10.733125686645508],
        [3.5777084827423096, 8.944271087646484, 16.099689483642578, 25.04395866394043],
        [7.155416965484619, 16.099687576293945, 26.832813262939453, 39.354793548583984],
    ]
    np.testing.assert_allclose(np.asarray(out), want, rtol=1e-6)
