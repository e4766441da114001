"""Tests for `kerasish/datasets/cifar10.py` (a tiny archive in Keras' cache layout)."""

import os

import numpy as np

from kerasish.datasets import cifar10
from tests.datasets import fake_files


def test_loads_cached_archive(datadir, no_download, monkeypatch):
    batches = fake_files.write_cifar10(datadir, n=2)
    archive = os.path.join(datadir, "cifar-10-batches-py-target_archive")
    monkeypatch.setattr(cifar10, "FILE_HASH", fake_files.sha256(archive))
    (x_train, y_train), (x_test, y_test) = cifar10.load_data()
    assert x_train.shape == (10, 32, 32, 3) and x_test.shape == (2, 32, 32, 3)
    assert y_train.shape == (10, 1) and y_test.shape == (2, 1)
    assert {a.dtype for a in (x_train, y_train, x_test, y_test)} == {np.dtype("uint8")}
    first = batches["data_batch_1"][b"data"][0].reshape(3, 32, 32).transpose(1, 2, 0)
    np.testing.assert_array_equal(x_train[0], first)
    labels = [v for i in range(1, 6) for v in batches[f"data_batch_{i}"][b"labels"]]
    np.testing.assert_array_equal(y_train[:, 0], np.array(labels, dtype=np.uint8))
    np.testing.assert_array_equal(y_test[:, 0], batches["test_batch"][b"labels"])
    # Keras' layout: the archive beside its extraction directory.
    extracted = os.path.join(
        datadir, "cifar-10-batches-py-target", "cifar-10-batches-py"
    )
    assert sorted(os.listdir(extracted))[:2] == ["data_batch_1", "data_batch_2"]
