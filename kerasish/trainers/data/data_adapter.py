"""Which adapter feeds `fit`/`evaluate`/`predict`: arrays or a stream of batches."""

from __future__ import annotations

import types
import warnings
from collections.abc import Iterator
from typing import Any


class DataAdapter:
    """A stream of batches: what every non-array input is turned into.

    `get_iterator()` returns a fresh Python iterator over batches (tuples
    `(x,)`, `(x, y)`, `(x, y, sample_weight)` or a dict, of array-likes);
    `num_batches` is the count per pass or `None` when unknown.
    """

    num_batches: int | None = None

    def get_iterator(self) -> Iterator:
        raise NotImplementedError

    def on_epoch_begin(self) -> None:
        """A hook called before each epoch."""

    def on_epoch_end(self) -> None:
        """A hook called after each epoch."""

    def close(self) -> None:
        """Releases workers; called at the end of fit/evaluate/predict."""


def is_tf_dataset(x: Any) -> bool:
    """A `tf.data.Dataset`, detected by its class' module (TF is never imported)."""
    return any(
        parent.__name__
        in ("DatasetV2", "DistributedDataset", "DistributedDatasetsFromFunction")
        and "tensorflow.python." in str(parent.__module__)
        for parent in type(x).__mro__
    )


def is_torch_dataloader(x: Any) -> bool:
    """A `torch.utils.data.DataLoader`, detected by its class' module."""
    return any(
        parent.__name__ == "DataLoader" and "torch.utils.data" in str(parent.__module__)
        for parent in type(x).__mro__
    )


def is_iterator(x: Any) -> bool:
    """A Python generator or iterator (Keras 3 only takes generators; kerasish
    also takes any iterator such as `iter(list_of_batches)`)."""
    if isinstance(x, types.GeneratorType):
        return True
    return hasattr(x, "__next__") and hasattr(x, "__iter__") and not hasattr(x, "shape")


def is_streaming(x: Any) -> bool:
    """Whether `x` is fed batch by batch rather than as in-memory arrays."""
    from kerasish.utils.py_dataset import PyDataset

    return (
        isinstance(x, PyDataset)
        or is_tf_dataset(x)
        or is_torch_dataloader(x)
        or is_iterator(x)
    )


def check_validation_split(x: Any, validation_split: float) -> None:
    """Keras refuses `validation_split` for anything but arrays."""
    if validation_split and is_streaming(x):
        raise ValueError(
            "Argument `validation_split` is only supported "
            "for tensors or NumPy arrays."
            f"Found incompatible type in the input: {[type(x)]}"
        )


def raise_unsupported_arg(arg_name: str, description: str, input_type: str) -> None:
    raise ValueError(
        f"When providing `x` as a {input_type}, `{arg_name}` "
        f"should not be passed. Instead, {description} should "
        f"be included as part of the {input_type}."
    )


def _warn_shuffle_ignored(kind: str, expectation: str) -> None:
    warnings.warn(
        "`shuffle=True` was passed, but will be ignored since the "
        f"data `x` was provided as {kind}. {expectation}",
        stacklevel=4,
    )


def _check_no_y(x_type: str, y: Any, sample_weight: Any) -> None:
    if y is not None:
        raise_unsupported_arg("y", "the targets", x_type)
    if sample_weight is not None:
        raise_unsupported_arg("sample_weights", "the sample weights", x_type)


def get_data_adapter(
    x: Any,
    y: Any = None,
    sample_weight: Any = None,
    shuffle: Any = False,
    class_weight: dict | None = None,
) -> DataAdapter:
    """The adapter for a streaming `x`, with Keras' argument checks and warnings."""
    from kerasish.trainers.data import (
        generators,
        py_dataset_adapter,
        tf_adapter,
        torch_adapter,
    )
    from kerasish.utils.py_dataset import PyDataset

    if isinstance(x, DataAdapter):
        return x
    if is_tf_dataset(x):
        _check_no_y("tf.data.Dataset", y, sample_weight)
        if shuffle:
            _warn_shuffle_ignored(
                "a tf.data.Dataset",
                "The Dataset is expected to already be shuffled "
                "(via `.shuffle(buffer_size)`).",
            )
        return tf_adapter.TFDatasetAdapter(x, class_weight=class_weight)
    if isinstance(x, PyDataset):
        _check_no_y("PyDataset", y, sample_weight)
        if getattr(x, "stands_for_tf_dataset", False) and shuffle:
            # Keras returns a tf.data.Dataset here, which `fit` never shuffles.
            _warn_shuffle_ignored(
                "a tf.data.Dataset",
                "The Dataset is expected to already be shuffled "
                "(via `.shuffle(buffer_size)`).",
            )
            shuffle = False
        if getattr(x, "num_batches", None) is None and shuffle:
            _warn_shuffle_ignored(
                "an infinite PyDataset",
                "The PyDataset is expected to already be shuffled.",
            )
        return py_dataset_adapter.PyDatasetAdapter(
            x, class_weight=class_weight, shuffle=shuffle
        )
    if is_torch_dataloader(x):
        _check_no_y("torch DataLoader", y, sample_weight)
        if class_weight is not None:
            raise ValueError(
                "Argument `class_weight` is not supported for torch "
                "DataLoader inputs. You can modify your `__getitem__ ` method"
                " to return input tensor, label and class_weight. "
                "Alternatively, use a custom training loop. See the User Guide "
                "https://keras.io/guides/custom_train_step_in_torch/"
                "#supporting-sampleweight-amp-classweight for more details. "
                f"Received: class_weight={class_weight}"
            )
        if shuffle:
            _warn_shuffle_ignored(
                "a torch DataLoader",
                "The DataLoader is expected to already be shuffled.",
            )
        return torch_adapter.TorchDataLoaderAdapter(x)
    if is_iterator(x):
        _check_no_y("generator", y, sample_weight)
        if class_weight is not None:
            raise ValueError(
                "Argument `class_weight` is not supported for Python "
                f"generator inputs. Received: class_weight={class_weight}"
            )
        if shuffle:
            _warn_shuffle_ignored(
                "a generator",
                "The generator is expected to yield already-shuffled data.",
            )
        return generators.GeneratorDataAdapter(x)
    raise ValueError(f"Unrecognized data type: x={x} (of type {type(x)})")
