import numpy as np

from kerasish import layers


def test_masks_are_cached_until_reset():
    cell = layers.SimpleRNNCell(3, dropout=0.5, recurrent_dropout=0.5, seed=0)
    x = np.ones((4, 6), "float32")
    mask = cell.get_dropout_mask(x)
    assert cell.get_dropout_mask(x) is mask
    assert set(np.unique(np.asarray(mask))) <= {0.0, 2.0}
    cell.reset_dropout_mask()
    cell.reset_recurrent_dropout_mask()
    assert cell._dropout_mask is None and cell._recurrent_dropout_mask is None
    assert layers.SimpleRNNCell(3).get_dropout_mask(x) is None
