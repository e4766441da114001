"""timeseries_dataset_from_array: windows, targets, shuffling, checks, fit."""

import numpy as np
import pytest

import kerasish as keras
from kerasish.utils import timeseries_dataset_from_array


def test_windows_and_targets():
    data = np.arange(10)
    ds = timeseries_dataset_from_array(
        data, data * 10, sequence_length=3, sampling_rate=2, batch_size=2
    )
    assert len(ds) == 3
    inputs, targets = ds[0]
    np.testing.assert_array_equal(inputs, [[0, 2, 4], [1, 3, 5]])
    np.testing.assert_array_equal(targets, [0, 10])
    np.testing.assert_array_equal(ds[2][0], [[4, 6, 8], [5, 7, 9]])


def test_shuffle_permutes_window_starts_with_seed():
    data = np.arange(20)
    a = timeseries_dataset_from_array(
        data, None, 2, batch_size=None, shuffle=True, seed=1
    )
    positions = np.arange(19)
    np.random.RandomState(1).shuffle(positions)
    assert [int(a[i][0]) for i in range(19)] == positions.tolist()


def test_argument_checks():
    with pytest.raises(ValueError, match="`start_index` must be 0 or greater"):
        timeseries_dataset_from_array(np.arange(5), None, 2, start_index=-1)
    with pytest.raises(ValueError, match="`sampling_rate` must be higher than 0"):
        timeseries_dataset_from_array(np.arange(5), None, 2, sampling_rate=0)
    with pytest.raises(ValueError, match='`format` should be either "tf" or "grain"'):
        timeseries_dataset_from_array(np.arange(5), None, 2, format="np")


def test_fit_accepts_it():
    data = np.random.default_rng(0).normal(size=(30, 2)).astype("float32")
    ds = timeseries_dataset_from_array(
        data, data[:, 0], sequence_length=4, batch_size=8
    )
    model = keras.Sequential(
        [keras.Input((4, 2)), keras.layers.Flatten(), keras.layers.Dense(1)]
    )
    model.compile("sgd", "mse")
    history = model.fit(ds, epochs=2, verbose=0, shuffle=False)
    assert len(history.history["loss"]) == 2
