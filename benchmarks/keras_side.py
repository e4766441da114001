"""The same workloads timed on real Keras 3 (JAX backend) and kerasish: the
tiny MLP fit, inference calls, medium fits (MLP 784-512-512-10, convnet,
LSTM; batch 128, 1024 samples) and the run's peak resident memory.

Run with either environment; the script imports `keras` when run by the
reference environment's Python, else `kerasish`:

    KERAS_BACKEND=jax JAX_PLATFORMS=cpu .venv-keras/bin/python benchmarks/keras_side.py
    JAX_PLATFORMS=cpu python benchmarks/keras_side.py

`benchmarks/run_all.py` runs both and prints the kerasish/Keras ratios.
"""

import json
import os
import resource
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


def _medium_models():
    """The medium workloads of the fit benchmarks (batch 128): an MLP
    784-512-512-10, the keras.io MNIST convnet and an LSTM(128) classifier."""
    dense = keras.layers.Dense
    mlp = keras.Sequential(
        [
            keras.Input((784,)),
            dense(512, activation="relu"),
            dense(512, activation="relu"),
            dense(10, activation="softmax"),
        ]
    )
    convnet = keras.Sequential(
        [
            keras.Input((28, 28, 1)),
            keras.layers.Conv2D(32, 3, activation="relu"),
            keras.layers.MaxPooling2D(2),
            keras.layers.Conv2D(64, 3, activation="relu"),
            keras.layers.MaxPooling2D(2),
            keras.layers.Flatten(),
            keras.layers.Dropout(0.5),
            dense(10, activation="softmax"),
        ]
    )
    lstm = keras.Sequential(
        [keras.Input((28, 28)), keras.layers.LSTM(128), dense(10, activation="softmax")]
    )
    return {"MLP 784-512-512-10": mlp, "convnet": convnet, "LSTM(128)": lstm}


def medium_fits(samples=1024):
    rng = np.random.default_rng(0)
    y = rng.integers(0, 10, size=(samples, 1)).astype("int32")
    shapes = {
        "MLP 784-512-512-10": (784,),
        "convnet": (28, 28, 1),
        "LSTM(128)": (28, 28),
    }
    results = {}
    for name, model in _medium_models().items():
        x = rng.random(size=(samples, *shapes[name]), dtype=np.float32)
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")

        def fit(model=model, x=x):
            model.fit(x, y, batch_size=128, epochs=1, verbose=0)

        results[f"{name} fit, s/epoch"] = _median(fit, 1, repeats=5)
    return results


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
    results.update(medium_fits())
    # Peak resident memory of this whole run (same workloads on both sides).
    results["peak RSS, MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"name": NAME, "results": results}))


if __name__ == "__main__":
    sys.exit(main())
