"""The same small workloads timed on real Keras 3 (JAX backend) and kerasish.

Run with either environment; the script imports `keras` when run by the
reference environment's Python, else `kerasish`:

    KERAS_BACKEND=jax JAX_PLATFORMS=cpu .venv-keras/bin/python benchmarks/keras_side.py
    JAX_PLATFORMS=cpu python benchmarks/keras_side.py

`benchmarks/run_all.py` runs both and prints the kerasish/Keras ratios.
"""

import json
import os
import statistics
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
    print(json.dumps({"name": NAME, "results": results}))


if __name__ == "__main__":
    sys.exit(main())
