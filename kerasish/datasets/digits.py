"""`digits.load_data`: the 8x8 handwritten digits shipped inside the package."""

from __future__ import annotations

import importlib.resources

import numpy as np


def load_data(
    test_split: float = 0.2, seed: int = 113
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Loads the 8x8 handwritten digits dataset (no download needed).

    1,797 grayscale images of the digits 0-9, 8x8 pixels with integer values
    0..16 (each pixel counts the "on" pixels in a 4x4 block of a 32x32
    bitmap). It is the test set of the UCI "Optical Recognition of Handwritten
    Digits" dataset (E. Alpaydin and C. Kaynak, 1998), the same 1,797 samples
    as scikit-learn's `load_digits`. It ships with kerasish, so loading needs
    no network: a small, fast stand-in for MNIST in tutorials and tests.

    Source: UCI Machine Learning Repository,
    https://archive.ics.uci.edu/dataset/80 (DOI 10.24432/C50P49),
    licensed under Creative Commons Attribution 4.0 (CC BY 4.0).

    The samples are shuffled with `np.random.RandomState(seed)` and split as
    Keras' `boston_housing.load_data` does: the first `1 - test_split` of them
    are the training set.

    Args:
        test_split: Fraction of the data to reserve as test set.
        seed: Random seed for shuffling the data before computing the test
            split.

    Returns:
        Tuple of NumPy arrays: `(x_train, y_train), (x_test, y_test)`.

        **`x_train`, `x_test`**: uint8 arrays of shape `(num_samples, 8, 8)`
        with values 0..16.

        **`y_train`, `y_test`**: uint8 arrays of digit labels (integers in
        range 0-9) with shape `(num_samples,)`.

    Example:

    ```python
    (x_train, y_train), (x_test, y_test) = keras.datasets.digits.load_data()
    assert x_train.shape == (1437, 8, 8)
    ```
    """
    if not 0 <= test_split < 1:
        raise ValueError(
            f"Invalid `test_split` argument: {test_split}. "
            "It must be between 0 and 1 (exclusive of 1). "
            f"Received: test_split={test_split}"
        )
    resource = importlib.resources.files("kerasish.datasets") / "data/digits.npz"
    with resource.open("rb") as file, np.load(file, allow_pickle=False) as data:
        x = data["images"]
        y = data["labels"]

    indices = np.arange(len(x))
    np.random.RandomState(seed).shuffle(indices)
    x = x[indices]
    y = y[indices]

    num_train = int(len(x) * (1 - test_split))
    return (x[:num_train], y[:num_train]), (x[num_train:], y[num_train:])
