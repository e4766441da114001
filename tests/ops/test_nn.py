"""Tests for `ops.nn` activations and encodings (values observed from Keras 3.15.1)."""

import jax.numpy as jnp
import numpy as np
import pytest

from kerasish import ops

X = np.array([-3.5, -1.0, -0.3, 0.0, 0.2, 1.0, 2.5, 7.0], "float32")


def test_ops_gelu_defaults_to_tanh_approximation():
    # Keras: ops.gelu(approximate=True) by default, activations.gelu exact.
    expected = [-0.0006161481142044067, -0.15880796313285828, -0.11462908238172531, 0.0]
    np.testing.assert_allclose(ops.gelu(X)[:4], expected, rtol=1e-5, atol=1e-7)


def test_activation_values():
    np.testing.assert_allclose(ops.leaky_relu(X)[:2], [-0.7, -0.2], rtol=1e-6)
    np.testing.assert_allclose(ops.relu6(X)[-1], 6.0)
    np.testing.assert_allclose(ops.hard_sigmoid(X)[1], 0.3333333432674408, rtol=1e-6)
    np.testing.assert_allclose(ops.soft_shrink(X)[:3], [-3.0, -0.5, 0.0])
    np.testing.assert_allclose(ops.hard_shrink(X)[:3], [-3.5, -1.0, 0.0])
    np.testing.assert_allclose(ops.threshold(X, 0.5, -1.0)[4:6], [-1.0, 1.0])
    np.testing.assert_allclose(
        ops.sigmoid(jnp.array([0, 1], "int32")), [0.5, 0.7310586], rtol=1e-6
    )


def test_softmax_and_log_softmax():
    x = jnp.array([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
    np.testing.assert_allclose(ops.softmax(x).sum(-1), [1.0, 1.0], rtol=1e-6)
    np.testing.assert_allclose(ops.softmax(x, axis=(0, 1)).sum(), 1.0, rtol=1e-6)
    np.testing.assert_allclose(jnp.exp(ops.log_softmax(x)), ops.softmax(x), rtol=1e-6)
    with pytest.warns(UserWarning, match="size 1"):
        ops.softmax(jnp.ones((2, 1)))


def test_one_hot_and_multi_hot():
    out = ops.one_hot(jnp.array([0, 2, -1]), 3)
    assert out.dtype == "float32"
    np.testing.assert_allclose(out, [[1, 0, 0], [0, 0, 1], [0, 0, 0]])
    assert ops.one_hot(jnp.array([1]), 2, axis=0).shape == (2, 1)
    np.testing.assert_allclose(
        ops.multi_hot(jnp.array([[0, 2], [1, 1]]), 4), [[1, 0, 1, 0], [0, 1, 0, 0]]
    )
    with pytest.raises(ValueError, match="num_classes"):
        ops.multi_hot(jnp.array([1]))


def test_sparsemax_keras_values():
    x = np.array([[1.0, 2.0, 3.0], [0.5, -1.0, 4.0]], "float32")
    np.testing.assert_allclose(ops.sparsemax(x), [[0, 0, 1], [0, 0, 1]])
    # Keras 3.15.1 quirk (copied): tau sums the cumulative sums over the
    # support, so the outputs need not sum to 1.
    np.testing.assert_allclose(
        ops.sparsemax(jnp.array([[0.1, 0.2, -0.3]])),
        [[0.2666666805744171, 0.36666667461395264, 0.0]],
        rtol=1e-6,
    )
