"""Tests for `kerasish/datasets/mnist.py` (a tiny `mnist.npz` in Keras' cache)."""

import os

import numpy as np
import pytest

import kerasish as keras
from kerasish.datasets import mnist
from tests.datasets import fake_files


def test_loads_cached_file_checked_by_hash(datadir, no_download, monkeypatch):
    path = fake_files.write_mnist(datadir)
    monkeypatch.setattr(mnist, "FILE_HASH", fake_files.sha256(path))
    (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
    expected = fake_files.mnist_arrays()
    for got, name in ((x_train, "x_train"), (y_train, "y_train")):
        np.testing.assert_array_equal(got, expected[name])
        assert got.dtype == np.uint8
    np.testing.assert_array_equal(x_test, expected["x_test"])
    np.testing.assert_array_equal(y_test, expected["y_test"])
    assert x_train.shape == (6, 28, 28) and y_test.shape == (4,)


def test_custom_path(datadir, no_download, monkeypatch):
    path = os.path.join(datadir, "my_mnist.npz")
    os.rename(fake_files.write_mnist(datadir), path)
    monkeypatch.setattr(mnist, "FILE_HASH", fake_files.sha256(path))
    (x_train, _), _ = mnist.load_data(path="my_mnist.npz")
    assert x_train.shape == (6, 28, 28)


def test_offline_error_names_file_url_and_place(datadir, monkeypatch):
    from kerasish.utils import file_utils

    def offline(*args, **kwargs):
        raise file_utils.urllib.error.URLError("Temporary failure in name resolution")

    monkeypatch.setattr(file_utils.urllib.request, "urlretrieve", offline)
    with pytest.raises(Exception, match="URL fetch failure on") as info:
        mnist.load_data()
    message = str(info.value)
    assert (
        "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
        in message
    )
    assert os.path.join(datadir, "mnist.npz") in message
    assert not os.path.exists(os.path.join(datadir, "mnist.npz"))
