"""Word-index processing shared by `imdb` and `reuters` (Keras' exact rules)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def offset_words(
    xs: Sequence, start_char: int | None, index_from: int | None
) -> list[list[int]]:
    """Shifts every word index by `index_from` and prepends `start_char`."""
    index_from = index_from or 0
    if start_char is not None:
        return [[start_char] + [w + index_from for w in x] for x in xs]
    return [[w + index_from for w in x] for x in xs]


def remove_long_seq(maxlen: int, seq: Sequence, label: Sequence) -> tuple[list, list]:
    """Keeps the sequences (and their labels) shorter than `maxlen`.

    Keras quirk kept: the test is `len(x) < maxlen`, so a sequence of exactly
    `maxlen` words is dropped too.
    """
    new_seq, new_label = [], []
    for x, y in zip(seq, label, strict=False):
        if len(x) < maxlen:
            new_seq.append(x)
            new_label.append(y)
    return new_seq, new_label


def limit_vocabulary(
    xs: list[list[int]], num_words: int | None, skip_top: int, oov_char: int | None
) -> list[list[int]]:
    """Replaces (or drops, when `oov_char` is None) words outside
    `[skip_top, num_words)`.

    Keras quirk kept: without `num_words` the bound is the largest index seen,
    and the test is `w < num_words`, so that most rare word becomes `oov_char`.
    """
    if not num_words:
        num_words = max(max(x) for x in xs)
    if oov_char is not None:
        return [[w if skip_top <= w < num_words else oov_char for w in x] for x in xs]
    return [[w for w in x if skip_top <= w < num_words] for x in xs]


def to_object_array(xs: list[list[int]]) -> np.ndarray:
    """`np.array(xs, dtype="object")`, as Keras returns the sequences.

    Keras quirk kept: when every sequence has the same length NumPy builds a
    2-D object array instead of a 1-D array of lists.
    """
    return np.array(xs, dtype="object")
