"""`split_dataset`: splits NumPy arrays (or a tuple/list of them) into two parts."""

from __future__ import annotations

import random
from typing import Any

import numpy as np


def split_dataset(
    dataset: Any,
    left_size: int | float | None = None,
    right_size: int | float | None = None,
    shuffle: bool = False,
    seed: int | None = None,
    preferred_backend: str | None = None,
) -> tuple[Any, Any]:
    """Splits a dataset into a left half and a right half (e.g. train / test).

    Keras returns two `tf.data.Dataset`s (or torch datasets); kerasish has no
    TensorFlow, so the halves are NumPy data in the structure given: an array
    for an array, a tuple of arrays for a list or tuple of arrays (Keras' datasets
    turn lists into tuples too). They go straight into `fit`:
    `x, y = left; model.fit(x, y)`. The samples and their order are Keras'
    (same sizes, same rounding, the same `random.shuffle` under the same seed).

    Args:
        dataset: A NumPy array, or a list/tuple of NumPy arrays with the same
            length (first dimension).
        left_size: If float (in the range `[0, 1]`), the fraction of the data
            to pack in the left dataset. If integer, the number of samples to
            pack in it. If `None`, the complement to `right_size`.
        right_size: If float (in the range `[0, 1]`), the fraction of the data
            to pack in the right dataset. If integer, the number of samples to
            pack in it. If `None`, the complement to `left_size`.
        shuffle: Boolean, whether to shuffle the data before splitting it.
            As in Keras, this seeds Python's global `random` module.
        seed: A random seed for shuffling.
        preferred_backend: Accepted for compatibility; only NumPy data is
            returned.

    Returns:
        A tuple `(left, right)` of arrays, or of tuples of arrays.

    Raises:
        TypeError: for a dataset that is not an array, list or tuple, or sizes
            that are not int/float/None.
        ValueError: for empty or ragged data, or sizes out of range.

    Example:

    ```python
    data = np.random.random(size=(1000, 4))
    left, right = keras.utils.split_dataset(data, left_size=0.8)
    assert len(left) == 800
    ```
    """
    del preferred_backend
    if not isinstance(dataset, tuple | list | np.ndarray):
        raise TypeError(
            "The `dataset` argument must be either"
            "a `tf.data.Dataset` object, or"
            "a list/tuple of arrays. "
            f"Received: dataset={dataset} of type {type(dataset)}"
        )
    if right_size is None and left_size is None:
        raise ValueError(
            "At least one of the `left_size` or `right_size` "
            "must be specified. Received: left_size=None and "
            "right_size=None"
        )
    total_length = _check_and_count(dataset)
    indices = list(range(total_length))
    if shuffle:
        # Keras quirk kept: it reseeds and shuffles with the global `random`.
        if seed is None:
            seed = random.randint(0, int(1e6))
        random.seed(seed)
        random.shuffle(indices)
    left_size, right_size = _rescale_dataset_split_sizes(
        left_size, right_size, total_length
    )
    left = np.asarray(indices[:left_size], dtype=np.int64)
    right = np.asarray(indices[-right_size:], dtype=np.int64)
    if isinstance(dataset, np.ndarray):
        return dataset[left], dataset[right]
    return (
        tuple(np.asarray(a)[left] for a in dataset),
        tuple(np.asarray(a)[right] for a in dataset),
    )


