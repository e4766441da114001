import numpy as np

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
