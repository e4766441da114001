"""Tests for `kerasish/datasets/digits.py` (values checked against scikit-learn's
`load_digits`, shuffled with the same `RandomState(113)`)."""

import numpy as np
import pytest

import kerasish as keras
from kerasish.datasets import digits

# scikit-learn 1.9.1 `load_digits().images[0]` (a zero) and its first labels.
FIRST_IMAGE = [
    [0, 0, 5, 13, 9, 1, 0, 0],
    [0, 0, 13, 15, 10, 15, 5, 0],
    [0, 3, 15, 2, 0, 11, 8, 0],
    [0, 4, 12, 0, 0, 8, 8, 0],
    [0, 5, 8, 0, 0, 9, 8, 0],
    [0, 4, 11, 0, 1, 12, 7, 0],
    [0, 2, 14, 5, 10, 12, 0, 0],
    [0, 0, 6, 13, 10, 0, 0, 0],
]


def test_default_split():
    (x_train, y_train), (x_test, y_test) = keras.datasets.digits.load_data()
    assert x_train.shape == (1437, 8, 8) and x_test.shape == (360, 8, 8)
    assert y_train.shape == (1437,) and y_test.shape == (360,)
    assert x_train.dtype == np.uint8 and y_train.dtype == np.uint8
    # Observed with scikit-learn's copy under the same shuffle.
    assert int(x_train.sum()) == 449830 and int(x_test.sum()) == 111888
    np.testing.assert_array_equal(y_train[:10], [1, 0, 9, 1, 1, 2, 3, 0, 0, 1])
    np.testing.assert_array_equal(y_test[:10], [8, 0, 8, 9, 8, 8, 0, 4, 3, 6])


def test_whole_dataset_without_split():
    (x, y), (x_test, y_test) = digits.load_data(test_split=0.0)
    assert x.shape == (1797, 8, 8) and len(x_test) == len(y_test) == 0
    assert x.min() == 0 and x.max() == 16
    np.testing.assert_array_equal(
        np.bincount(y), [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    )
    # The shuffle is a permutation: the first stored sample is in there once.
    matches = np.flatnonzero((x == np.array(FIRST_IMAGE)).all(axis=(1, 2)))
    assert len(matches) == 1 and y[matches[0]] == 0


def test_seed_controls_shuffle():
    (a, _), _ = digits.load_data(seed=113)
    (b, _), _ = digits.load_data(seed=113)
    (c, _), _ = digits.load_data(seed=0)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


@pytest.mark.parametrize("test_split", [1.0, -0.1])
def test_bad_split(test_split):
    with pytest.raises(ValueError, match="test_split"):
        digits.load_data(test_split=test_split)
