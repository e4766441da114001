"""The same workloads timed on real Keras 3 (JAX backend) and kerasish: the
tiny MLP fit, inference calls, medium fits (MLP 784-512-512-10, convnet,
LSTM; batch 128, 1024 samples), and each medium fit's peak resident memory
in a fresh process.

Run with either environment; the script imports `keras` when run by the
reference environment's Python, else `kerasish`:

    KERAS_BACKEND=jax JAX_PLATFORMS=cpu .venv-keras/bin/python benchmarks/keras_side.py
    JAX_PLATFORMS=cpu python benchmarks/keras_side.py

`benchmarks/run_all.py` runs both and prints the kerasish/Keras ratios.
"""

import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "jax")
try:
    import keras  # the reference environment

    NAME = "keras"
except ImportError:
    import kerasish as keras

    NAME = "kerasish"


def _median(fn, number, repeats=5):
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return statistics.median(times)


def _mlp():
    return keras.Sequential(
        [
            keras.Input((8,)),
            keras.layers.Dense(32, activation="relu"),
            keras.layers.Dense(1),
        ]
    )


SHAPES = {"MLP 784-512-512-10": (784,), "convnet": (28, 28, 1), "LSTM(128)": (28, 28)}


def _medium_model(name):
    """The medium workloads of the fit benchmarks (batch 128): an MLP
    784-512-512-10, the keras.io MNIST convnet and an LSTM(128) classifier."""
    dense = keras.layers.Dense
    if name == "convnet":
        body = [
            keras.layers.Conv2D(32, 3, activation="relu"),
            keras.layers.MaxPooling2D(2),
            keras.layers.Conv2D(64, 3, activation="relu"),
            keras.layers.MaxPooling2D(2),
            keras.layers.Flatten(),
            keras.layers.Dropout(0.5),
        ]
    elif name == "LSTM(128)":
        body = [keras.layers.LSTM(128)]
    else:
        body = [dense(512, activation="relu"), dense(512, activation="relu")]
    model = keras.Sequential(
        [keras.Input(SHAPES[name]), *body, dense(10, activation="softmax")]
    )
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    return model


def _medium_fit(name, samples=1024):
    rng = np.random.default_rng(0)
    x = rng.random(size=(samples, *SHAPES[name]), dtype=np.float32)
    y = rng.integers(0, 10, size=(samples, 1)).astype("int32")
    model = _medium_model(name)
    return lambda: model.fit(x, y, batch_size=128, epochs=1, verbose=0)


def peak_rss(name):
    """Peak resident memory (MB) of a fresh process that builds the workload's
    model and fits it three times (imports included)."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import keras_side as k; "
        "fit = k._medium_fit(sys.argv[2]); [fit() for _ in range(3)]; "
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent
        # through fork + exec.
        "print([l.split()[1] for l in open('/proc/self/status') "
        "if l.startswith('VmHWM')][0])"
    )
    here = os.path.dirname(os.path.abspath(__file__))
    done = subprocess.run(
        [sys.executable, "-c", code, here, name],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.split()[-1]) / 1024


def main():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(4096, 8)).astype("float32")
    y = rng.normal(size=(4096, 1)).astype("float32")
    model = _mlp()
    model.compile(optimizer="sgd", loss="mse")
    start = time.perf_counter()
    model.fit(x[:32], y[:32], batch_size=32, epochs=1, verbose=0)
    first_fit = time.perf_counter() - start
    one, batch = x[:1], x[:32]
    results = {
        "tiny MLP fit, s/epoch": _median(
            lambda: model.fit(x, y, batch_size=32, epochs=1, verbose=0), 3
        ),
        "first fit (trace + compile), s": first_fit,
        "predict 1 sample, s": _median(lambda: model.predict(one, verbose=0), 50),
        "predict_on_batch, s": _median(lambda: model.predict_on_batch(batch), 100),
        "eager model(x), s": _median(lambda: np.asarray(model(batch)), 100),
        "bulk predict 10k, s": _median(
            lambda: model.predict(np.tile(x, (3, 1))[:10_000], verbose=0), 2
        ),
    }
    for name in SHAPES:
        results[f"{name} fit, s/epoch"] = _median(_medium_fit(name), 1)
    for name in SHAPES:
        results[f"{name} fit, peak RSS MB"] = peak_rss(name)
    print(json.dumps({"name": NAME, "results": results}))


if __name__ == "__main__":
    sys.exit(main())
