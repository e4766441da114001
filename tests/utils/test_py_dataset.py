"""PyDataset / Sequence: defaults, super() warning, iteration, num_batches."""

import numpy as np
import pytest

import kerasish as keras


class Squares(keras.utils.PyDataset):
    def __len__(self):
        return 3

    def __getitem__(self, i):
        return np.full((2, 1), i * i, "float32")


def test_defaults_and_alias():
    data = Squares(workers=2, max_queue_size=4)
    assert (data.workers, data.use_multiprocessing, data.max_queue_size) == (
        2,
        False,
        4,
    )
    assert keras.utils.Sequence is keras.utils.PyDataset
    assert data.num_batches == 3
    assert [float(b[0, 0]) for b in data] == [0.0, 1.0, 4.0]


def test_missing_super_init_warns_and_uses_defaults():
    class NoSuper(keras.utils.PyDataset):
        def __init__(self):
            pass

    with pytest.warns(UserWarning, match="should call `super\\(\\).__init__"):
        assert NoSuper().workers == 1


def test_num_batches_without_len_raises():
    class Infinite(keras.utils.PyDataset):
        pass

    with pytest.raises(NotImplementedError, match="num_batches"):
        _ = Infinite().num_batches


def test_infinite_dataset_iterates_until_stopped():
    class Counter(keras.utils.PyDataset):
        @property
        def num_batches(self):
            return None

        def __getitem__(self, i):
            return i

    it = iter(Counter())
    assert [next(it) for _ in range(4)] == [0, 1, 2, 3]
