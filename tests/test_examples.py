"""The README's quickstart and the tutorial examples run (examples/*.py)."""

import math
import os
import pathlib
import re
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_quickstart_trains_to_95_percent():
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "quickstart.py")],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert 'Model: "sequential"' in result.stdout
    assert "Epoch 30/30" in result.stdout
    accuracy = float(re.search(r"Test accuracy: ([0-9.]+)", result.stdout).group(1))
    assert accuracy >= 0.95


# Each tutorial script with the final metric lines it prints after `evaluate`.
TUTORIALS = {
    "mnist_convnet": [r"Test loss: (\S+)", r"Test accuracy: (\S+)"],
    "tabular_mlp": [r"Test loss \(MSE\): (\S+)", r"Test MAE: (\S+)"],
    "autoencoders": [
        r"Dense autoencoder test loss: (\S+)",
        r"Convolutional denoising autoencoder test loss: (\S+)",
    ],
    "imdb_bidirectional_lstm": [
        r"Validation loss: (\S+)",
        r"Validation accuracy: (\S+)",
    ],
    "addition_rnn": [r"Validation loss: (\S+)", r"Validation accuracy: (\S+)"],
    "timeseries_forecasting": [
        r"Validation MSE \(normalized temperature\): (\S+)",
        r"Naive last-reading forecast MSE: (\S+)",
    ],
    "transfer_learning": [r"Test loss: (\S+)", r"Test accuracy: (\S+)"],
    "custom_layer_model": [r"Test loss: (\S+)", r"Test accuracy: (\S+)"],
    "custom_train_step": [
        r"CustomModel test loss: (\S+) - test mae: (\S+)",
        r"LowLevelModel test loss: (\S+) - test mae: (\S+)",
    ],
}


@pytest.mark.parametrize("name", sorted(TUTORIALS))
def test_tutorial_runs_in_smoke_mode(name, tmp_path):
    # An empty Keras home: smoke mode must not read (or download) any dataset.
    env = {**os.environ, "JAX_PLATFORMS": "cpu", "KERAS_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / f"{name}.py"), "--smoke"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "/step" in result.stdout  # Keras' progress bar from `fit`
    for pattern in TUTORIALS[name]:
        match = re.search(pattern, result.stdout)
        assert match, f"{pattern!r} not in the output of {name}.py"
        assert all(math.isfinite(float(value)) for value in match.groups())
    assert list(tmp_path.iterdir()) == []
