"""In-memory array inputs: standardizing, validation split, class weights."""

from __future__ import annotations

import math
from typing import Any

import jax
import numpy as np

from kerasish.backend import config


def _to_array(x: Any) -> Any:
    if x is None or isinstance(x, jax.Array):
        return x
    if type(x) is np.ndarray and x.ndim and x.dtype == config.floatx():
        return x  # already what the checks below would make of it
    if hasattr(x, "numpy") and not isinstance(x, np.ndarray):
        x = x.numpy()
    x = np.asarray(x)
    if x.dtype == object:
        raise TypeError(
            "Expected all elements of `x` to be array-like. "
            f"Received an array of dtype object with shape {x.shape}."
        )
    if np.issubdtype(x.dtype, np.floating) and x.dtype != np.dtype(config.floatx()):
        x = x.astype(config.floatx())
    if x.ndim == 0:
        raise ValueError(
            "When passing data to a Keras model, the arrays must be at least "
            f"rank 1. Received: {x} of rank 0."
        )
    return x


def to_arrays(data: Any) -> Any:
    """NumPy (or JAX) arrays, floats cast to floatx, structures preserved.

    A list or tuple of arrays is a structure (several inputs); a nested list
    of numbers is one array.
    """
    if isinstance(data, dict):
        return {k: to_arrays(v) for k, v in data.items()}
    if isinstance(data, list | tuple) and any(hasattr(v, "shape") for v in data):
        return type(data)(to_arrays(v) for v in data)
    return _to_array(data)


def num_samples(data: Any) -> int:
    return int(jax.tree_util.tree_leaves(data)[0].shape[0])


def check_cardinality(x: Any, y: Any, sample_weight: Any) -> None:
    """Raises Keras' ValueError when x, y and sample_weight differ in length."""
    sizes = {int(a.shape[0]) for a in jax.tree_util.tree_leaves((x, y, sample_weight))}
    if len(sizes) > 1:
        msg = (
            "Data cardinality is ambiguous. Make sure all arrays contain the "
            "same number of samples."
        )
        for label, part in zip(
            ("x", "y", "sample_weight"), (x, y, sample_weight), strict=True
        ):
            lengths = ", ".join(
                str(a.shape[0]) for a in jax.tree_util.tree_leaves(part)
            )
            msg += f"'{label}' sizes: {lengths}\n"
        raise ValueError(msg)


def check_sample_weight_structure(y: Any, sample_weight: Any) -> None:
    """Keras' rules for several outputs (`y` a list, tuple or dict): either
    one weight array per output, in `y`'s structure, or a single array of
    one weight per sample, which then serves every output."""
    if sample_weight is None or not isinstance(y, list | tuple | dict):
        return
    if isinstance(sample_weight, list | tuple | dict):
        if _same_structure(y, sample_weight):
            return
        raise ValueError(
            "You should provide one `sample_weight` array per output in `y`. "
            "The two structures did not match:\n"
            f"- y: {y}\n"
            f"- sample_weight: {sample_weight}\n"
        )
    shape = sample_weight.shape
    if not (len(shape) == 1 or (len(shape) == 2 and shape[1] == 1)):
        raise ValueError(
            "For a model with multiple outputs, when providing a single "
            "`sample_weight` array, it should only have one scalar score per "
            "sample (i.e. shape `(num_samples,)`). If you want to use non-scalar "
            "sample weights, pass a `sample_weight` argument with one array per "
            f"model output. Received: sample_weight.shape={tuple(shape)}"
        )


def _same_structure(a: Any, b: Any) -> bool:
    if isinstance(a, dict) or isinstance(b, dict):
        return (
            isinstance(a, dict)
            and isinstance(b, dict)
            and a.keys() == b.keys()
            and all(_same_structure(a[k], b[k]) for k in a)
        )
    if isinstance(a, list | tuple) or isinstance(b, list | tuple):
        return (
            isinstance(a, list | tuple)
            and isinstance(b, list | tuple)
            and len(a) == len(b)
            and all(_same_structure(u, v) for u, v in zip(a, b, strict=True))
        )
    return True


def class_weight_to_sample_weights(y: Any, class_weight: dict) -> np.ndarray:
    """Per-sample weights from a `{class: weight}` dict, Keras' label rules."""
    labels = np.asarray(y)
    if labels.ndim > 1:
        labels = np.argmax(labels, axis=-1) if labels.shape[-1] != 1 else labels[..., 0]
    labels = np.round(labels).astype("int32")
    table = {int(k): float(v) for k, v in class_weight.items()}
    weights = np.array([table.get(int(c), 1.0) for c in labels.reshape(-1)])
    return weights.astype(config.floatx())


def class_weight_sample_weights(
    y: Any, sample_weight: Any, class_weight: dict
) -> np.ndarray:
    """Sample weights from `class_weight`, refusing what Keras refuses: both
    weightings at once, or several outputs."""
    if sample_weight is not None:
        raise ValueError(
            "You cannot `class_weight` and `sample_weight` at the same time."
        )
    if isinstance(y, list | tuple | dict):
        raise ValueError(
            "`class_weight` is only supported for Models with a single output."
        )
    return class_weight_to_sample_weights(y, class_weight)


def standardize(
    x: Any, y: Any, sample_weight: Any, class_weight: dict | None
) -> tuple[Any, Any, Any]:
    """Arrays for `(x, y, sample_weight)`, with class weights folded in."""
    x, y = to_arrays(x), to_arrays(y)
    sample_weight = to_arrays(sample_weight)
    if class_weight is not None:
        sample_weight = class_weight_sample_weights(y, sample_weight, class_weight)
    check_sample_weight_structure(y, sample_weight)
    check_cardinality(x, y, sample_weight)
    return x, y, sample_weight


def train_validation_split(
    arrays: tuple, validation_split: float
) -> tuple[tuple, tuple]:
    """Splits off the LAST `validation_split` fraction, before any shuffling."""
    n = num_samples(arrays)
    split_at = int(math.floor(n * (1.0 - validation_split)))
    if split_at == 0 or split_at == n:
        raise ValueError(
            f"Training data contains {n} samples, which is not sufficient to split "
            "it into a validation and training set as specified by "
            f"`validation_split={validation_split}`. Either provide more data, or "
            "a different value for the `validation_split` argument."
        )
    train = jax.tree_util.tree_map(lambda a: a[:split_at], arrays)
    val = jax.tree_util.tree_map(lambda a: a[split_at:], arrays)
    return train, val


def unpack_x_y_sample_weight(data: Any) -> tuple[Any, Any, Any]:
    """`(x,)`, `(x, y)` or `(x, y, sample_weight)` as a triple."""
    if isinstance(data, list):
        data = tuple(data)
    if not isinstance(data, tuple):
        return data, None, None
    if len(data) == 1:
        return data[0], None, None
    if len(data) == 2:
        return data[0], data[1], None
    if len(data) == 3:
        return data
    raise ValueError(
        "Data is expected to be in format `x`, `(x,)`, `(x, y)`, or "
        f"`(x, y, sample_weight)`, found: {data}"
    )
