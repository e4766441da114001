import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer


def test_flatten_contract():
    check_layer(layers.Flatten, {}, (2, 3, 4), (2, 12), 0, 0)


def test_flatten_rank1_gives_one_feature():
    assert layers.Flatten().compute_output_shape((None,)) == (None, 1)


def test_flatten_channels_first_moves_channels_last():
    x = np.arange(2 * 3 * 2 * 2, dtype="float32").reshape(2, 3, 2, 2)
    out = np.asarray(layers.Flatten(data_format="channels_first")(x))
    np.testing.assert_array_equal(out, np.moveaxis(x, 1, -1).reshape(2, -1))


def test_flatten_every_rank_and_data_format():
    # Orders observed from Keras 3.15.1.
    x1 = np.arange(2, dtype="float32")
    np.testing.assert_array_equal(layers.Flatten()(x1), [[0.0], [1.0]])
    x2 = np.arange(6, dtype="float32").reshape(2, 3)
    np.testing.assert_array_equal(layers.Flatten(data_format="channels_first")(x2), x2)
    x5 = np.arange(240, dtype="float32").reshape(2, 3, 4, 5, 2)
    out = np.asarray(layers.Flatten(data_format="channels_first")(x5))
    assert out.shape == (2, 120)
    np.testing.assert_array_equal(out[0, :6], [0.0, 40.0, 80.0, 1.0, 41.0, 81.0])


def test_flatten_rejects_scalar_input():
    with pytest.raises(ValueError, match="expected min_ndim=1, found ndim=0"):
        layers.Flatten()(np.float32(3.0))
