"""Tests for `kerasish.constraints` (values observed from Keras 3.15.1)."""

import jax.numpy as jnp
import numpy as np
import pytest

from kerasish import constraints as C  # noqa: N812
from kerasish.core.variables import Variable

W = np.array([[1.0, 2.0, 0.5], [3.0, -1.0, 2.0]], "float32")


def test_values_match_keras():
    max_norm = [
        [0.6324555277824402, 1.7888543605804443, 0.4850712716579437],
        [1.8973665237426758, -0.8944271802902222, 1.940285086631775],
    ]
    np.testing.assert_allclose(C.MaxNorm(2.0)(W), max_norm, rtol=1e-6)
    min_max = [
        [0.8162277340888977, 1.8944270610809326, 0.49253565073013306],
        [2.448683261871338, -0.9472135305404663, 1.9701426029205322],
    ]
    np.testing.assert_allclose(C.MinMaxNorm(1.0, 2.0, rate=0.5)(W), min_max, rtol=1e-6)
    unit = [
        [0.3162277638912201, 0.8944271802902222, 0.24253563582897186],
        [0.9486832618713379, -0.4472135901451111, 0.9701425433158875],
    ]
    np.testing.assert_allclose(C.UnitNorm()(W), unit, rtol=1e-6)
    np.testing.assert_allclose(C.NonNeg()(W), np.maximum(W, 0))


def test_axis_and_variables():
    out = C.UnitNorm(axis=1)(Variable(W))
    np.testing.assert_allclose(jnp.linalg.norm(out, axis=1), [1.0, 1.0], rtol=1e-6)
    out = C.MaxNorm(1.0, axis=[0, 1])(W)
    np.testing.assert_allclose(jnp.linalg.norm(out), 1.0, rtol=1e-6)


def test_get_serialize_deserialize():
    assert C.get(None) is None
    assert C.get("max_norm").get_config() == {"max_value": 2, "axis": 0}
    assert isinstance(C.get("non_neg"), C.NonNeg)
    assert C.get("unit_norm").get_config() == {"axis": 0}
    assert isinstance(C.get("MinMaxNorm"), C.MinMaxNorm)
    assert C.serialize(C.MinMaxNorm()) == {
        "module": "keras.constraints",
        "class_name": "MinMaxNorm",
        "config": {"min_value": 0.0, "max_value": 1.0, "rate": 1.0, "axis": 0},
        "registered_name": None,
    }
    restored = C.deserialize(C.serialize(C.MaxNorm(3.0, axis=1)))
    assert restored.get_config() == {"max_value": 3.0, "axis": 1}
    with pytest.raises(ValueError, match="Could not interpret constraint"):
        C.get("positive")
