import numpy as np
import pytest

import kerasish as keras
from kerasish import layers


def _data(n=40, features=8, classes=3, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, features)).astype("float32")
    y = rng.integers(0, classes, size=(n,))
    return x, y


def _model(classes=3):
    model = keras.Sequential(
        [
            keras.Input((8,)),
            layers.Dense(16, activation="relu"),
            layers.Dense(classes, activation="softmax"),
        ]
    )
    model.compile(
        optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"]
    )
    return model


@pytest.fixture(scope="module")
def trained():
    x, y = _data()
    model = _model()
    history = model.fit(x, y, batch_size=16, epochs=3, validation_split=0.25, verbose=0)
    return model, history, x, y


def test_history_keys_and_params(trained):
    _, history, _, _ = trained
    assert sorted(history.history) == ["accuracy", "loss", "val_accuracy", "val_loss"]
    assert all(len(v) == 3 for v in history.history.values())
    assert history.params == {"verbose": 0, "epochs": 3, "steps": 2}
    assert history.epoch == [0, 1, 2]


def test_training_learns_a_learnable_task():
    keras.utils.set_random_seed(0)
    x, _ = _data(n=64)
    y = np.argmax(x[:, :3], axis=-1)
    model = _model()
    model.compile(
        optimizer=keras.optimizers.Adam(0.05),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    history = model.fit(x, y, epochs=20, batch_size=16, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0] * 0.5
    assert history.history["accuracy"][-1] > 0.9


def test_evaluate_return_forms(trained):
    model, _, x, y = trained
    values = model.evaluate(x, y, verbose=0)
    assert isinstance(values, list) and len(values) == 2
    as_dict = model.evaluate(x, y, verbose=0, return_dict=True)
    assert list(as_dict) == ["accuracy", "loss"]
    np.testing.assert_allclose(
        values, [as_dict["loss"], as_dict["accuracy"]], rtol=1e-6
    )


def test_evaluate_loss_only_returns_scalar():
    x, _ = _data()
    model = keras.Sequential([keras.Input((8,)), layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    value = model.evaluate(x, x[:, :1], verbose=0)
    assert isinstance(value, float)
    expected = np.mean((np.asarray(model.predict(x, verbose=0)) - x[:, :1]) ** 2)
    np.testing.assert_allclose(value, expected, rtol=1e-5)


def test_predict_returns_numpy_in_order(trained):
    model, _, x, _ = trained
    out = model.predict(x, verbose=0)
    assert isinstance(out, np.ndarray) and out.shape == (40, 3)
    np.testing.assert_allclose(out, np.asarray(model(x)), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(
        model.predict_on_batch(x[:3]), out[:3], rtol=1e-5, atol=1e-6
    )
    np.testing.assert_allclose(
        model.predict(x[:1], verbose=0), out[:1], rtol=1e-5, atol=1e-6
    )


def test_reported_loss_is_running_mean_over_batches():
    # With lr=0 the weights never move, so Keras' running mean (weighted by
    # batch size) equals the loss over the whole data set.
    x, y = _data(n=10)
    model = keras.Sequential([keras.Input((8,)), layers.Dense(3, activation="softmax")])
    model.compile(
        optimizer=keras.optimizers.SGD(learning_rate=0.0),
        loss="sparse_categorical_crossentropy",
    )
    history = model.fit(x, y, batch_size=4, epochs=1, verbose=0, shuffle=False)
    np.testing.assert_allclose(
        history.history["loss"][0],
        model.evaluate(x, y, batch_size=10, verbose=0),
        rtol=1e-5,
    )


@pytest.mark.parametrize("verbose", [0, 1])
def test_second_fit_does_not_retrace(verbose):
    # With a progress bar, calls change length once steps are timed (one
    # compiled loop serves them all).
    x, y = _data()
    model = _model()
    model.fit(x, y, batch_size=16, epochs=3, verbose=verbose, validation_split=0.25)
    model.evaluate(x, y, batch_size=16, verbose=verbose)

    def cache_sizes():
        return {k: r._cache_size() for k, r in model._runtime._runners.items()}

    before = cache_sizes()
    assert all(size == 1 for size in before.values())
    model.fit(x, y, batch_size=16, epochs=2, verbose=0, validation_split=0.25)
    model.fit(x, y, batch_size=16, epochs=2, verbose=1, validation_split=0.25)
    model.evaluate(x, y, batch_size=16, verbose=0)
    assert cache_sizes() == before


def test_fit_before_compile_raises_keras_message():
    model = keras.Sequential([keras.Input((8,)), layers.Dense(1)])
    with pytest.raises(
        ValueError, match=r"You must call `compile\(\)` before using the model."
    ):
        model.fit(np.ones((4, 8)), np.ones((4, 1)))


def test_mismatched_lengths_raise():
    model = _model()
    with pytest.raises(ValueError, match="'x' sizes: 10\n'y' sizes: 9"):
        model.fit(np.ones((10, 8)), np.zeros(9), verbose=0)


def test_sparse_labels_out_of_range_raise_before_training():
    model = _model()
    before = model.get_weights()
    with pytest.raises(ValueError, match="3"):
        model.fit(np.ones((4, 8)), np.array([0, 1, 2, 3]), verbose=0)
    for got, want in zip(model.get_weights(), before, strict=True):
        np.testing.assert_array_equal(got, want)


def test_sample_weight_zero_ignores_samples():
    x, y = _data(n=8)
    model = _model()
    w = np.array([1, 1, 1, 1, 0, 0, 0, 0], "float32")
    full = model.evaluate(
        x, y, sample_weight=w, batch_size=8, return_dict=True, verbose=0
    )
    model2 = _model()
    model2.set_weights(model.get_weights())
    model2.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    # sum_over_batch_size: weighted sum divided by the batch size (8), as Keras.
    half = model2.evaluate(x[:4], y[:4], batch_size=4, verbose=0)
    np.testing.assert_allclose(full["loss"], half / 2, rtol=1e-5)


def test_callbacks_hooks_order_and_stop_training():
    events = []

    class Recorder(keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            events.append("train_begin")

        def on_epoch_begin(self, epoch, logs=None):
            events.append(f"epoch_begin{epoch}")

        def on_train_batch_end(self, batch, logs=None):
            events.append(f"batch{batch}")
            assert set(logs) == {"accuracy", "loss"}

        def on_epoch_end(self, epoch, logs=None):
            events.append(f"epoch_end{epoch}")
            self.model.stop_training = True

        def on_train_end(self, logs=None):
            events.append("train_end")

    x, y = _data(n=20)
    model = _model()
    model.fit(x, y, batch_size=8, epochs=5, verbose=0, callbacks=[Recorder()])
    assert events == [
        "train_begin",
        "epoch_begin0",
        "batch0",
        "batch1",
        "batch2",
        "epoch_end0",
        "train_end",
    ]


def test_learning_rate_change_in_callback_without_recompiling():
    class Zero(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            self.model.optimizer.learning_rate = 0.0

    x, y = _data()
    model = _model()
    model.fit(x, y, epochs=1, verbose=0, callbacks=[Zero()])
    before = model.get_weights()
    model.fit(x, y, epochs=1, verbose=0)
    for got, want in zip(model.get_weights(), before, strict=True):
        np.testing.assert_array_equal(got, want)


def test_train_and_test_on_batch():
    x, y = _data(n=8)
    model = _model()
    loss, acc = model.train_on_batch(x, y)
    assert np.isfinite(loss) and 0 <= acc <= 1
    logs = model.test_on_batch(x, y, return_dict=True)
    assert sorted(logs) == ["accuracy", "loss"]


def test_class_weight_scales_loss():
    x, y = _data(n=16)
    model = _model()
    model.compile(
        optimizer=keras.optimizers.SGD(learning_rate=0.0),
        loss="sparse_categorical_crossentropy",
    )
    plain = model.fit(x, y, batch_size=16, verbose=0).history["loss"][0]
    doubled = model.fit(
        x, y, batch_size=16, verbose=0, class_weight={0: 2.0, 1: 2.0, 2: 2.0}
    ).history["loss"][0]
    np.testing.assert_allclose(doubled, 2 * plain, rtol=1e-5)


def test_verbose_one_prints_keras_progress_bar(capsys):
    x, y = _data()
    model = _model()
    model.fit(x, y, batch_size=16, epochs=2, verbose=1)
    out = capsys.readouterr().out
    assert "Epoch 1/2" in out and "Epoch 2/2" in out
    assert "3/3" in out and "━" in out and "accuracy:" in out and "loss:" in out


def test_regularization_losses_are_added_to_the_training_loss():
    x = np.ones((4, 2), "float32")
    model = keras.Sequential(
        [
            keras.Input((2,)),
            layers.Dense(
                1,
                kernel_initializer="ones",
                kernel_regularizer=keras.regularizers.L2(0.5),
            ),
        ]
    )
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss="mse")
    history = model.fit(x, np.full((4, 1), 2.0, "float32"), verbose=0)
    # Prediction is exactly 2 (zero data loss); the penalty is 0.5 * (1 + 1).
    np.testing.assert_allclose(history.history["loss"][0], 1.0, rtol=1e-6)


def test_raw_optax_transformation_is_accepted():
    import optax

    x, y = _data()
    model = _model()
    model.compile(optimizer=optax.sgd(0.1), loss="sparse_categorical_crossentropy")
    before = model.get_weights()[0].copy()
    model.fit(x, y, epochs=1, verbose=0)
    assert np.any(model.get_weights()[0] != before)


def test_validation_data_initial_epoch_and_weighted_metrics():
    x, y = _data()
    model = _model()
    model.compile(
        optimizer="adam",
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
        weighted_metrics=["accuracy"],
    )
    history = model.fit(
        x, y, validation_data=(x[:8], y[:8]), epochs=3, initial_epoch=1, verbose=0
    )
    assert history.epoch == [1, 2]
    assert sorted(history.history) == [
        "accuracy",
        "loss",
        "val_accuracy",
        "val_loss",
        "val_weighted_accuracy",
        "weighted_accuracy",
    ]


def test_steps_per_epoch_limits_batches():
    seen = []

    class Count(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            seen.append(batch)

    x, y = _data()
    _model().fit(x, y, batch_size=8, steps_per_epoch=2, verbose=0, callbacks=[Count()])
    assert seen == [0, 1]


def test_learning_rate_set_in_on_epoch_begin_applies_to_that_epoch():
    class FreezeFromSecondEpoch(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            if epoch == 1:
                self.model.optimizer.learning_rate = 0.0

    class Snapshot(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.weights = []

        def on_epoch_end(self, epoch, logs=None):
            self.weights.append(self.model.get_weights())

    x, y = _data()
    snapshot = Snapshot()
    _model().fit(
        x, y, epochs=2, verbose=0, callbacks=[FreezeFromSecondEpoch(), snapshot]
    )
    for first, second in zip(*snapshot.weights, strict=True):
        np.testing.assert_array_equal(first, second)
