"""`cifar10.load_data`: the CIFAR-10 small images, from Keras' download cache."""

from __future__ import annotations

import os

import numpy as np

from kerasish.datasets.cifar import load_batch, to_image_data_format
from kerasish.utils.file_utils import get_file

ORIGIN = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"
FILE_HASH = "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce"


def load_data() -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Loads the CIFAR10 dataset.

    This is a dataset of 50,000 32x32 color training images and 10,000 test
    images, labeled over 10 categories. See more info at the
    [CIFAR homepage](https://www.cs.toronto.edu/~kriz/cifar.html).

    The classes are: 0 airplane, 1 automobile, 2 bird, 3 cat, 4 deer, 5 dog,
    6 frog, 7 horse, 8 ship, 9 truck.

    As in Keras, the archive `cifar-10-python.tar.gz` is cached as
    `~/.keras/datasets/cifar-10-batches-py-target_archive` (sha256 checked) and
    extracted into `~/.keras/datasets/cifar-10-batches-py-target/`. The batch
    files are pickles and are read without unpickling anything but NumPy
    arrays.

    Returns:
        Tuple of NumPy arrays: `(x_train, y_train), (x_test, y_test)`.

        **`x_train`**: `uint8` NumPy array of image data with shape
        `(50000, 32, 32, 3)` (`(50000, 3, 32, 32)` under `channels_first`),
        containing the training data. Pixel values range from 0 to 255.

        **`y_train`**: `uint8` NumPy array of labels (integers in range 0-9)
        with shape `(50000, 1)` for the training data.

        **`x_test`**: `uint8` NumPy array of image data with shape
        `(10000, 32, 32, 3)`, containing the test data.

        **`y_test`**: `uint8` NumPy array of labels (integers in range 0-9)
        with shape `(10000, 1)` for the test data.

    Example:

    ```python
    (x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
    assert x_train.shape == (50000, 32, 32, 3)
    assert y_train.shape == (50000, 1)
    ```
    """
    path = get_file(
        fname="cifar-10-batches-py-target",
        origin=ORIGIN,
        extract=True,
        file_hash=FILE_HASH,
    )
    path = os.path.join(path, "cifar-10-batches-py")
    batches = [load_batch(os.path.join(path, f"data_batch_{i}")) for i in range(1, 6)]
    # Keras fills preallocated uint8 arrays, which casts whatever was stored.
    x_train = np.concatenate([x for x, _ in batches]).astype("uint8")
    y_train = np.concatenate([np.asarray(y) for _, y in batches]).astype("uint8")
    x_test, y_test = load_batch(os.path.join(path, "test_batch"))
    y_train = np.reshape(y_train, (len(y_train), 1))
    y_test = np.reshape(y_test, (len(y_test), 1))
    x_train = to_image_data_format(x_train)
    x_test = to_image_data_format(x_test)
    return (x_train, y_train), (
        x_test.astype(x_train.dtype),
        y_test.astype(y_train.dtype),
    )
