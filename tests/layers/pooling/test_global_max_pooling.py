"""GlobalMaxPooling1D / 2D / 3D: max over all spatial axes, `keepdims`."""

import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer


def test_global_max_pooling1d_contract():
    check_layer(layers.GlobalMaxPooling1D, {}, (2, 5, 3), (2, 3), 0, 0)


def test_global_max_pooling2d_contract():
    check_layer(
        layers.GlobalMaxPooling2D,
        {"keepdims": True, "data_format": "channels_first"},
        (2, 3, 4, 5),
        (2, 3, 1, 1),
        0,
        0,
    )


def test_global_max_pooling3d_contract():
    check_layer(layers.GlobalMaxPooling3D, {}, (1, 2, 3, 2, 4), (1, 4), 0, 0)


def test_values_and_aliases():
    x = np.random.default_rng(0).normal(size=(2, 3, 4, 5)).astype("float32")
    np.testing.assert_allclose(layers.GlobalMaxPool2D()(x), x.max(axis=(1, 2)))
    assert layers.GlobalMaxPool1D is layers.GlobalMaxPooling1D
    assert layers.GlobalMaxPool3D is layers.GlobalMaxPooling3D


def test_wrong_rank_names_the_layer():
    with pytest.raises(ValueError, match='"g".*expected ndim=5'):
        layers.GlobalMaxPooling3D(name="g")(np.zeros((1, 2, 3, 4), "float32"))