def _check_and_count(dataset: Any) -> int:
    """The number of samples; Keras' checks on lists/tuples of arrays."""
    if isinstance(dataset, np.ndarray):
        length = len(dataset)
    else:
        kind = "list" if isinstance(dataset, list) else "tuple"
        if len(dataset) == 0:
            if kind == "list":
                raise ValueError(
                    "Received an empty list dataset. "
                    "Please provide a non-empty list of arrays."
                )
            raise ValueError(
                "Received an empty list dataset."
                "Please provide a non-empty tuple of arrays."
            )
        for i, element in enumerate(dataset):
            if not isinstance(element, np.ndarray):
                raise ValueError(
                    f"Expected a {kind} of `numpy.ndarray` objects,"
                    f"Received: {type(element)} at index {i}."
                )
            if element.shape[0] != dataset[0].shape[0]:
                raise ValueError(
                    f"Received a {kind} of NumPy arrays with different lengths."
                    f"Mismatch found at index {i}, "
                    f"Expected shape={dataset[0].shape} "
                    f"Received shape={element.shape}."
                    f"Please provide a {kind} of NumPy arrays of the same length."
                )
        length = len(dataset[0])
    if length == 0:
        raise ValueError(
            "Received an empty dataset. Argument `dataset` must "
            "be a non-empty list/tuple of `numpy.ndarray` objects "
            "or `tf.data.Dataset` objects."
        )
    return length


def _check_size_types(left_size: Any, right_size: Any) -> None:
    left_type, right_type = type(left_size), type(right_size)
    left_bad = left_size is not None and left_type not in (int, float)
    right_bad = right_size is not None and right_type not in (int, float)
    if left_bad and right_bad:
        raise TypeError(
            "Invalid `left_size` and `right_size` Types. Expected: "
            "integer or float or None, Received: type(left_size)="
            f"{left_type} and type(right_size)={right_type}"
        )
    if left_bad:
        raise TypeError(
            "Invalid `left_size` Type. Expected: int or float or None, "
            f"Received: type(left_size)={left_type}.  "
        )
    if right_bad:
        raise TypeError(
            "Invalid `right_size` Type. "
            "Expected: int or float or None,"
            f"Received: type(right_size)={right_type}."
        )


def _out_of_range(size: Any, total_length: int) -> bool:
    if type(size) is int:
        return size <= 0 or size >= total_length
    if type(size) is float:
        return size <= 0 or size >= 1
    return False


def _to_count(size: Any, total_length: int) -> Any:
    if type(size) is float:
        return round(size * total_length)
    if type(size) is int:
        return float(size)
    return size


def _rescale_dataset_split_sizes(
    left_size: Any, right_size: Any, total_length: int
) -> tuple[int, int]:
    """Integer `(left_size, right_size)`, with Keras' checks and rounding."""
    _check_size_types(left_size, right_size)
    if left_size == 0 and right_size == 0:
        raise ValueError(
            "Both `left_size` and `right_size` are zero. "
            "At least one of the split sizes must be non-zero."
        )
    if _out_of_range(left_size, total_length):
        raise ValueError(
            "`left_size` should be either a positive integer "
            f"smaller than {total_length}, or a float "
            "within the range `[0, 1]`. Received: left_size="
            f"{left_size}"
        )
    if _out_of_range(right_size, total_length):
        raise ValueError(
            "`right_size` should be either a positive integer "
            f"and smaller than {total_length} or a float "
            "within the range `[0, 1]`. Received: right_size="
            f"{right_size}"
        )
    if type(left_size) is type(right_size) is float and left_size + right_size > 1:
        raise ValueError(
            "The sum of `left_size` and `right_size` is greater "
            "than 1. It must be less than or equal to 1."
        )
    # Python's `round` (banker's rounding) for fractions; counts become floats
    # until the end, as in Keras (its error messages show them so).
    left = _to_count(left_size, total_length)
    right = _to_count(right_size, total_length)
    if left is None:
        left = total_length - right
    elif right is None:
        right = total_length - left
    if left + right > total_length:
        raise ValueError(
            "The sum of `left_size` and `right_size` should "
            f"be smaller than the {total_length}. "
            f"Received: left_size + right_size = {left + right}"
            f"and total_length = {total_length}"
        )
    for split, side in ((left, "left"), (right, "right")):
        if split == 0:
            raise ValueError(
                f"With `dataset` of length={total_length}, `left_size`="
                f"{left} and `right_size`={right}."
                f"Resulting {side} side dataset split will be empty. "
                "Adjust any of the aforementioned parameters"
            )
    return int(left), int(right)
