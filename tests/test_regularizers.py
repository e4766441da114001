"""Tests for `kerasish.regularizers` (values observed from Keras 3.15.1)."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from kerasish import regularizers as R  # noqa: N812
from kerasish.core.variables import Variable

W = np.array([1.0, -2.0, 3.0], "float32")
M = np.array([[1.0, 2.0, 0.5], [3.0, -1.0, 2.0]], "float32")


def test_penalties_match_keras():
    np.testing.assert_allclose(R.L2(0.1)(W), 1.399999976158142, rtol=1e-6)
    np.testing.assert_allclose(R.L1(0.1)(W), 0.6000000238418579, rtol=1e-6)
    np.testing.assert_allclose(R.L1L2(0.1, 0.2)(W), 3.4000000953674316, rtol=1e-6)
    np.testing.assert_allclose(
        R.OrthogonalRegularizer(0.1)(M), 0.023328473791480064, rtol=1e-5
    )
    cols = R.OrthogonalRegularizer(0.1, mode="columns")(M)
    np.testing.assert_allclose(cols, 0.04518021270632744, rtol=1e-5)
    assert float(R.L1L2()(W)) == 0.0


def test_defaults_and_configs_match_keras():
    assert R.L2().get_config() == {"l2": 0.01}
    assert R.L1().get_config() == {"l1": 0.009999999776482582}
    assert R.L1L2().get_config() == {"l1": 0.0, "l2": 0.0}
    assert R.OrthogonalRegularizer().get_config() == {
        "factor": 0.009999999776482582,
        "mode": "rows",
    }
    assert R.L2(None).l2 == 0.01


def test_accepts_variables_and_jit():
    v = Variable(W)
    np.testing.assert_allclose(R.L2(0.1)(v), 1.4, rtol=1e-6)
    grad = jax.grad(lambda w: R.L2(0.5)(w))(jnp.asarray(W))
    np.testing.assert_allclose(grad, W, rtol=1e-6)
    assert R.L2()(jnp.ones(2, "float16")).dtype == "float16"


def test_get_serialize_deserialize():
    assert R.get(None) is None
    assert isinstance(R.get("l2"), R.L2)
    assert isinstance(R.get("l1"), R.L1)
    assert isinstance(R.get("l1l2"), R.L1L2)
    assert isinstance(R.get("L1L2"), R.L1L2)
    assert isinstance(R.get("orthogonal_regularizer"), R.OrthogonalRegularizer)
    assert R.l2 is R.L2 and R.l1_l2 is R.L1L2
    config = R.serialize(R.L2(0.1))
    assert config == {
        "module": "keras.regularizers",
        "class_name": "L2",
        "config": {"l2": 0.1},
        "registered_name": None,
    }
    assert R.get(config).l2 == 0.1
    with pytest.raises(ValueError, match="Could not interpret regularizer"):
        R.get("l3")


def test_validation():
    with pytest.raises(ValueError, match="l2"):
        R.L2(-1.0)
    with pytest.raises(ValueError, match="mode"):
        R.OrthogonalRegularizer(mode="diag")
    with pytest.raises(ValueError, match="rank 2"):
        R.OrthogonalRegularizer()(W)
