"""Tests for `ops.math`."""

import jax.numpy as jnp
import numpy as np
import pytest

from kerasish import ops


def test_top_k_and_in_top_k():
    values, indices = ops.top_k(jnp.array([[1.0, 3.0, 2.0]]), 2)
    np.testing.assert_allclose(values, [[3.0, 2.0]])
    assert indices.tolist() == [[1, 2]] and indices.dtype == "int32"
    preds = jnp.array([[0.1, 0.5, 0.4], [0.3, 0.3, 0.4]])
    assert ops.in_top_k(jnp.array([2, 0]), preds, 1).tolist() == [False, False]
    assert ops.in_top_k(jnp.array([2, 0]), preds, 2).tolist() == [True, True]


def test_logsumexp_segments_erf_rsqrt():
    x = np.array([[1.0, 2.0, 3.0], [0.5, -1.0, 4.0]], "float32")
    np.testing.assert_allclose(ops.logsumexp(x), 4.4636945724487305, rtol=1e-6)
    out = ops.segment_sum(
        jnp.array([1.0, 2.0, 3.0]), jnp.array([0, 0, 1]), num_segments=2
    )
    np.testing.assert_allclose(out, [3.0, 3.0])
    with pytest.raises(ValueError, match="num_segments"):
        ops.segment_sum(jnp.ones(2), jnp.array([0, 1]))
    np.testing.assert_allclose(ops.erf(jnp.array([0, 1])), [0.0, 0.8427008], rtol=1e-6)
    np.testing.assert_allclose(ops.rsqrt(jnp.array([4.0])), [0.5])


def test_linalg():
    a = jnp.array([[2.0, 0.0], [0.0, 4.0]])
    np.testing.assert_allclose(ops.norm(jnp.array([3, 4])), 5.0)
    np.testing.assert_allclose(ops.inv(a), [[0.5, 0], [0, 0.25]])
    np.testing.assert_allclose(ops.solve(a, jnp.array([2.0, 4.0])), [1.0, 1.0])
    q, r = ops.qr(jnp.array([[1.0, 2.0], [3.0, 4.0]]))
    np.testing.assert_allclose(q @ r, [[1.0, 2.0], [3.0, 4.0]], rtol=1e-5)
