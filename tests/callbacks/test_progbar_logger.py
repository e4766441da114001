"""`ProgbarLogger`: the last step's line, when deferred to the next hook, is
drawn byte for byte as it would have been drawn on time."""

import contextlib
import io

import numpy as np
import pytest

import kerasish as keras
from kerasish import callbacks, layers
from kerasish.utils import progbar


class TickingClock:
    """`time.time()` that advances 0.25 s per call."""

    def __init__(self):
        self.t = 1000.0

    def time(self):
        self.t += 0.25
        return self.t


class CountingArray:
    """A stand-in for a device array that counts host reads."""

    reads = 0

    def __init__(self, value):
        self.value = np.float32(value)

    def __array__(self, dtype=None, copy=None):
        type(self).reads += 1
        return np.asarray(self.value, dtype=dtype)


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    monkeypatch.setattr(progbar, "time", TickingClock())


def _epoch(logger, steps):
    logger.on_train_begin()
    logger.on_epoch_begin(0)
    for batch in range(steps):
        logger.on_train_batch_end(batch, {"loss": CountingArray(0.5 + batch)})


def _logger(defer):
    logger = callbacks.ProgbarLogger()
    logger.set_params({"verbose": 1, "epochs": 2, "steps": 3})
    logger.defer_last_step = defer
    return logger


def _printed(run):
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        run()
    return buffer.getvalue()


def test_deferred_line_is_drawn_at_the_next_hook_as_on_time():
    on_time = _logger(defer=False)
    before_end = _printed(lambda: _epoch(on_time, 3))
    at_end = _printed(lambda: on_time.on_epoch_end(0, {"loss": 2.0}))

    deferred = _logger(defer=True)
    CountingArray.reads = 0
    deferred_before_end = _printed(lambda: _epoch(deferred, 3))
    # The last step's value is neither read nor drawn before the next hook.
    assert CountingArray.reads == 2
    assert before_end.startswith(deferred_before_end) and deferred_before_end
    last_line = before_end[len(deferred_before_end) :]
    assert "3/3" in last_line and "loss: 2.5000" in last_line
    deferred_at_end = _printed(lambda: deferred.on_epoch_end(0, {"loss": 2.0}))
    assert CountingArray.reads == 3
    assert deferred_at_end == last_line + at_end


def _fit(extra_callbacks):
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((3,)), layers.Dense(2), layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
    x = np.random.default_rng(0).normal(size=(40, 3)).astype("float32")
    model.fit(
        x,
        x[:, :1],
        batch_size=8,
        epochs=2,
        validation_split=0.25,
        callbacks=extra_callbacks,
    )


def test_fit_output_is_the_same_deferred_or_not():
    deferred = _printed(lambda: _fit([]))  # History and the progress bar alone
    on_time = _printed(lambda: _fit([callbacks.Callback()]))  # any other one
    assert deferred == on_time
    assert deferred.count("Epoch") == 2 and deferred.count("val_loss") == 2
