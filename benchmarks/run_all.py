"""Runs every benchmark and prints its output, then kerasish vs Keras 3 ratios.

Each `*_fit.py` / `calls.py` script times kerasish against hand-written JAX in
one process (medians, ratios). `keras_side.py` runs once under kerasish and,
when the reference environment `.venv-keras` exists, once under real Keras on
the same workloads.

Run: JAX_PLATFORMS=cpu python benchmarks/run_all.py (or without JAX_PLATFORMS
on a machine with a GPU, to time it there).
"""

import json
import os
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).parent
KERAS_PYTHON = HERE.parent / ".venv-keras" / "bin" / "python"
SCRIPTS = (
    "tiny_mlp_fit.py",
    "tiny_mlp_fit.py --verbose auto",
    "mlp_fit.py",
    "convnet_fit.py",
    "lstm_fit.py",
    "calls.py",
)


def _run(python, command):
    script, *args = command.split()
    # The caller's JAX_PLATFORMS picks the device (cpu in the README's command).
    env = {**os.environ, "KERAS_BACKEND": "jax"}
    done = subprocess.run(
        [str(python), str(HERE / script), *args],
        env=env,
        capture_output=True,
        text=True,
    )
    return done.stdout if done.returncode == 0 else done.stdout + done.stderr


def main():
    for command in SCRIPTS:
        print(f"== {command}\n{_run(sys.executable, command)}")
    ours = json.loads(_run(sys.executable, "keras_side.py").splitlines()[-1])
    if not KERAS_PYTHON.exists():
        print("(no .venv-keras: Keras ratios skipped)")
        return
    keras = json.loads(_run(KERAS_PYTHON, "keras_side.py").splitlines()[-1])
    print("== kerasish vs Keras 3 (same workloads, seconds)")
    for key, value in ours["results"].items():
        theirs = keras["results"][key]
        ratio = value / theirs
        print(f"{key:34s} kerasish {value:.2e}  keras {theirs:.2e}  {ratio:5.2f}x")


if __name__ == "__main__":
    main()
