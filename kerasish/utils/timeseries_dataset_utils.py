"""`timeseries_dataset_from_array`: sliding windows over a timeseries (PyDataset)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from kerasish.utils.py_dataset import PyDataset


class TimeseriesDataset(PyDataset):
    """Batches of windows `data[start + pos + i * sampling_rate]` (and targets).

    Returned by `timeseries_dataset_from_array`; indexing gives batch `i` as
    `inputs` or `(inputs, targets)`, NumPy arrays. It stands for the
    `tf.data.Dataset` Keras returns, so `fit` does not shuffle its batches.
    """

    stands_for_tf_dataset = True

    def __init__(
        self,
        data: np.ndarray,
        targets: np.ndarray | None,
        positions: np.ndarray,
        sequence_length: int,
        sampling_rate: int,
        batch_size: int | None,
    ) -> None:
        super().__init__()
        self.data = data
        self.targets = targets
        self.positions = positions
        self.offsets = np.arange(sequence_length) * sampling_rate
        self.batch_size = batch_size

    def __len__(self) -> int:
        if self.batch_size is None:
            return len(self.positions)
        return math.ceil(len(self.positions) / self.batch_size)

    def __getitem__(self, index: int) -> Any:
        if not 0 <= index < len(self):
            raise IndexError(
                f"Batch index out of range: {index} for a dataset of "
                f"{len(self)} batches."
            )
        if self.batch_size is None:
            starts = self.positions[index]
        else:
            low = index * self.batch_size
            starts = self.positions[low : low + self.batch_size]
        windows = self.data[np.asarray(starts)[..., None] + self.offsets]
        if self.targets is None:
            return windows
        return windows, self.targets[starts]


def _check_arguments(
    length: int,
    sequence_stride: int,
    sampling_rate: int,
    start_index: int | None,
    end_index: int | None,
    data_format: str,
) -> None:
    """Keras' argument checks, in Keras' order and wording."""
    if start_index:
        if start_index < 0:
            raise ValueError(
                "`start_index` must be 0 or greater. Received: "
                f"start_index={start_index}"
            )
        if start_index >= length:
            raise ValueError(
                "`start_index` must be lower than the length of the "
                f"data. Received: start_index={start_index}, for data "
                f"of length {length}"
            )
    if end_index:
        if start_index and end_index <= start_index:
            raise ValueError(
                "`end_index` must be higher than `start_index`. "
                f"Received: start_index={start_index}, and "
                f"end_index={end_index} "
            )
        if end_index >= length:
            raise ValueError(
                "`end_index` must be lower than the length of the "
                f"data. Received: end_index={end_index}, for data of "
                f"length {length}"
            )
        if end_index <= 0:
            raise ValueError(
                f"`end_index` must be higher than 0. Received: end_index={end_index}"
            )
    for name, value in (
        ("sampling_rate", sampling_rate),
        ("sequence_stride", sequence_stride),
    ):
        if value <= 0:
            raise ValueError(
                f"`{name}` must be higher than 0. Received: {name}={value}"
            )
        if value >= length:
            raise ValueError(
                f"`{name}` must be lower than the length of the "
                f"data. Received: {name}={value}, for data "
                f"of length {length}"
            )
    if data_format not in ("tf", "grain"):
        raise ValueError(
            f'`format` should be either "tf" or "grain". Received: format={data_format}'
        )


def timeseries_dataset_from_array(
    data: Any,
    targets: Any,
    sequence_length: int,
    sequence_stride: int = 1,
    sampling_rate: int = 1,
    batch_size: int | None = 128,
    shuffle: bool = False,
    seed: int | None = None,
    start_index: int | None = None,
    end_index: int | None = None,
    format: str = "tf",  # noqa: A002 (Keras' argument name)
) -> TimeseriesDataset:
    """Creates a dataset of sliding windows over a timeseries provided as array.

    Window `i` holds `data[start_index + p_i + k * sampling_rate]` for
    `k < sequence_length`, where the window starts `p_i` run over
    `range(0, num_seqs, sequence_stride)`; its target is
    `targets[start_index + p_i]`.

    Unlike Keras, which returns a `tf.data.Dataset` (or a grain dataset with
    `format="grain"`) and so needs TensorFlow, this returns a NumPy-backed
    `keras.utils.PyDataset` that `fit`/`evaluate`/`predict` accept directly
    and that yields the same batches in the same order. With `shuffle=True`
    the window starts are permuted with `np.random.RandomState(seed)` as Keras
    does; Keras' additional `tf.data` buffer shuffle is not reproduced.

    Args:
        data: NumPy array (or array-like) of consecutive data points; axis 0
            is time.
        targets: Targets for the windows (`targets[i]` belongs to the window
            starting at `i`), or `None` to yield inputs only.
        sequence_length: Length of each output sequence (in steps).
        sequence_stride: Period between successive window starts.
        sampling_rate: Period between successive steps inside a window.
        batch_size: Windows per batch (the last may be smaller), or `None`
            for unbatched windows. Defaults to 128.
        shuffle: Whether to shuffle the window starts.
        seed: Random seed for shuffling.
        start_index: First data point used (inclusive).
        end_index: Last data point used (exclusive).
        format: `"tf"` or `"grain"`: accepted for compatibility; both give
            the NumPy-backed dataset.

    Returns:
        A `PyDataset` of `inputs` batches `(batch, sequence_length, ...)`, or
        `(inputs, targets)` batches when `targets` is given.

    Raises:
        ValueError: For out-of-range indices, strides or rates (Keras' text).
    """
    _check_arguments(
        len(data), sequence_stride, sampling_rate, start_index, end_index, format
    )
    start = start_index or 0
    end = end_index or len(data)
    num_seqs = end - start - (sequence_length - 1) * sampling_rate
    if targets is not None:
        num_seqs = min(num_seqs, len(targets))
    positions = np.arange(0, num_seqs, sequence_stride, dtype="int32")
    if shuffle:
        if seed is None:
            seed = np.random.randint(1e6)
        np.random.RandomState(seed).shuffle(positions)
    window_data = np.asarray(data)[start:end]
    window_targets = None if targets is None else np.asarray(targets)[start:end]
    return TimeseriesDataset(
        window_data,
        window_targets,
        positions,
        sequence_length,
        sampling_rate,
        batch_size,
    )
