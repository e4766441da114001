import json
import os

import numpy as np
import pytest

import kerasish as keras
from kerasish import callbacks
from kerasish.callbacks.callback_list import CallbackList
from kerasish.saving.h5_store import CorruptFileError
from tests.callbacks import fit_problem
from tests.callbacks.fit_problem import WEIGHTS_EPOCH_5, X, Y, weights_close

# Expected epochs, metadata and weights were observed from Keras 3.15.1 (JAX)
# on the same fits.


class Interrupt(callbacks.Callback):
    """Raises at the start of `epoch`, or after train batch `batch` of it."""

    def __init__(self, epoch, batch=None):
        super().__init__()
        self.epoch, self.batch, self.current = epoch, batch, None

    def on_epoch_begin(self, epoch, logs=None):
        self.current = epoch
        if self.batch is None and epoch == self.epoch:
            raise RuntimeError("Interrupting!")

    def on_train_batch_end(self, batch, logs=None):
        if self.current == self.epoch and batch == self.batch:
            raise RuntimeError("Interrupting!")


def adam_model():
    model = keras.Sequential(
        [
            keras.Input((2,)),
            keras.layers.Dense(3, activation="tanh", name="hidden"),
            keras.layers.Dense(1, name="out"),
        ]
    )
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="mse")
    rng = np.random.default_rng(0)
    model.set_weights(
        [rng.normal(size=w.shape).astype("float32") for w in model.get_weights()]
    )
    return model


def fit(model, callback_list, epochs, batch_size=4):
    return model.fit(
        X,
        Y,
        batch_size=batch_size,
        epochs=epochs,
        shuffle=False,
        verbose=0,
        callbacks=callback_list,
    )


def test_resume_matches_uninterrupted_run_with_optimizer_state(tmp_path):
    reference = adam_model()
    fit(reference, [], epochs=6)
    model = adam_model()
    backup = callbacks.BackupAndRestore(tmp_path / "backup")
    with pytest.raises(RuntimeError, match="Interrupting!"):
        fit(model, [backup, Interrupt(3)], epochs=6)
    metadata = json.loads((tmp_path / "backup" / "training_metadata.json").read_text())
    assert metadata == {"epoch": 3, "batch": 0}
    # A new process: a fresh model and callback, the same backup_dir.
    resumed = adam_model()
    history = fit(resumed, [callbacks.BackupAndRestore(tmp_path / "backup")], 6)
    assert history.epoch == [3, 4, 5]
    for got, want in zip(resumed.get_weights(), reference.get_weights(), strict=True):
        np.testing.assert_array_equal(got, want)
    assert int(resumed.optimizer.iterations.numpy()) == 12
    for got, want in zip(
        resumed.optimizer.variables, reference.optimizer.variables, strict=True
    ):
        np.testing.assert_array_equal(got.numpy(), want.numpy())
    assert not (tmp_path / "backup").exists()  # deleted at the end


def test_batch_level_backup_replays_the_epoch(tmp_path):
    backup_dir = tmp_path / "backup"
    model = fit_problem.make_model()
    backup = callbacks.BackupAndRestore(backup_dir, save_freq=3)
    assert CallbackList([backup]).needs_batch_hooks("train")
    with pytest.raises(RuntimeError):
        fit(model, [backup, Interrupt(1, batch=2)], epochs=4, batch_size=2)
    assert sorted(os.listdir(backup_dir)) == [
        "latest.weights.h5",
        "training_metadata.json",
    ]
    metadata = (backup_dir / "training_metadata.json").read_text()
    assert metadata == '{"epoch": 1, "batch": 1}'
    resumed = fit_problem.make_model()
    cb = callbacks.BackupAndRestore(backup_dir, save_freq=3, delete_checkpoint=False)
    history = fit(resumed, [cb], epochs=4, batch_size=2)
    assert history.epoch == [1, 2, 3]
    expected = [[[0.6741443872451782], [-1.8616271018981934]], [0.5394625067710876]]
    assert weights_close(resumed, expected)
    assert int(resumed.optimizer.iterations.numpy()) == 18
    metadata = (backup_dir / "training_metadata.json").read_text()
    assert metadata == '{"epoch": 3, "batch": 3}'


def test_double_checkpoint_restores_previous_backup(tmp_path):
    backup_dir = tmp_path / "backup"
    backup = callbacks.BackupAndRestore(backup_dir, double_checkpoint=True)
    with pytest.raises(RuntimeError):
        fit(fit_problem.make_model(), [backup, Interrupt(3)], epochs=5)
    assert sorted(os.listdir(backup_dir)) == [
        "latest.weights.h5",
        "latest.weights.h5.bkp",
        "training_metadata.json",
        "training_metadata.json.bkp",
    ]
    assert (backup_dir / "training_metadata.json.bkp").read_text() == (
        '{"epoch": 2, "batch": 0}'
    )
    (backup_dir / "latest.weights.h5").write_bytes(b"garbage")
    resumed = fit_problem.make_model()
    cb = callbacks.BackupAndRestore(backup_dir, double_checkpoint=True)
    history = fit(resumed, [cb], epochs=5)
    assert history.epoch == [2, 3, 4]
    assert weights_close(resumed, WEIGHTS_EPOCH_5)
    assert not backup_dir.exists()


def test_corrupted_backup_without_previous_raises(tmp_path):
    backup_dir = tmp_path / "backup"
    backup_dir.mkdir()
    (backup_dir / "latest.weights.h5").write_bytes(b"garbage")
    # Keras raises h5py's OSError; kerasish's loader a `CorruptFileError`.
    with pytest.raises((OSError, CorruptFileError), match="latest.weights.h5"):
        fit(fit_problem.make_model(), [callbacks.BackupAndRestore(backup_dir)], 1)


def test_no_backup_trains_from_scratch(tmp_path):
    model = keras.Sequential([keras.layers.Dense(1)])  # built by fit, as in Keras
    model.compile(optimizer="sgd", loss="mse")
    history = fit(model, [callbacks.BackupAndRestore(tmp_path / "b")], epochs=2)
    assert history.epoch == [0, 1] and not (tmp_path / "b").exists()


def test_argument_errors():
    with pytest.raises(ValueError) as info:
        callbacks.BackupAndRestore("")
    assert str(info.value) == "Empty `backup_dir` argument passed"
    with pytest.raises(ValueError) as info:
        callbacks.BackupAndRestore("x", save_freq="batch")
    assert str(info.value) == (
        "Invalid value for argument `save_freq`. Received: save_freq=batch. "
        "Expected either 'epoch' or an integer value."
    )
    cb = callbacks.BackupAndRestore("x")
    assert (cb.save_freq, cb.double_checkpoint, cb.delete_checkpoint) == (
        "epoch",
        False,
        True,
    )
    assert not CallbackList([cb]).needs_batch_hooks("train")
