"""`cifar100.load_data`: the CIFAR-100 small images, from Keras' download cache."""

from __future__ import annotations

import os

import numpy as np

from kerasish.datasets.cifar import load_batch, to_image_data_format
from kerasish.utils.file_utils import get_file

ORIGIN = "https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz"
FILE_HASH = "85cd44d02ba6437773c5bbd22e183051d648de2e7d6b014e1ef29b855ba677a7"


def load_data(
    label_mode: str = "fine",
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Loads the CIFAR100 dataset.

    This is a dataset of 50,000 32x32 color training images and 10,000 test
    images, labeled over 100 fine-grained classes that are grouped into 20
    coarse-grained classes. See more info at the
    [CIFAR homepage](https://www.cs.toronto.edu/~kriz/cifar.html).

    As in Keras, the archive `cifar-100-python.tar.gz` is cached as
    `~/.keras/datasets/cifar-100-python-target_archive` (sha256 checked) and
    extracted into `~/.keras/datasets/cifar-100-python-target/`.

    Args:
        label_mode: one of `"fine"`, `"coarse"`. If it is `"fine"`, the
            category labels are the fine-grained labels, and if it is
            `"coarse"`, the output labels are the coarse-grained superclasses.

    Returns:
        Tuple of NumPy arrays: `(x_train, y_train), (x_test, y_test)`.

        **`x_train`**: `uint8` NumPy array of image data with shape
        `(50000, 32, 32, 3)`, containing the training data. Pixel values range
        from 0 to 255.

        **`y_train`**: integer NumPy array of labels (range 0-99, or 0-19 for
        `"coarse"`) with shape `(50000, 1)` for the training data.

        **`x_test`**: `uint8` NumPy array of image data with shape
        `(10000, 32, 32, 3)`, containing the test data.

        **`y_test`**: integer NumPy array of labels with shape `(10000, 1)`.

    Raises:
        ValueError: if `label_mode` is not `"fine"` or `"coarse"`.

    Example:

    ```python
    (x_train, y_train), (x_test, y_test) = keras.datasets.cifar100.load_data()
    assert x_train.shape == (50000, 32, 32, 3)
    ```
    """
    if label_mode not in ["fine", "coarse"]:
        raise ValueError(
            '`label_mode` must be one of `"fine"`, `"coarse"`. '
            f"Received: label_mode={label_mode}."
        )
    path = get_file(
        fname="cifar-100-python-target",
        origin=ORIGIN,
        extract=True,
        file_hash=FILE_HASH,
    )
    path = os.path.join(path, "cifar-100-python")
    label_key = f"{label_mode}_labels"
    x_train, y_train = load_batch(os.path.join(path, "train"), label_key=label_key)
    x_test, y_test = load_batch(os.path.join(path, "test"), label_key=label_key)
    # Keras reshapes the label lists as they are: int64 arrays (not uint8).
    y_train = np.reshape(y_train, (len(y_train), 1))
    y_test = np.reshape(y_test, (len(y_test), 1))
    return (to_image_data_format(x_train), y_train), (
        to_image_data_format(x_test),
        y_test,
    )
