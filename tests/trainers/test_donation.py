"""Donated train state (the accelerator default, forced on here): the same
training as without donation, and the variables never lose their arrays."""

import jax
import numpy as np
import pytest

import kerasish as keras
from kerasish.trainers import loops


class ReadsWeights(keras.callbacks.Callback):
    """Reads the model mid-epoch: the variables get a copy of the running state."""

    def __init__(self):
        super().__init__()
        self.sums = []

    def on_train_batch_end(self, batch, logs=None):
        self.sums.append(sum(float(np.sum(w)) for w in self.model.get_weights()))


def _run(donate, callbacks):
    keras.utils.set_random_seed(0)
    np.random.seed(0)
    model = keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(8, activation="relu"),
            keras.layers.Dense(1),
        ]
    )
    model.compile(optimizer="adam", loss="mse", metrics=["mae"], steps_per_execution=2)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(44, 4)).astype("float32")
    y = rng.normal(size=(44, 1)).astype("float32")
    model.train_on_batch(x[:8], y[:8])  # builds the runtime
    model._runtime.donate = donate
    model._runtime._runners.clear()
    history = model.fit(
        x, y, batch_size=8, epochs=3, verbose=0, validation_split=0.25,
        callbacks=callbacks,
    )  # fmt: skip
    evaluated = model.evaluate(x, y, batch_size=8, verbose=0)
    trained = model.train_on_batch(x[:8], y[:8])
    return model, history.history, evaluated, trained


@pytest.mark.parametrize("read_mid_epoch", [False, True])
def test_donation_trains_the_same(read_mid_epoch):
    results = []
    for donate in (False, True):
        callbacks = [ReadsWeights()] if read_mid_epoch else []
        model, *numbers = _run(donate, callbacks)
        weights = model.get_weights()  # readable: never a donated buffer
        results.append((numbers, weights, [c.sums for c in callbacks]))
    (plain, plain_w, plain_sums), (donated, donated_w, donated_sums) = results
    assert plain == donated
    assert plain_sums == donated_sums
    for a, b in zip(plain_w, donated_w, strict=True):
        np.testing.assert_array_equal(a, b)


def test_runner_reuses_the_state_it_was_given_not_the_variables():
    model, *_ = _run(True, [])
    runtime = model._runtime
    ts = loops.collect_state(model, runtime, reset_metrics=True)
    data = (np.zeros((16, 4), "float32"), np.zeros((16, 1), "float32"), None)
    order = jax.device_put(np.arange(16, dtype=np.int32))
    run = runtime.runner("train", 8, "loop")
    run(ts, data, order, np.int32(0), np.int32(2))
    assert all(leaf.is_deleted() for leaf in jax.tree_util.tree_leaves(ts.params))
    assert not any(v.value.is_deleted() for v in model.weights)
