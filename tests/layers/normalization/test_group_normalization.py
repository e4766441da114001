import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer

X = np.random.default_rng(4).normal(size=(2, 3, 4)).astype("float32") * 2 + 1


def _group_norm(x, groups, eps=1e-3):
    n, t, c = x.shape
    g = x.reshape(n, t, groups, c // groups)
    mean = g.mean(axis=(1, 3), keepdims=True)
    var = g.var(axis=(1, 3), keepdims=True)
    return ((g - mean) / np.sqrt(var + eps)).reshape(x.shape)


def test_group_normalization_contract():
    check_layer(
        layers.GroupNormalization,
        {"groups": 2, "beta_initializer": "ones"},
        (2, 3, 4),
        (2, 3, 4),
        2,
        0,
    )


@pytest.mark.parametrize("groups", [1, 2, 4])
def test_normalizes_each_group(groups):
    out = layers.GroupNormalization(groups=groups)(X)
    np.testing.assert_allclose(
        np.asarray(out), _group_norm(X, groups), rtol=1e-5, atol=1e-5
    )


def test_channels_first_and_instance_normalization():
    x = np.transpose(X, (0, 2, 1))  # (batch, channels, time)
    layer = layers.GroupNormalization(groups=-1, axis=1)
    out = np.asarray(layer(x))
    np.testing.assert_allclose(
        out, np.transpose(_group_norm(X, 4), (0, 2, 1)), rtol=1e-5, atol=1e-5
    )
    # Keras rewrites groups=-1 to the channel count when building.
    assert layer.get_config()["groups"] == 4


def test_bad_groups():
    for groups in (0, -2, 1.5):
        with pytest.raises(ValueError, match=f"Received: groups={groups}"):
            layers.GroupNormalization(groups=groups)
    with pytest.raises(ValueError, match="cannot be more than"):
        layers.GroupNormalization(groups=8)(X)
    with pytest.raises(ValueError, match="must be a multiple"):
        layers.GroupNormalization(groups=3)(X)
