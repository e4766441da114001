import numpy as np
import pytest

import kerasish as keras
from kerasish import layers


def _model():
    model = keras.Sequential([keras.Input((2,)), layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    return model


def _nan_data():
    x = np.ones((32, 2), "float32")
    x[20] = np.nan
    return x, np.zeros((32, 1), "float32")


def test_stops_training_on_nan_loss(capsys):
    history = _model().fit(
        *_nan_data(),
        batch_size=4,
        epochs=3,
        verbose=0,
        callbacks=[keras.callbacks.TerminateOnNaN()],
        shuffle=False,
    )
    assert "Invalid loss, terminating training" in capsys.readouterr().out
    assert len(history.history["loss"]) == 1
    assert np.isnan(history.history["loss"][0])


def test_raise_error_mode():
    with pytest.raises(RuntimeError, match="NaN or Inf loss"):
        _model().fit(
            *_nan_data(),
            batch_size=4,
            verbose=0,
            shuffle=False,
            callbacks=[keras.callbacks.TerminateOnNaN(raise_error=True)],
        )


def test_finite_loss_trains_all_epochs():
    x = np.ones((8, 2), "float32")
    history = _model().fit(
        x,
        np.zeros((8, 1)),
        epochs=2,
        verbose=0,
        callbacks=[keras.callbacks.TerminateOnNaN()],
    )
    assert len(history.history["loss"]) == 2
