"""`pad_sequences`: pads/truncates variable-length sequences to one array."""

from __future__ import annotations

from typing import Any

import numpy as np


def _sample_shape(sequences: Any) -> tuple[list[int], tuple]:
    """Lengths of all sequences and the per-step shape of the first non-empty."""
    lengths, sample_shape, found = [], (), False
    for seq in sequences:
        try:
            lengths.append(len(seq))
        except TypeError as e:
            raise ValueError(
                "`sequences` must be a list of iterables. "
                f"Found non-iterable: {str(seq)}"
            ) from e
        if not found and len(seq):
            sample_shape = np.asarray(seq).shape[1:]
            found = True
    return lengths, sample_shape


def pad_sequences(
    sequences: Any,
    maxlen: int | None = None,
    dtype: Any = "int32",
    padding: str = "pre",
    truncating: str = "pre",
    value: Any = 0.0,
) -> np.ndarray:
    """Pads sequences to the same length.

    Transforms a list of `num_samples` sequences into a NumPy array of shape
    `(num_samples, num_timesteps, ...)`, where `num_timesteps` is `maxlen` or
    the longest sequence's length. Shorter sequences are padded with `value`,
    longer ones truncated; `padding` / `truncating` choose the side.

    Args:
        sequences: List of sequences (each a list of integers, or of
            equally-shaped steps).
        maxlen: Optional maximum length of all sequences.
        dtype: Type of the output. Use `object` (or a NumPy string dtype) for
            variable-length strings. Defaults to `"int32"`.
        padding: `"pre"` or `"post"`: pad before or after each sequence.
        truncating: `"pre"` or `"post"`: drop values from the beginning or the
            end of sequences longer than `maxlen`.
        value: Float or string padding value. Defaults to `0.0`.

    Returns:
        NumPy array with shape `(len(sequences), maxlen, ...)`.

    Raises:
        ValueError: For non-iterable input, a string `value` with a
            non-string `dtype`, unknown `padding`/`truncating`, or steps of
            inconsistent shape.

    Example:

    >>> keras.utils.pad_sequences([[1], [2, 3], [4, 5, 6]])
    array([[0, 0, 1],
           [0, 2, 3],
           [4, 5, 6]], dtype=int32)
    """
    if not hasattr(sequences, "__len__"):
        raise ValueError("`sequences` must be iterable.")
    lengths, sample_shape = _sample_shape(sequences)
    if maxlen is None:
        maxlen = np.max(lengths)
    is_dtype_str = np.issubdtype(dtype, np.str_) or np.issubdtype(dtype, np.bytes_)
    if isinstance(value, str) and dtype is not object and not is_dtype_str:
        raise ValueError(
            f"`dtype` {dtype} is not compatible with `value`'s type: "
            f"{type(value)}\nYou should set `dtype=object` for variable length "
            "strings."
        )
    out = np.full((len(sequences), maxlen, *sample_shape), value, dtype=dtype)
    for idx, seq in enumerate(sequences):
        if not len(seq):
            continue
        if truncating == "pre":
            kept = seq[-maxlen:]
        elif truncating == "post":
            kept = seq[:maxlen]
        else:
            raise ValueError(f'Truncating type "{truncating}" not understood')
        kept = np.asarray(kept, dtype=dtype)
        if kept.shape[1:] != sample_shape:
            raise ValueError(
                f"Shape of sample {kept.shape[1:]} of sequence at "
                f"position {idx} is different from expected shape "
                f"{sample_shape}"
            )
        if padding == "post":
            out[idx, : len(kept)] = kept
        elif padding == "pre":
            out[idx, -len(kept) :] = kept
        else:
            raise ValueError(f'Padding type "{padding}" not understood')
    return out
