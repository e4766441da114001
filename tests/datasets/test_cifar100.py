"""Tests for `kerasish/datasets/cifar100.py` (label modes, Keras' dtypes)."""

import os

import numpy as np
import pytest

from kerasish.datasets import cifar100
from tests.datasets import fake_files


@pytest.fixture
def batches(datadir, no_download, monkeypatch):
    batches = fake_files.write_cifar100(datadir, n=3)
    archive = os.path.join(datadir, "cifar-100-python-target_archive")
    monkeypatch.setattr(cifar100, "FILE_HASH", fake_files.sha256(archive))
    return batches


@pytest.mark.parametrize("label_mode", ["fine", "coarse"])
def test_label_modes(batches, label_mode):
    (x_train, y_train), (x_test, y_test) = cifar100.load_data(label_mode=label_mode)
    assert x_train.shape == (3, 32, 32, 3) and x_train.dtype == np.uint8
    # Keras reshapes the label lists directly: int64, shape (n, 1).
    assert y_train.shape == (3, 1) and y_train.dtype == np.int64
    key = f"{label_mode}_labels".encode()
    np.testing.assert_array_equal(y_train[:, 0], batches["train"][key])
    np.testing.assert_array_equal(y_test[:, 0], batches["test"][key])


def test_bad_label_mode():
    with pytest.raises(ValueError, match='must be one of `"fine"`, `"coarse"`'):
        cifar100.load_data(label_mode="medium")
