"""`california_housing.load_data`: California house values, from Keras' cache."""

from __future__ import annotations

import numpy as np

from kerasish.datasets.boston_housing import check_test_split, shuffle_and_split
from kerasish.datasets.mnist import ORIGIN_FOLDER
from kerasish.utils.file_utils import get_file

FILE_HASH = "1a2e3a52e0398de6463aebe6f4a8da34fb21fbb6b934cf88c3425e766f2a1a6f"


def load_data(
    version: str = "large",
    path: str = "california_housing.npz",
    test_split: float = 0.2,
    seed: int = 113,
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Loads the California Housing dataset.

    This dataset was obtained from the [StatLib repository](
    https://www.dcc.fc.up.pt/~ltorgo/Regression/cal_housing.html). It's a
    continuous regression dataset with 20,640 samples with 8 features each
    (MedInc, HouseAge, AveRooms, AveBedrms, Population, AveOccup, Latitude,
    Longitude). The target is the median house value for California districts,
    in dollars, from the 1990 U.S. census. The file is
    `california_housing.npz` in the Keras cache (`~/.keras/datasets/`),
    sha256 checked.

    Args:
        version: `"small"` or `"large"`. The small version contains the first
            600 samples, the large version all 20,640.
        path: path where to cache the dataset locally
            (relative to `~/.keras/datasets`).
        test_split: fraction of the data to reserve as test set.
        seed: Random seed for shuffling the data before computing the test
            split.

    Returns:
        Tuple of NumPy arrays: `(x_train, y_train), (x_test, y_test)`.

        **`x_train`, `x_test`**: NumPy arrays with shape `(num_samples, 8)`.

        **`y_train`, `y_test`**: NumPy arrays of shape `(num_samples,)`
        containing the target scalars (home prices in dollars).

    Raises:
        ValueError: if `test_split` is not in `[0, 1)` or `version` is unknown.
    """
    check_test_split(test_split)
    path = get_file(
        path,
        origin=f"{ORIGIN_FOLDER}california_housing.npz",
        file_hash=FILE_HASH,
    )
    with np.load(path, allow_pickle=False) as f:
        x, y = f["x"], f["y"]
    if version == "small":
        x, y = x[:600], y[:600]
    elif version != "large":
        raise ValueError(
            "Argument `version` must be one of 'small', 'large'. "
            f"Received: version={version}"
        )
    return shuffle_and_split(x, y, test_split, seed)
