"""pad_sequences: Keras' padding/truncation rules, dtypes and errors."""

import numpy as np
import pytest

from kerasish.utils import pad_sequences


def test_docstring_examples():
    seqs = [[1], [2, 3], [4, 5, 6]]
    np.testing.assert_array_equal(
        pad_sequences(seqs), [[0, 0, 1], [0, 2, 3], [4, 5, 6]]
    )
    np.testing.assert_array_equal(
        pad_sequences(seqs, padding="post"), [[1, 0, 0], [2, 3, 0], [4, 5, 6]]
    )
    np.testing.assert_array_equal(
        pad_sequences(seqs, maxlen=2), [[0, 1], [2, 3], [5, 6]]
    )
    assert pad_sequences(seqs).dtype == np.int32


def test_strings_and_empty_sequences():
    out = pad_sequences([["a"], []], dtype=object, value="_")
    assert out.tolist() == [["a"], ["_"]]
    assert out.dtype == object


def test_errors():
    with pytest.raises(ValueError, match="must be iterable"):
        pad_sequences(5)
    with pytest.raises(ValueError, match="Found non-iterable: 1"):
        pad_sequences([1, 2])
    with pytest.raises(ValueError, match="not compatible with `value`"):
        pad_sequences([[1]], value="x")
    with pytest.raises(ValueError, match='Padding type "mid"'):
        pad_sequences([[1]], padding="mid")
    with pytest.raises(ValueError, match="is different from expected shape"):
        pad_sequences([[[1, 2]], [[1, 2, 3]]])
