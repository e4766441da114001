"""`fashion_mnist.load_data`: Zalando's Fashion-MNIST, from Keras' download cache."""

from __future__ import annotations

import gzip
import os

import numpy as np

from kerasish.datasets.mnist import ORIGIN_FOLDER
from kerasish.utils.file_utils import get_file

_FILES = (
    "train-labels-idx1-ubyte.gz",
    "train-images-idx3-ubyte.gz",
    "t10k-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz",
)


def _read_idx(path: str, offset: int) -> np.ndarray:
    """The uint8 payload of a gzipped IDX file after its `offset`-byte header."""
    with gzip.open(path, "rb") as file:
        return np.frombuffer(file.read(), np.uint8, offset=offset)


def load_data() -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Loads the Fashion-MNIST dataset.

    This is a dataset of 60,000 28x28 grayscale images of 10 fashion
    categories, along with a test set of 10,000 images. This dataset can be
    used as a drop-in replacement for MNIST.

    The classes are: 0 T-shirt/top, 1 Trouser, 2 Pullover, 3 Dress, 4 Coat,
    5 Sandal, 6 Shirt, 7 Sneaker, 8 Bag, 9 Ankle boot.

    The four gzipped IDX files (`train-labels-idx1-ubyte.gz`,
    `train-images-idx3-ubyte.gz`, `t10k-labels-idx1-ubyte.gz`,
    `t10k-images-idx3-ubyte.gz`) live in `~/.keras/datasets/fashion-mnist/`
    (or under `$KERAS_HOME`) and are downloaded on first use from
    `https://storage.googleapis.com/tensorflow/tf-keras-datasets/`.

    Returns:
        Tuple of NumPy arrays: `(x_train, y_train), (x_test, y_test)`.

        **`x_train`**: `uint8` NumPy array of grayscale image data with shape
        `(60000, 28, 28)`, containing the training data.

        **`y_train`**: `uint8` NumPy array of labels (integers in range 0-9)
        with shape `(60000,)` for the training data.

        **`x_test`**: `uint8` NumPy array of grayscale image data with shape
        `(10000, 28, 28)`, containing the test data.

        **`y_test`**: `uint8` NumPy array of labels (integers in range 0-9)
        with shape `(10000,)` for the test data.

    Example:

    ```python
    (x_train, y_train), (x_test, y_test) = fashion_mnist.load_data()
    assert x_train.shape == (60000, 28, 28)
    ```

    License:
        The copyright for Fashion-MNIST is held by Zalando SE. Fashion-MNIST
        is licensed under the MIT license.
    """
    dirname = os.path.join("datasets", "fashion-mnist")
    paths = [
        get_file(fname, origin=ORIGIN_FOLDER + fname, cache_subdir=dirname)
        for fname in _FILES
    ]
    y_train = _read_idx(paths[0], offset=8)
    x_train = _read_idx(paths[1], offset=16).reshape(len(y_train), 28, 28)
    y_test = _read_idx(paths[2], offset=8)
    x_test = _read_idx(paths[3], offset=16).reshape(len(y_test), 28, 28)
    return (x_train, y_train), (x_test, y_test)
