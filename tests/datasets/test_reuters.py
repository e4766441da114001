"""Tests for `kerasish/datasets/reuters.py` (expected values from Keras 3.15.1
on the same tiny `reuters.npz`, `fake_files.write_reuters`)."""

import json
import os

import numpy as np
import pytest

from kerasish.datasets import reuters
from tests.datasets import fake_files

KERAS_OUTPUTS = [
    (
        {},
        [[1, 6, 7, 8], [1, 4, 4, 10, 5], [1, 7], [1, 4, 5], [1, 8, 8], [1, 9]],
        [4, 19, 45, 3, 4, 3],
        [[1, 11, 6], [1, 5, 12, 2]],
        [1, 3],
    ),
    (
        {"num_words": 6, "test_split": 0.25},
        [[1, 2, 2, 2], [1, 4, 4, 2, 5], [1, 2], [1, 4, 5], [1, 2, 2], [1, 2]],
        [4, 19, 45, 3, 4, 3],
        [[1, 2, 2], [1, 5, 2, 2]],
        [1, 3],
    ),
    (
        {"start_char": None, "oov_char": None, "index_from": 0, "num_words": 7},
        [[3, 4, 5], [1, 1, 2], [4], [1, 2], [5, 5], [6]],
        [4, 19, 45, 3, 4, 3],
        [[3], [2]],
        [1, 3],
    ),
]


@pytest.fixture
def cached_reuters(datadir, no_download, monkeypatch):
    path = fake_files.write_reuters(datadir)
    monkeypatch.setattr(reuters, "FILE_HASH", fake_files.sha256(path))


@pytest.mark.parametrize("case", KERAS_OUTPUTS, ids=lambda c: repr(c[0]))
def test_matches_keras(cached_reuters, case):
    kwargs, x_train, y_train, x_test, y_test = case
    (xa, ya), (xb, yb) = reuters.load_data(**kwargs)
    assert xa.dtype == object and ya.dtype == np.int64
    assert xa.tolist() == x_train and ya.tolist() == y_train
    assert xb.tolist() == x_test and yb.tolist() == y_test


def test_equal_length_sequences_give_a_2d_object_array(cached_reuters):
    # Keras quirk: np.array(list of equal-length lists, dtype=object) is 2-D.
    (x_train, y_train), (x_test, y_test) = reuters.load_data(maxlen=3, skip_top=4)
    assert x_train.shape == (1, 2) and x_train.tolist() == [[2, 7]]
    assert y_train.tolist() == [45]
    assert x_test.tolist() == [[2, 2]] and y_test.tolist() == [3]


def test_word_index_and_label_names(datadir, no_download, monkeypatch):
    path = os.path.join(datadir, "reuters_word_index.json")
    with open(path, "w") as f:
        json.dump({"the": 1}, f)
    monkeypatch.setattr(reuters, "WORD_INDEX_FILE_HASH", fake_files.md5(path))
    assert reuters.get_word_index() == {"the": 1}
    names = reuters.get_label_names()
    assert isinstance(names, tuple) and len(names) == 46
    assert names[:4] == ("cocoa", "grain", "veg-oil", "earn") and names[-1] == "lead"
