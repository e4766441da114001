"""Tests for `kerasish/datasets/imdb.py`.

The expected sequences are real Keras 3.15.1's output for the same tiny
`imdb.npz` (`fake_files.write_imdb`), printed with `.tolist()`.
"""

import json
import os

import numpy as np
import pytest

from kerasish.datasets import imdb
from tests.datasets import fake_files

# kwargs -> (x_train, y_train, x_test, y_test), from Keras 3.15.1.
KERAS_OUTPUTS = [
    (
        {},
        [[1, 7, 4], [1, 4, 5, 6], [1, 5], [1, 8, 9, 10, 11], [1, 12, 4, 4, 5, 6]],
        [1, 0, 0, 1, 1],
        [[1, 4, 12], [1, 6, 6, 6], [1, 5, 7, 9, 11], [1, 2]],
        [1, 0, 0, 1],
    ),
    (
        {"num_words": 6},
        [[1, 2, 4], [1, 4, 5, 2], [1, 5], [1, 2, 2, 2, 2], [1, 2, 4, 4, 5, 2]],
        [1, 0, 0, 1, 1],
        [[1, 4, 2], [1, 2, 2, 2], [1, 5, 2, 2, 2], [1, 2]],
        [1, 0, 0, 1],
    ),
    (
        {"skip_top": 4, "num_words": 9},
        [[2, 7, 4], [2, 4, 5, 6], [2, 5], [2, 8, 2, 2, 2], [2, 2, 4, 4, 5, 6]],
        [1, 0, 0, 1, 1],
        [[2, 4, 2], [2, 6, 6, 6], [2, 5, 7, 2, 2], [2, 2]],
        [1, 0, 0, 1],
    ),
    ({"maxlen": 4}, [[1, 7, 4], [1, 5]], [1, 0], [[1, 4, 12], [1, 2]], [1, 1]),
    (
        {"start_char": None, "oov_char": None, "index_from": 0, "num_words": 5,
         "skip_top": 2},
        [[4], [2, 3], [2], [], [2, 3]],
        [1, 0, 0, 1, 1],
        [[], [3, 3, 3], [2, 4], []],
        [1, 0, 0, 1],
    ),
    (
        {"seed": 0, "index_from": 2, "oov_char": 7},
        [[1, 7, 8, 9, 10], [1, 3, 4, 5], [1, 6, 3], [1, 4], [1, 11, 3, 3, 4, 5]],
        [1, 0, 1, 0, 1],
        [[1, 3, 11], [1, 7], [1, 5, 5, 5], [1, 4, 6, 8, 10]],
        [1, 1, 0, 0],
    ),
]  # fmt: skip


@pytest.fixture
def cached_imdb(datadir, no_download, monkeypatch):
    path = fake_files.write_imdb(datadir)
    monkeypatch.setattr(imdb, "FILE_HASH", fake_files.sha256(path))
    return path


@pytest.mark.parametrize("case", KERAS_OUTPUTS, ids=lambda c: repr(c[0]))
def test_matches_keras(cached_imdb, case):
    kwargs, x_train, y_train, x_test, y_test = case
    (xa, ya), (xb, yb) = imdb.load_data(**kwargs)
    assert xa.dtype == object and xa.shape == (len(x_train),)
    assert ya.dtype == np.int64
    assert xa.tolist() == x_train and ya.tolist() == y_train
    assert xb.tolist() == x_test and yb.tolist() == y_test


def test_hand_computed_default_processing(cached_imdb):
    # start_char=1, then every rank + index_from=3. With num_words=None the
    # bound is the largest index seen (10 + 3 = 13) and, Keras quirk, `w < 13`
    # makes that rarest word out of vocabulary (2). Shuffling only reorders.
    (x_train, _), (x_test, _) = imdb.load_data()
    assert sorted(x_train.tolist()) == [
        [1, 4, 5, 6], [1, 5], [1, 7, 4], [1, 8, 9, 10, 11], [1, 12, 4, 4, 5, 6]
    ]  # fmt: skip
    assert sorted(x_test.tolist()) == [
        [1, 2], [1, 4, 12], [1, 5, 7, 9, 11], [1, 6, 6, 6]
    ]  # fmt: skip


def test_maxlen_drops_sequences_of_exactly_maxlen(cached_imdb):
    # [1, 7, 4] has 3 tokens: kept by maxlen=4, dropped by maxlen=3 (Keras quirk).
    (x_train, _), _ = imdb.load_data(maxlen=4)
    assert all(len(x) < 4 for x in x_train)
    with pytest.raises(ValueError, match="no sequence was kept. Increase maxlen."):
        imdb.load_data(maxlen=2)


def test_extra_kwargs_are_ignored(cached_imdb):
    (x_train, _), _ = imdb.load_data(test_split=0.5)
    assert len(x_train) == 5


def test_get_word_index(datadir, no_download, monkeypatch):
    path = os.path.join(datadir, "imdb_word_index.json")
    with open(path, "w") as f:
        json.dump({"the": 1, "and": 2}, f)
    monkeypatch.setattr(imdb, "WORD_INDEX_FILE_HASH", fake_files.md5(path))
    assert imdb.get_word_index() == {"the": 1, "and": 2}


def test_tampered_file_is_refused(datadir, no_download, monkeypatch):
    class Evil:
        def __reduce__(self):
            return (os.system, ("echo pwned",))

    array = np.empty(1, dtype=object)
    array[0] = Evil()
    path = os.path.join(datadir, "imdb.npz")
    np.savez(path, x_train=array, y_train=np.zeros(1), x_test=array, y_test=np.zeros(1))
    monkeypatch.setattr(imdb, "FILE_HASH", fake_files.sha256(path))
    import pickle

    with pytest.raises(pickle.UnpicklingError, match="Refusing to deserialize"):
        imdb.load_data()
