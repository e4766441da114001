import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer


def test_unit_normalization_contract():
    check_layer(layers.UnitNormalization, {}, (2, 3), (2, 3), 0, 0)


def test_unit_norm_along_axes():
    x = np.random.default_rng(5).normal(size=(2, 3, 4)).astype("float32")
    out = np.asarray(layers.UnitNormalization()(x))
    np.testing.assert_allclose(np.linalg.norm(out, axis=-1), 1.0, rtol=1e-6)
    out = np.asarray(layers.UnitNormalization(axis=(1, 2))(x))
    want = x / np.sqrt((x**2).sum(axis=(1, 2), keepdims=True))
    np.testing.assert_allclose(out, want, rtol=1e-6)
    np.testing.assert_allclose(
        np.asarray(layers.UnitNormalization()(np.array([[3.0, 4.0]], "float32"))),
        [[0.6, 0.8]],
        rtol=1e-6,
    )
    assert layers.UnitNormalization(axis=(1, 2)).get_config()["axis"] == [1, 2]


def test_zero_vector_stays_zero_and_bad_axis():
    out = layers.UnitNormalization()(np.zeros((1, 3), "float32"))
    np.testing.assert_array_equal(np.asarray(out), np.zeros((1, 3)))
    with pytest.raises(TypeError, match="Received: axis=x"):
        layers.UnitNormalization(axis="x")
