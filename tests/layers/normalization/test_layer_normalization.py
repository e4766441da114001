import warnings

import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer

X = np.random.default_rng(3).normal(size=(2, 3, 4)).astype("float32") * 2 + 1


def test_layer_normalization_contract():
    check_layer(layers.LayerNormalization, {}, (2, 3, 4), (2, 3, 4), 2, 0)


def test_normalizes_last_axis():
    gamma = np.linspace(0.5, 2.0, 4).astype("float32")
    beta = np.linspace(-1.0, 1.0, 4).astype("float32")
    layer = layers.LayerNormalization(epsilon=1e-3)
    layer.build(X.shape)
    layer.set_weights([gamma, beta])
    mean, var = X.mean(-1, keepdims=True), X.var(-1, keepdims=True)
    want = (X - mean) / np.sqrt(var + 1e-3) * gamma + beta
    np.testing.assert_allclose(np.asarray(layer(X)), want, rtol=1e-5, atol=1e-5)


def test_normalizes_over_several_axes_without_center_or_scale():
    layer = layers.LayerNormalization(axis=(1, 2), center=False, scale=False)
    mean, var = X.mean((1, 2), keepdims=True), X.var((1, 2), keepdims=True)
    np.testing.assert_allclose(
        np.asarray(layer(X)), (X - mean) / np.sqrt(var + 1e-3), rtol=1e-5, atol=1e-5
    )
    assert layer.weights == []
    layer = layers.LayerNormalization(axis=[2, 1])
    layer.build(X.shape)
    # Keras sorts the axes at build time (and reports them sorted).
    assert layer.axis == [1, 2] and layer.get_config()["axis"] == [1, 2]
    assert layer.gamma.shape == (3, 4)


def test_rms_scaling_divides_by_std_without_centering_as_keras():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        layer = layers.LayerNormalization(rms_scaling=True)
    assert "deprecated" in str(caught[0].message)
    out = np.asarray(layer(X))
    assert [w.name for w in layer.weights] == ["gamma"]
    np.testing.assert_allclose(
        out, X / np.sqrt(X.var(-1, keepdims=True) + 1e-3), rtol=1e-5
    )
    assert layer.get_config()["rms_scaling"] is True


def test_bad_axis():
    with pytest.raises(TypeError, match="axis"):
        layers.LayerNormalization(axis="last")
    with pytest.raises(ValueError, match="Axis 3 is out of bounds"):
        layers.LayerNormalization(axis=3)(X)
