"""`imdb.load_data` / `get_word_index`: IMDB review sentiment, from Keras' cache."""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from kerasish.datasets import safe_pickle, sequences
from kerasish.datasets.mnist import ORIGIN_FOLDER
from kerasish.utils.file_utils import get_file

FILE_HASH = "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f"
WORD_INDEX_FILE_HASH = "bfafd718b763782e994055a2d397834f"


def load_data(
    path: str = "imdb.npz",
    num_words: int | None = None,
    skip_top: int = 0,
    maxlen: int | None = None,
    seed: int = 113,
    start_char: int | None = 1,
    oov_char: int | None = 2,
    index_from: int = 3,
    **kwargs: Any,
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Loads the [IMDB dataset](https://ai.stanford.edu/~amaas/data/sentiment/).

    This is a dataset of 25,000 movies reviews from IMDB, labeled by sentiment
    (positive/negative). Reviews have been preprocessed, and each review is
    encoded as a list of word indexes (integers). Words are indexed by overall
    frequency in the dataset, so that for instance the integer "3" encodes the
    3rd most frequent word in the data. "0" does not stand for a specific
    word: it encodes the pad token.

    The file is `imdb.npz` in the Keras cache (`~/.keras/datasets/`), sha256
    checked. Its ragged sequences are object arrays, read without unpickling
    anything but NumPy arrays (see `kerasish.datasets.safe_pickle`).

    Args:
        path: where to cache the data (relative to `~/.keras/datasets`).
        num_words: integer or None. Only the `num_words` most frequent words
            are kept; any less frequent word appears as `oov_char`. If None,
            all words are kept.
        skip_top: skip the top N most frequently occurring words (they appear
            as `oov_char`). When 0, no words are skipped.
        maxlen: int or None. Sequences of `maxlen` words or more are dropped.
        seed: int. Seed for reproducible data shuffling.
        start_char: int. The start of a sequence is marked with this
            character. 0 is usually the padding character.
        oov_char: int. The out-of-vocabulary character. Words cut out by the
            `num_words` or `skip_top` limits are replaced with it (dropped if
            None).
        index_from: int. Index actual words with this index and higher.
        **kwargs: Accepted and ignored, as in Keras.

    Returns:
        Tuple of NumPy arrays: `(x_train, y_train), (x_test, y_test)`.

        **`x_train`, `x_test`**: object arrays of sequences, which are lists
        of indexes (integers).

        **`y_train`, `y_test`**: integer label arrays (1 or 0).

    Raises:
        ValueError: when `maxlen` leaves no training or no test sequence.

    Example:

    ```python
    (x_train, y_train), (x_test, y_test) = keras.datasets.imdb.load_data(
        num_words=10000
    )
    ```
    """
    del kwargs
    path = get_file(
        fname=path,
        origin=f"{ORIGIN_FOLDER}imdb.npz",
        file_hash=FILE_HASH,
    )
    f = safe_pickle.load_npz(path)
    x_train, labels_train = f["x_train"], f["y_train"]
    x_test, labels_test = f["x_test"], f["y_test"]

    # One generator shuffles both splits, train first.
    rng = np.random.RandomState(seed)
    indices = np.arange(len(x_train))
    rng.shuffle(indices)
    x_train, labels_train = x_train[indices], labels_train[indices]
    indices = np.arange(len(x_test))
    rng.shuffle(indices)
    x_test, labels_test = x_test[indices], labels_test[indices]

    x_train = sequences.offset_words(x_train, start_char, index_from)
    x_test = sequences.offset_words(x_test, start_char, index_from)
    if maxlen:
        x_train, labels_train = sequences.remove_long_seq(maxlen, x_train, labels_train)
        x_test, labels_test = sequences.remove_long_seq(maxlen, x_test, labels_test)
        if not x_train or not x_test:
            raise ValueError(
                "After filtering for sequences shorter than maxlen="
                f"{str(maxlen)}, no sequence was kept. Increase maxlen."
            )
    xs = sequences.limit_vocabulary(x_train + x_test, num_words, skip_top, oov_char)
    labels = np.concatenate([labels_train, labels_test])
    idx = len(x_train)
    x_train, y_train = sequences.to_object_array(xs[:idx]), labels[:idx]
    x_test, y_test = sequences.to_object_array(xs[idx:]), labels[idx:]
    return (x_train, y_train), (x_test, y_test)


def get_word_index(path: str = "imdb_word_index.json") -> dict[str, int]:
    """Retrieves a dict mapping words to their index in the IMDB dataset.

    Indices in the dict start at 1; in `load_data`'s sequences a word's index
    is shifted by `index_from` (3 by default).

    Args:
        path: where to cache the data (relative to `~/.keras/datasets`).

    Returns:
        The word index dictionary. Keys are word strings, values are their
        index.

    Example:

    ```python
    word_index = keras.datasets.imdb.get_word_index()
    inverted = {i + 3: word for word, i in word_index.items()}
    ```
    """
    path = get_file(
        fname=path,
        origin=f"{ORIGIN_FOLDER}imdb_word_index.json",
        file_hash=WORD_INDEX_FILE_HASH,
    )
    with open(path) as f:
        return json.load(f)
