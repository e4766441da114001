"""Host-side validation of sparse integer labels (before they reach a jitted step)."""

from __future__ import annotations

from typing import Any

import numpy as np


def check_sparse_labels(
    y: Any,
    num_classes: int,
    argument_name: str = "y",
    ignore_class: int | None = None,
) -> None:
    """Raises if sparse labels are not integers in `[0, num_classes)`.

    Inside a jitted step an out-of-range label would silently give a one-hot
    row of zeros (a loss of 0), so the trainer checks labels on the host.

    Args:
        y: The labels (NumPy-convertible), e.g. shape `(batch,)` or `(batch, 1)`.
        num_classes: The number of classes (the last dimension of `y_pred`).
        argument_name: The name to use in the error message.
        ignore_class: A label value that is allowed anyway (see
            `SparseCategoricalCrossentropy(ignore_class=...)`).

    Raises:
        ValueError: If a label is not an integer, or is outside the range.
    """
    labels = np.asarray(y)
    if labels.size == 0:
        return
    if not (np.issubdtype(labels.dtype, np.integer) or labels.dtype == bool):
        if not np.issubdtype(labels.dtype, np.number):
            raise ValueError(
                f"Expected `{argument_name}` to hold integer class ids in "
                f"[0, {num_classes - 1}]. Received: {argument_name}.dtype="
                f"{labels.dtype}"
            )
        non_integer = labels[labels != np.round(labels)]
        if non_integer.size:
            raise ValueError(
                f"Expected `{argument_name}` to hold integer class ids in "
                f"[0, {num_classes - 1}], but it contains non-integer values "
                f"{_preview(non_integer)}. Received: {argument_name} with "
                f"dtype={labels.dtype}"
            )
    invalid = (labels < 0) | (labels >= num_classes)
    if ignore_class is not None:
        invalid &= labels != ignore_class
    if np.any(invalid):
        bad = np.unique(labels[invalid])
        raise ValueError(
            f"Invalid label value(s) {_preview(bad)} in `{argument_name}`: expected "
            f"integer class ids in the range [0, {num_classes - 1}] "
            f"(num_classes={num_classes}, from the last dimension of the model "
            f"output). Received: {argument_name} with min={labels.min()}, "
            f"max={labels.max()}"
        )


def _preview(values: np.ndarray, limit: int = 10) -> str:
    shown = ", ".join(str(v) for v in values.ravel()[:limit].tolist())
    more = f", ... ({values.size} in all)" if values.size > limit else ""
    return f"[{shown}{more}]"
