"""`reuters.load_data` / `get_word_index` / `get_label_names`: Reuters topics."""

from __future__ import annotations

import json

import numpy as np

from kerasish.datasets import safe_pickle, sequences
from kerasish.datasets.mnist import ORIGIN_FOLDER
from kerasish.utils.file_utils import get_file

FILE_HASH = "d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916"
WORD_INDEX_FILE_HASH = "4d44cc38712099c9e383dc6e5f11a921"

_LABEL_NAMES = (
    "cocoa", "grain", "veg-oil", "earn", "acq", "wheat", "copper", "housing",
    "money-supply", "coffee", "sugar", "trade", "reserves", "ship", "cotton",
    "carcass", "crude", "nat-gas", "cpi", "money-fx", "interest", "gnp",
    "meal-feed", "alum", "oilseed", "gold", "tin", "strategic-metal",
    "livestock", "retail", "ipi", "iron-steel", "rubber", "heat", "jobs", "lei",
    "bop", "zinc", "orange", "pet-chem", "dlr", "gas", "silver", "wpi", "hog",
    "lead",
)  # fmt: skip


def load_data(
    path: str = "reuters.npz",
    num_words: int | None = None,
    skip_top: int = 0,
    maxlen: int | None = None,
    test_split: float = 0.2,
    seed: int = 113,
    start_char: int | None = 1,
    oov_char: int | None = 2,
    index_from: int = 3,
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Loads the Reuters newswire classification dataset.

    This is a dataset of 11,228 newswires from Reuters, labeled over 46
    topics. Each newswire is encoded as a list of word indexes (integers),
    words indexed by overall frequency in the dataset. "0" does not stand for
    a specific word: it encodes any unknown word.

    The file is `reuters.npz` in the Keras cache (`~/.keras/datasets/`),
    sha256 checked, read without unpickling anything but NumPy arrays.

    Args:
        path: where to cache the data (relative to `~/.keras/datasets`).
        num_words: integer or None. Only the `num_words` most frequent words
            are kept; any less frequent word appears as `oov_char`.
        skip_top: skip the top N most frequently occurring words (they appear
            as `oov_char`). 0 means no words are skipped.
        maxlen: int or None. Sequences of `maxlen` words or more are dropped.
        test_split: Float between `0.` and `1.`. Fraction of the dataset to be
            used as test data.
        seed: int. Seed for reproducible data shuffling.
        start_char: int. The start of a sequence is marked with this
            character. 0 is usually the padding character.
        oov_char: int. The out-of-vocabulary character (words cut out are
            dropped if None).
        index_from: int. Index actual words with this index and higher.

    Returns:
        Tuple of NumPy arrays: `(x_train, y_train), (x_test, y_test)`.

        **`x_train`, `x_test`**: object arrays of sequences, which are lists
        of indexes (integers).

        **`y_train`, `y_test`**: integer topic labels (0-45).

    Example:

    ```python
    (x_train, y_train), (x_test, y_test) = keras.datasets.reuters.load_data(
        num_words=10000
    )
    ```
    """
    path = get_file(
        fname=path,
        origin=f"{ORIGIN_FOLDER}reuters.npz",
        file_hash=FILE_HASH,
    )
    f = safe_pickle.load_npz(path)
    xs, labels = f["x"], f["y"]
    indices = np.arange(len(xs))
    np.random.RandomState(seed).shuffle(indices)
    xs, labels = xs[indices], labels[indices]

    xs = sequences.offset_words(xs, start_char, index_from)
    if maxlen:
        xs, labels = sequences.remove_long_seq(maxlen, xs, labels)
    xs = sequences.limit_vocabulary(xs, num_words, skip_top, oov_char)

    idx = int(len(xs) * (1 - test_split))
    x_train, y_train = sequences.to_object_array(xs[:idx]), np.array(labels[:idx])
    x_test, y_test = sequences.to_object_array(xs[idx:]), np.array(labels[idx:])
    return (x_train, y_train), (x_test, y_test)


def get_word_index(path: str = "reuters_word_index.json") -> dict[str, int]:
    """Retrieves a dict mapping words to their index in the Reuters dataset.

    Actual word indices start from 3, with 3 indices reserved for: 0
    (padding), 1 (start), 2 (oov). E.g. the word index of 'the' is 1, but in
    the training data its index is 1 + 3 = 4.

    Args:
        path: where to cache the data (relative to `~/.keras/datasets`).

    Returns:
        The word index dictionary. Keys are word strings, values are their
        index.
    """
    path = get_file(
        path,
        origin=f"{ORIGIN_FOLDER}reuters_word_index.json",
        file_hash=WORD_INDEX_FILE_HASH,
    )
    with open(path) as f:
        return json.load(f)


def get_label_names() -> tuple[str, ...]:
    """Returns the 46 topic names, indexed as the labels in the training data.

    Reference:
    - [Reuters Dataset](https://martin-thoma.com/nlp-reuters/)
    """
    return _LABEL_NAMES
