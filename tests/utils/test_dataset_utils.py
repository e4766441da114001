"""Tests for `kerasish/utils/dataset_utils.py` (`split_dataset` on NumPy data).

Expected splits are Keras 3.15.1's sample order (its list-based split, run
without TensorFlow) for the same arrays and seeds.
"""

import random

import numpy as np
import pytest

from kerasish import utils
from kerasish.utils.dataset_utils import _rescale_dataset_split_sizes

X = np.arange(20, dtype="float32").reshape(10, 2)
Y = np.arange(10)


@pytest.mark.parametrize(
    "left, right, expected",
    [
        (0.8, None, (8, 2)),
        (None, 0.3, (7, 3)),
        (3, None, (3, 7)),
        (None, 4, (6, 4)),
        (3, 4, (3, 4)),
        (0.25, 0.25, (2, 2)),  # round(2.5) == 2: banker's rounding, as Keras
        (0.55, None, (6, 4)),
    ],
)
def test_split_sizes(left, right, expected):
    assert _rescale_dataset_split_sizes(left, right, 10) == expected


def test_tuple_split_keeps_structure():
    left, right = utils.split_dataset((X, Y), left_size=0.7)
    assert isinstance(left, tuple) and len(left) == 2
    np.testing.assert_array_equal(left[0], X[:7])
    np.testing.assert_array_equal(right[1], [7, 8, 9])
    assert left[0].dtype == np.float32


def test_list_becomes_tuple_and_array_stays_array():
    left, right = utils.split_dataset([X, Y], right_size=2)
    assert isinstance(left, tuple) and left[1].tolist() == list(range(8))
    left, right = utils.split_dataset(X, left_size=3)
    assert isinstance(left, np.ndarray) and left.shape == (3, 2)
    np.testing.assert_array_equal(right, X[3:])


def test_shuffle_matches_keras_order():
    left, right = utils.split_dataset((X, Y), left_size=3, shuffle=True, seed=7)
    assert left[1].tolist() == [8, 3, 1]
    assert right[1].tolist() == [4, 7, 0, 9, 6, 2, 5]
    np.testing.assert_array_equal(left[0], X[[8, 3, 1]])
    left, right = utils.split_dataset(X, right_size=0.2, shuffle=True, seed=1)
    np.testing.assert_array_equal(left[:, 0] // 2, [6, 8, 9, 7, 5, 3, 0, 4])
    np.testing.assert_array_equal(right[:, 0] // 2, [1, 2])


def test_shuffle_without_seed_is_a_permutation():
    random.seed(0)
    left, right = utils.split_dataset(Y, left_size=0.5, shuffle=True)
    assert sorted(left.tolist() + right.tolist()) == list(range(10))


@pytest.mark.parametrize(
    "left, right, error, message",
    [
        (0, 0, ValueError, "Both `left_size` and `right_size` are zero"),
        (10, None, ValueError, "positive integer smaller than 10"),
        (1.0, None, ValueError, "Received: left_size=1.0"),
        (None, -1, ValueError, "Received: right_size=-1"),
        (0.6, 0.6, ValueError, "is greater than 1"),
        (6, 6, ValueError, "Received: left_size \\+ right_size = 12.0"),
        (0.01, None, ValueError, "Resulting left side dataset split will be empty"),
        ("a", None, TypeError, "Invalid `left_size` Type"),
        (None, "b", TypeError, "Invalid `right_size` Type"),
        ("a", "b", TypeError, "Invalid `left_size` and `right_size` Types"),
        (np.int64(3), None, TypeError, "Invalid `left_size` Type"),
    ],
)
def test_size_errors(left, right, error, message):
    with pytest.raises(error, match=message):
        utils.split_dataset(X, left_size=left, right_size=right)


def test_dataset_errors():
    with pytest.raises(TypeError, match="must be eithera `tf.data.Dataset` object"):
        utils.split_dataset({"a": X}, left_size=0.5)
    with pytest.raises(ValueError, match="different lengths.Mismatch found at index 1"):
        utils.split_dataset((X, Y[:3]), left_size=0.5)
    with pytest.raises(ValueError, match="Expected a list of `numpy.ndarray` objects"):
        utils.split_dataset([X, [1]], left_size=0.5)
    with pytest.raises(ValueError, match="non-empty tuple of arrays"):
        utils.split_dataset((), left_size=0.5)
    with pytest.raises(ValueError, match="At least one of the `left_size` or"):
        utils.split_dataset(X)
    with pytest.raises(ValueError, match="Received an empty dataset"):
        utils.split_dataset(np.zeros((0, 2)), left_size=0.5)
