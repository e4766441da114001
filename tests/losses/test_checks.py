"""Host-side sparse label validation."""

import numpy as np
import pytest

from kerasish.losses import check_sparse_labels


def test_valid_labels_pass():
    check_sparse_labels(np.array([0, 1, 2]), 3)
    check_sparse_labels(np.array([[0.0], [2.0]]), 3)
    check_sparse_labels(np.array([], "int32"), 3)
    check_sparse_labels(np.array([0, 255]), 3, ignore_class=255)


def test_out_of_range_names_values_and_range():
    with pytest.raises(ValueError) as info:
        check_sparse_labels(np.array([0, 3, 5, 3, -1]), 3, argument_name="y_val")
    message = str(info.value)
    assert "[-1, 3, 5]" in message
    assert "[0, 2]" in message
    assert "y_val" in message and "Received" in message


def test_non_integer_labels():
    with pytest.raises(ValueError, match="non-integer"):
        check_sparse_labels(np.array([0.5, 1.0]), 3)
