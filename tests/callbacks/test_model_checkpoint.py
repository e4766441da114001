import os
import warnings

import numpy as np
import pytest

import kerasish as keras
from kerasish import callbacks
from kerasish.callbacks.callback_list import CallbackList
from tests.callbacks import fit_problem
from tests.callbacks.fit_problem import WEIGHTS_EPOCH_3, run, weights_close

# Every expected file list, message and weight below was observed from Keras
# 3.15.1 (JAX backend) on the same fit (tests/callbacks/fit_problem.py).


def test_defaults():
    cb = callbacks.ModelCheckpoint("m.keras")
    assert (cb.monitor, cb.verbose, cb.save_best_only, cb.save_weights_only) == (
        "val_loss",
        0,
        False,
        False,
    )
    assert (cb.mode, cb.save_freq, cb.best) == ("auto", "epoch", None)
    # Epoch-level saving keeps fit's steps fused; batch-level does not.
    assert not CallbackList([cb]).needs_batch_hooks("train")
    batched = callbacks.ModelCheckpoint("m.keras", save_freq=2)
    assert CallbackList([batched]).needs_batch_hooks("train")


def test_save_best_only_templates_and_messages(tmp_path):
    path = str(tmp_path / "{epoch:02d}-{val_loss:.2f}.keras")
    cb = callbacks.ModelCheckpoint(path, save_best_only=True, verbose=1)
    _, _, out = run([cb], epochs=5)
    assert sorted(os.listdir(tmp_path)) == [
        "01-0.14.keras",
        "02-0.12.keras",
        "03-0.12.keras",
    ]
    d = str(tmp_path)
    assert out == (
        f"\nEpoch 1: val_loss improved from None to 0.14004, saving model to "
        f"{d}/01-0.14.keras\n"
        f"\nEpoch 1: finished saving model to {d}/01-0.14.keras\n"
        f"\nEpoch 2: val_loss improved from 0.14004 to 0.12131, saving model to "
        f"{d}/02-0.12.keras\n"
        f"\nEpoch 2: finished saving model to {d}/02-0.12.keras\n"
        f"\nEpoch 3: val_loss improved from 0.12131 to 0.11740, saving model to "
        f"{d}/03-0.12.keras\n"
        f"\nEpoch 3: finished saving model to {d}/03-0.12.keras\n"
        "\nEpoch 4: val_loss did not improve from 0.11740\n"
        "\nEpoch 5: val_loss did not improve from 0.11740\n"
    )
    restored = keras.models.load_model(tmp_path / "03-0.12.keras")
    assert weights_close(restored, WEIGHTS_EPOCH_3)


def test_initial_value_threshold_overwrites_one_file(tmp_path):
    path = str(tmp_path / "best.keras")
    cb = callbacks.ModelCheckpoint(
        path, save_best_only=True, initial_value_threshold=0.12, verbose=1
    )
    _, _, out = run([cb], epochs=5)
    assert os.listdir(tmp_path) == ["best.keras"]
    assert out.startswith(
        "\nEpoch 1: val_loss did not improve from 0.12000\n"
        "\nEpoch 2: val_loss did not improve from 0.12000\n"
        "\nEpoch 3: val_loss improved from 0.12000 to 0.11740, saving model to "
    )
    assert weights_close(keras.models.load_model(path), WEIGHTS_EPOCH_3)


def test_mode_max_on_loss(tmp_path):
    path = str(tmp_path / "{epoch:02d}-{loss:.3f}.keras")
    cb = callbacks.ModelCheckpoint(
        path, monitor="loss", mode="max", save_best_only=True, verbose=1
    )
    _, _, out = run([cb], epochs=5, val=False)
    assert sorted(os.listdir(tmp_path)) == ["01-0.326.keras", "02-0.330.keras"]
    assert out.endswith(
        "\nEpoch 2: loss improved from 0.32634 to 0.32964, saving model to "
        f"{tmp_path}/02-0.330.keras\n"
        f"\nEpoch 2: finished saving model to {tmp_path}/02-0.330.keras\n"
        "\nEpoch 3: loss did not improve from 0.32964\n"
        "\nEpoch 4: loss did not improve from 0.32964\n"
        "\nEpoch 5: loss did not improve from 0.32964\n"
    )


