"""`load_batch`: reads one CIFAR-10/100 batch file (a pickled dict) safely."""

from __future__ import annotations

import numpy as np

from kerasish.backend import config
from kerasish.datasets.safe_pickle import load_pickle


def load_batch(fpath: str, label_key: str = "labels") -> tuple[np.ndarray, list]:
    """Parses one CIFAR batch file.

    The batches are Python pickles of a dict (with bytes keys) holding `data`,
    a `(num_samples, 3072)` uint8 array, and the label lists. They are read
    with `safe_pickle.RestrictedUnpickler`, which can only rebuild NumPy
    arrays, never call anything else stored in the file.

    Args:
        fpath: Path of the batch file.
        label_key: Key of the labels in the batch dict (`"labels"` for
            CIFAR-10, `"fine_labels"` or `"coarse_labels"` for CIFAR-100).

    Returns:
        A tuple `(data, labels)`: data of shape `(num_samples, 3, 32, 32)` and
        the labels as stored.
    """
    with open(fpath, "rb") as file:
        batch = load_pickle(file, encoding="bytes")
    batch = {
        (k.decode("utf8") if isinstance(k, bytes) else k): v for k, v in batch.items()
    }
    data = batch["data"]
    labels = batch[label_key]
    return data.reshape(data.shape[0], 3, 32, 32), labels


def to_image_data_format(x: np.ndarray) -> np.ndarray:
    """`(n, 3, 32, 32)` batches transposed to `(n, 32, 32, 3)` under the
    default `channels_last` image data format."""
    if config.image_data_format() == "channels_last":
        return x.transpose(0, 2, 3, 1)
    return x
