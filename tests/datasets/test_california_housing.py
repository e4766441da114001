"""Tests for `kerasish/datasets/california_housing.py` (versions, split)."""

import numpy as np
import pytest

from kerasish.datasets import california_housing
from tests.datasets import fake_files


@pytest.fixture
def arrays(datadir, no_download, monkeypatch):
    arrays = fake_files.write_regression(datadir, "california_housing.npz", 700, 8)
    path = f"{datadir}/california_housing.npz"
    monkeypatch.setattr(california_housing, "FILE_HASH", fake_files.sha256(path))
    return arrays


def test_large(arrays):
    (x_train, y_train), (x_test, _) = california_housing.load_data()
    assert x_train.shape == (560, 8) and x_test.shape == (140, 8)
    assert y_train.shape == (560,)


def test_small_takes_first_600_before_shuffling(arrays):
    (x_train, _), (x_test, _) = california_housing.load_data(
        version="small", test_split=0.1, seed=1
    )
    assert len(x_train) == 540 and len(x_test) == 60
    indices = np.arange(600)
    np.random.RandomState(1).shuffle(indices)
    np.testing.assert_array_equal(x_test, arrays["x"][:600][indices[540:]])


def test_bad_version(arrays):
    with pytest.raises(ValueError, match="Received: version=huge"):
        california_housing.load_data(version="huge")