def test_missing_monitor_warns_and_saves(tmp_path):
    path = str(tmp_path / "m{epoch}.weights.h5")
    cb = callbacks.ModelCheckpoint(path, save_weights_only=True, save_best_only=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        run([cb], epochs=2, val=False)
    messages = [str(w.message) for w in caught]
    assert messages.count("Can save best model only with val_loss available.") == 2
    assert sorted(os.listdir(tmp_path)) == ["m1.weights.h5", "m2.weights.h5"]


def test_batch_level_saves_sync_mid_epoch_weights(tmp_path):
    path = str(tmp_path / "e{epoch}-b{batch}.weights.h5")
    cb = callbacks.ModelCheckpoint(path, save_weights_only=True, save_freq=3, verbose=1)
    _, _, out = run([cb], epochs=3, val=False)
    assert sorted(os.listdir(tmp_path)) == ["e2-b1.weights.h5", "e3-b2.weights.h5"]
    assert out == (
        f"\nEpoch 2: saving model to {tmp_path}/e2-b1.weights.h5\n"
        f"\nEpoch 2: finished saving model to {tmp_path}/e2-b1.weights.h5\n"
        f"\nEpoch 3: saving model to {tmp_path}/e3-b2.weights.h5\n"
        f"\nEpoch 3: finished saving model to {tmp_path}/e3-b2.weights.h5\n"
    )
    # Saved after the 3rd step (epoch 2, batch 1), not the epoch-1 weights.
    restored = fit_problem.make_model()
    restored.load_weights(tmp_path / "e2-b1.weights.h5")
    expected = [[[0.3973838686943054], [-0.6133553981781006]], [0.20539328455924988]]
    assert weights_close(restored, expected)
    assert int(restored.optimizer.iterations.numpy()) == 3


def test_save_freq_with_steps_per_execution(tmp_path):
    model = fit_problem.make_model()
    model.compile(
        optimizer=keras.optimizers.SGD(0.5), loss="mse", steps_per_execution=2
    )
    model.set_weights(fit_problem.INITIAL_WEIGHTS)
    path = str(tmp_path / "e{epoch}-b{batch}.weights.h5")
    cb = callbacks.ModelCheckpoint(path, save_weights_only=True, save_freq=3)
    x = np.concatenate([fit_problem.X] * 2)
    y = np.concatenate([fit_problem.Y] * 2)
    model.fit(x, y, batch_size=2, epochs=2, shuffle=False, verbose=0, callbacks=[cb])
    # Batch ends arrive every 2 batches: the count passes 3 at batches 4 and 8.
    assert sorted(os.listdir(tmp_path)) == [
        "e1-b4.weights.h5",
        "e1-b8.weights.h5",
        "e2-b4.weights.h5",
        "e2-b8.weights.h5",
    ]


def test_missing_template_key(tmp_path):
    path = str(tmp_path / "{epoch}-{acc:.2f}.keras")
    with pytest.raises(KeyError) as info:
        run([callbacks.ModelCheckpoint(path)], epochs=1)
    assert str(info.value) == repr(
        f"Failed to format this callback filepath: \"{path}\". Reason: 'acc'"
    )


def test_existing_directory(tmp_path):
    path = tmp_path / "dir.keras"
    path.mkdir()
    with pytest.raises(OSError) as info:
        run([callbacks.ModelCheckpoint(path)], epochs=1)
    assert str(info.value) == (
        "Please specify a non-directory filepath for ModelCheckpoint. "
        f"Filepath used is an existing directory: {path}"
    )


def test_argument_errors():
    with pytest.raises(ValueError) as info:
        callbacks.ModelCheckpoint("/tmp/x.keras", save_weights_only=True)
    assert str(info.value) == (
        "When using `save_weights_only=True` in `ModelCheckpoint`, the filepath "
        "provided must end in `.weights.h5` (Keras weights format). Received: "
        "filepath=/tmp/x.keras"
    )
    with pytest.raises(ValueError) as info:
        callbacks.ModelCheckpoint("/tmp/x.keras", save_freq="batch")
    assert str(info.value) == (
        "Unrecognized save_freq: batch. Expected save_freq are 'epoch' or "
        "integer values"
    )
    with pytest.raises(ValueError, match="must end in `.keras`"):
        callbacks.ModelCheckpoint("/tmp/x.npz")
    # Keras accepts any `.h5` for a full-model checkpoint.
    callbacks.ModelCheckpoint("/tmp/x.weights.h5")


def test_most_recently_modified_file(tmp_path):
    cb = callbacks.ModelCheckpoint(str(tmp_path / "m{epoch:02d}.keras"))
    for i, name in enumerate(["m01.keras", "m03.keras", "m02.keras", "x.keras"]):
        (tmp_path / name).write_text("")
        os.utime(tmp_path / name, (100 + i, 100 + i))
    pattern = str(tmp_path / "m{epoch:02d}.keras")
    latest = cb._get_most_recently_modified_file_matching_pattern(pattern)
    assert latest == str(tmp_path / "m02.keras")
    # A tie: Keras returns the largest matching name of all, not of the tied.
    os.utime(tmp_path / "m01.keras", (102, 102))
    latest = cb._get_most_recently_modified_file_matching_pattern(pattern)
    assert latest == str(tmp_path / "m03.keras")
    assert cb._checkpoint_exists(latest)
