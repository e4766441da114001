"""Tests for `kerasish/datasets/fashion_mnist.py` (tiny IDX files in Keras' cache)."""

import numpy as np

from kerasish.datasets import fashion_mnist
from tests.datasets import fake_files


def test_reads_idx_files(datadir, no_download):
    expected = fake_files.write_fashion_mnist(datadir)
    (x_train, y_train), (x_test, y_test) = fashion_mnist.load_data()
    np.testing.assert_array_equal(x_train, expected["x_train"])
    np.testing.assert_array_equal(y_train, expected["y_train"])
    np.testing.assert_array_equal(x_test, expected["x_test"])
    np.testing.assert_array_equal(y_test, expected["y_test"])
    assert x_train.shape == (5, 28, 28) and x_train.dtype == np.uint8
