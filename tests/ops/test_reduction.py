"""Tests for reductions, scans and sorting."""

import jax.numpy as jnp
import numpy as np

from kerasish import ops

X = np.array([[1.0, 5.0, 3.0], [4.0, 2.0, 6.0]], "float32")


def test_reductions_match_numpy():
    np.testing.assert_allclose(ops.sum(X, axis=1), X.sum(1))
    np.testing.assert_allclose(ops.mean(X, axis=[0, 1]), X.mean())
    np.testing.assert_allclose(
        ops.max(X, axis=0, keepdims=True), X.max(0, keepdims=True)
    )
    np.testing.assert_allclose(ops.min(X), 1.0)
    np.testing.assert_allclose(ops.prod(X, axis=1), X.prod(1))
    np.testing.assert_allclose(ops.std(X, axis=1), X.std(1), rtol=1e-6)
    np.testing.assert_allclose(ops.var(X), X.var(), rtol=1e-6)
    np.testing.assert_allclose(ops.median(X, axis=1), [3.0, 4.0])
    assert ops.all(X > 0).item() and not ops.any(X > 6).item()
    assert ops.count_nonzero(jnp.array([0, 1, 2])).item() == 2


def test_half_precision_mean_is_computed_in_float32():
    x = jnp.full((4096,), 0.1, "float16")
    out = ops.mean(x)
    assert out.dtype == "float16"
    np.testing.assert_allclose(float(out), 0.1, rtol=1e-3)


def test_arg_ops_and_sorting():
    assert ops.argmax(X, axis=1).tolist() == [1, 2]
    assert ops.argmin(X).tolist() == 0
    assert ops.argmax(X, axis=1).dtype == "int32"
    assert ops.argsort(X[0]).tolist() == [0, 2, 1]
    np.testing.assert_allclose(ops.sort(X, axis=-1)[1], [2.0, 4.0, 6.0])
    np.testing.assert_allclose(ops.cumsum(X, axis=1)[0], [1.0, 6.0, 9.0])
    np.testing.assert_allclose(ops.cumprod(X)[:3], [1.0, 5.0, 15.0])
    assert ops.cumsum(jnp.array([True, True])).dtype == "int32"
