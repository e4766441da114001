"""`mnist.load_data`: the MNIST handwritten digits, from Keras' download cache."""

from __future__ import annotations

import numpy as np

from kerasish.utils.file_utils import get_file

ORIGIN_FOLDER = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
FILE_HASH = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"


def load_data(
    path: str = "mnist.npz",
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Loads the MNIST dataset.

    This is a dataset of 60,000 28x28 grayscale images of the 10 digits, along
    with a test set of 10,000 images. More info at the
    [MNIST homepage](http://yann.lecun.com/exdb/mnist/).

    The file is `mnist.npz` in the Keras cache (`~/.keras/datasets/`, or
    `$KERAS_HOME/datasets/`), downloaded on first use from
    `https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz`
    and checked by its sha256 hash. Without network access, place the file
    there by hand.

    Args:
        path: path where to cache the dataset locally
            (relative to `~/.keras/datasets`).

    Returns:
        Tuple of NumPy arrays: `(x_train, y_train), (x_test, y_test)`.

        **`x_train`**: `uint8` NumPy array of grayscale image data with shape
        `(60000, 28, 28)`, containing the training data. Pixel values range
        from 0 to 255.

        **`y_train`**: `uint8` NumPy array of digit labels (integers in range
        0-9) with shape `(60000,)` for the training data.

        **`x_test`**: `uint8` NumPy array of grayscale image data with shape
        `(10000, 28, 28)`, containing the test data.

        **`y_test`**: `uint8` NumPy array of digit labels with shape
        `(10000,)` for the test data.

    Example:

    ```python
    (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
    assert x_train.shape == (60000, 28, 28)
    ```

    License:
        Yann LeCun and Corinna Cortes hold the copyright of MNIST dataset,
        which is a derivative work from original NIST datasets. MNIST dataset
        is made available under the terms of the Creative Commons
        Attribution-Share Alike 3.0 license.
    """
    path = get_file(
        fname=path,
        origin=f"{ORIGIN_FOLDER}mnist.npz",
        file_hash=FILE_HASH,
    )
    with np.load(path, allow_pickle=False) as f:
        x_train, y_train = f["x_train"], f["y_train"]
        x_test, y_test = f["x_test"], f["y_test"]
    return (x_train, y_train), (x_test, y_test)
