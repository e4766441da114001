"""`boston_housing.load_data`: Boston house prices (13 features), from Keras' cache."""

from __future__ import annotations

import numpy as np

from kerasish.datasets.mnist import ORIGIN_FOLDER
from kerasish.utils.file_utils import get_file

FILE_HASH = "f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5"


def check_test_split(test_split: float) -> None:
    """Keras' `0 <= test_split < 1` check (its message has no `Received:`)."""
    if not 0 <= test_split < 1:
        raise ValueError(
            f"Invalid `test_split` argument: {test_split}. "
            "It must be between 0 and 1 (exclusive of 1)."
        )


def shuffle_and_split(
    x: np.ndarray, y: np.ndarray, test_split: float, seed: int
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Shuffles with `RandomState(seed)`; the first `1 - test_split` is train."""
    indices = np.arange(len(x))
    np.random.RandomState(seed).shuffle(indices)
    x, y = x[indices], y[indices]
    num_train = int(len(x) * (1 - test_split))
    return (x[:num_train], y[:num_train]), (x[num_train:], y[num_train:])


def load_data(
    path: str = "boston_housing.npz", test_split: float = 0.2, seed: int = 113
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Loads the Boston Housing dataset.

    This is a dataset taken from the StatLib library which is maintained at
    Carnegie Mellon University.

    **WARNING:** This dataset has an ethical problem: the authors of this
    dataset included a variable, "B", that may appear to assume that racial
    self-segregation influences house prices. As such, we strongly discourage
    the use of this dataset, unless in the context of illustrating ethical
    issues in data science and machine learning.

    Samples contain 13 attributes of houses at different locations around the
    Boston suburbs in the late 1970s. Targets are the median values of the
    houses at a location (in k$). The file is `boston_housing.npz` in the Keras
    cache (`~/.keras/datasets/`), sha256 checked.

    Args:
        path: path where to cache the dataset locally
            (relative to `~/.keras/datasets`).
        test_split: fraction of the data to reserve as test set.
        seed: Random seed for shuffling the data before computing the test
            split.

    Returns:
        Tuple of NumPy arrays: `(x_train, y_train), (x_test, y_test)`.

        **x_train, x_test**: NumPy arrays with shape `(num_samples, 13)`.

        **y_train, y_test**: NumPy arrays of shape `(num_samples,)` containing
        the target scalars (home prices in k$).

    Raises:
        ValueError: if `test_split` is not in `[0, 1)`.
    """
    check_test_split(test_split)
    path = get_file(
        path,
        origin=f"{ORIGIN_FOLDER}boston_housing.npz",
        file_hash=FILE_HASH,
    )
    with np.load(path, allow_pickle=False) as f:
        x, y = f["x"], f["y"]
    return shuffle_and_split(x, y, test_split, seed)
