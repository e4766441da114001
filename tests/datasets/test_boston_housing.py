"""Tests for `kerasish/datasets/boston_housing.py` (split as Keras 3.15.1)."""

import numpy as np
import pytest

from kerasish.datasets import boston_housing
from tests.datasets import fake_files


@pytest.fixture
def arrays(datadir, no_download, monkeypatch):
    arrays = fake_files.write_regression(datadir, "boston_housing.npz", 11, 13)
    monkeypatch.setattr(
        boston_housing, "FILE_HASH", fake_files.sha256(f"{datadir}/boston_housing.npz")
    )
    return arrays


def test_split_and_shuffle(arrays):
    (x_train, y_train), (x_test, y_test) = boston_housing.load_data()
    assert x_train.shape == (8, 13) and x_test.shape == (3, 13)
    assert y_train.shape == (8,) and x_train.dtype == np.float64
    indices = np.arange(11)
    np.random.RandomState(113).shuffle(indices)
    np.testing.assert_array_equal(x_train, arrays["x"][indices[:8]])
    np.testing.assert_array_equal(y_test, arrays["y"][indices[8:]])


def test_test_split_and_seed(arrays):
    (x_train, _), (x_test, _) = boston_housing.load_data(test_split=0.5, seed=3)
    assert len(x_train) == 5 and len(x_test) == 6


@pytest.mark.parametrize("test_split", [1, -0.1])
def test_bad_split(test_split):
    with pytest.raises(ValueError, match="Invalid `test_split` argument"):
        boston_housing.load_data(test_split=test_split)
