"""Tests for `kerasish/datasets/cifar.py`: safe batch parsing, data formats."""

import os
import pickle

import numpy as np
import pytest

from kerasish.backend import config
from kerasish.datasets import cifar
from tests.datasets import fake_files


def test_load_batch_reshapes_and_decodes_keys(tmp_path):
    batch = fake_files.cifar_batch(2, 0, ("labels",))
    path = tmp_path / "data_batch_1"
    path.write_bytes(pickle.dumps(batch, protocol=2))
    data, labels = cifar.load_batch(str(path))
    assert data.shape == (2, 3, 32, 32) and data.dtype == np.uint8
    np.testing.assert_array_equal(data.reshape(2, -1), batch[b"data"])
    assert labels == batch[b"labels"]


def test_load_batch_refuses_code(tmp_path):
    class Evil:
        def __reduce__(self):
            return (os.system, ("echo pwned",))

    path = tmp_path / "data_batch_1"
    path.write_bytes(pickle.dumps({b"data": Evil(), b"labels": []}))
    with pytest.raises(pickle.UnpicklingError, match="`posix.system`"):
        cifar.load_batch(str(path))


def test_channels_first(monkeypatch):
    x = np.arange(2 * 3 * 32 * 32).reshape(2, 3, 32, 32)
    assert cifar.to_image_data_format(x).shape == (2, 32, 32, 3)
    monkeypatch.setattr(config, "_IMAGE_DATA_FORMAT", "channels_first")
    assert cifar.to_image_data_format(x).shape == (2, 3, 32, 32)
