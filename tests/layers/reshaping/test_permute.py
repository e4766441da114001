import numpy as np
import pytest

import kerasish as keras
from kerasish import layers
from tests.layer_checks import check_layer


def test_permute_contract():
    check_layer(layers.Permute, {"dims": (3, 1, 2)}, (2, 3, 4, 5), (2, 5, 3, 4), 0, 0)


def test_permute_transposes_non_batch_axes():
    x = np.arange(24, dtype="float32").reshape(2, 3, 4)
    np.testing.assert_array_equal(layers.Permute((2, 1))(x), x.transpose(0, 2, 1))
    assert layers.Permute((2, 1))(keras.Input((10, 64))).shape == (None, 64, 10)
    assert layers.Permute([2, 1], name="p").get_config()["dims"] == (2, 1)


def test_permute_rejects_bad_dims_and_rank():
    with pytest.raises(ValueError, match=r"dims=\(0, 1\)"):
        layers.Permute((0, 1))
    with pytest.raises(ValueError, match="dims"):
        layers.Permute((1, 3))
    with pytest.raises(ValueError, match="expected ndim=3, found ndim=4"):
        layers.Permute((2, 1))(np.zeros((1, 2, 3, 4), "float32"))
