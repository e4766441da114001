"""PyDataset in fit: workers (threads, processes), shuffling, errors, shutdown."""

import threading
import time

import numpy as np
import pytest

import kerasish as keras

X = np.random.default_rng(1).normal(size=(12, 3)).astype("float32")
Y = (np.arange(12) % 3).astype("int32")


class Batches(keras.utils.PyDataset):
    def __init__(self, length=3, fail_at=None, delay=0.0, **kwargs):
        super().__init__(**kwargs)
        self.length, self.fail_at, self.delay = length, fail_at, delay
        self.reads = []

    def __len__(self):
        return self.length

    def __getitem__(self, i):
        if i == self.fail_at:
            raise KeyError(f"bad batch {i}")
        if i >= 3:
            raise IndexError(f"index {i} out of range")
        time.sleep(self.delay)
        self.reads.append(i)
        return X[4 * i : 4 * i + 4], Y[4 * i : 4 * i + 4]


def _model():
    m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(3, name="d")])
    m.compile("sgd", keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    return m


@pytest.fixture(scope="module")
def weights():
    return _model().get_weights()


def _fit(weights, data, **kwargs):
    model = _model()
    model.set_weights(weights)
    history = model.fit(data, verbose=0, **kwargs)
    return history.history["loss"], model.get_weights()


@pytest.mark.parametrize(
    "kwargs", [{"workers": 2}, {"workers": 1, "use_multiprocessing": True}]
)
def test_parallel_workers_match_sequential(weights, kwargs):
    want = _fit(weights, Batches(), epochs=2, shuffle=False)
    got = _fit(weights, Batches(**kwargs), epochs=2, shuffle=False)
    np.testing.assert_allclose(got[0], want[0], rtol=1e-6)
    for a, b in zip(got[1], want[1], strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-6)


def test_shuffle_uses_python_random(weights):
    import random

    random.seed(3)
    data = Batches()
    _fit(weights, data, epochs=2)
    order = data.reads
    assert sorted(order[-3:]) == [0, 1, 2]
    random.seed(3)
    build, epoch = list(range(3)), list(range(3))
    random.shuffle(build)
    random.shuffle(epoch)
    # As in Keras, the build pass draws one permutation and reads its first
    # batch; epoch 1 reads in the next permutation.
    assert order[:4] == [build[0], *epoch]


@pytest.mark.parametrize("workers", [1, 3])
def test_worker_error_propagates_and_pool_stops(weights, workers):
    before = threading.active_count()
    with pytest.raises(KeyError, match="bad batch 2"):
        _fit(weights, Batches(fail_at=2, workers=workers), shuffle=False)
    time.sleep(0.05)
    assert threading.active_count() == before


def test_len_too_long_raises_the_getitem_error(weights):
    # Keras: `__getitem__` is called up to `__len__`; its error surfaces.
    with pytest.raises(IndexError, match="index 3"):
        _fit(weights, Batches(length=5), shuffle=False)


def test_len_too_short_uses_only_those_batches(weights):
    data = Batches(length=2)
    _fit(weights, data, shuffle=False)
    assert data.reads == [0, 0, 1]


def test_class_weight_folds_into_sample_weight(weights):
    a = _fit(weights, Batches(), shuffle=False, class_weight={0: 1.0, 1: 1.0, 2: 1.0})
    b = _fit(weights, Batches(), shuffle=False)
    np.testing.assert_allclose(a[0], b[0], rtol=1e-6)
    c = _fit(weights, Batches(), shuffle=False, class_weight={0: 3.0, 7: 2.0})
    assert not np.allclose(c[0], b[0])


def test_workers_read_batches_concurrently(weights):
    active, peak, lock = [0], [0], threading.Lock()

    class Tracked(Batches):
        def __getitem__(self, i):
            with lock:
                active[0] += 1
                peak[0] = max(peak[0], active[0])
            try:
                return super().__getitem__(i)
            finally:
                with lock:
                    active[0] -= 1

    _fit(weights, Tracked(delay=0.05, workers=3), shuffle=False)
    assert peak[0] > 1
