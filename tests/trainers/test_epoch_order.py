"""Batch orders drawn one epoch early: the same orders and NumPy RNG stream as
drawing each epoch's order on time (Keras' sequence)."""

import io
from contextlib import redirect_stdout

import numpy as np
import pytest

import kerasish as keras
from kerasish.callbacks.callback_list import CallbackList
from kerasish.callbacks.history import History
from kerasish.trainers.epoch_order import EpochOrders, epoch_order


class NoOp(keras.callbacks.Callback):
    """A user callback: it could draw from NumPy's RNG, so no drawing ahead."""


class DrawsRandom(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.draws = []

    def on_epoch_end(self, epoch, logs=None):
        self.draws.append(np.random.random())


def _fit(callbacks, verbose=0):
    keras.utils.set_random_seed(3)
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    model.compile(optimizer="sgd", loss="mse")
    x = np.random.default_rng(0).normal(size=(40, 3)).astype("float32")
    y = np.random.default_rng(1).normal(size=(40, 2)).astype("float32")
    np.random.seed(7)
    with redirect_stdout(io.StringIO()):
        history = model.fit(
            x, y, batch_size=8, epochs=4, verbose=verbose, callbacks=callbacks
        )
    return history.history["loss"], model.get_weights(), np.random.random()


@pytest.mark.parametrize("verbose", [0, 1])
def test_drawing_ahead_changes_nothing(verbose):
    ahead = _fit([], verbose)
    on_time = _fit([NoOp()], verbose)
    np.testing.assert_array_equal(ahead[0], on_time[0])
    for a, b in zip(ahead[1], on_time[1], strict=True):
        np.testing.assert_array_equal(a, b)
    assert ahead[2] == on_time[2]  # the RNG is where drawing on time leaves it


def test_a_callback_drawing_random_numbers_sees_keras_sequence():
    callback = DrawsRandom()
    _fit([callback])
    # Keras' sequence: the build-time draw, then per epoch the order, then
    # the callback's number.
    np.random.seed(7)
    np.random.permutation(40)
    expected = []
    for _ in range(4):
        np.random.permutation(40)
        expected.append(np.random.random())
    assert callback.draws == expected


def test_orders_follow_keras_sequence_and_stop_at_the_last_epoch():
    orders = EpochOrders(10, 4, True, CallbackList([History()]), epochs=2)
    np.random.seed(0)
    first = np.asarray(orders.next())
    orders.draw_ahead(0)
    second = np.asarray(orders.next())
    orders.draw_ahead(1)  # no epoch 2: nothing drawn
    after = np.random.random()
    np.random.seed(0)
    np.testing.assert_array_equal(first, np.random.permutation(10))
    np.testing.assert_array_equal(second, np.random.permutation(10))
    assert after == np.random.random()


def test_epoch_order_shuffle_modes():
    np.testing.assert_array_equal(epoch_order(5, 2, False), np.arange(5))
    order = epoch_order(5, 2, "batch")
    assert order.dtype == np.int32
    assert sorted(order[:2]) == [0, 1] and sorted(order[2:4]) == [2, 3]
    assert list(order[4:]) == [4]
