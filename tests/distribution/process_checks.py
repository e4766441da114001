"""One process of a two-process `fit` on localhost; prints one JSON dict.

Run as `python -m tests.distribution.process_checks PROCESS_ID PORT` with 2 CPU
devices per process (see `test_multi_host.py`). Each process passes `fit` its
own rows; `reference_data` says what one process with the same global batches
sees.
"""

import json
import sys

import numpy as np

import kerasish as keras
from kerasish import layers

LOCAL_TRAIN, LOCAL_VAL, BATCH, VAL_BATCH = 14, 6, 4, 2


def make_model() -> keras.Model:
    """The model both runs train, with fixed initial weights."""
    model = keras.Sequential(
        [
            keras.Input((5,)),
            layers.Dense(8, activation="relu", name="d0"),
            layers.BatchNormalization(name="bn"),
            layers.Dropout(0.25, name="drop"),
            layers.Dense(3, activation="softmax", name="d1"),
        ]
    )
    rng = np.random.default_rng(1)
    for name in ("d0", "d1"):
        layer = model.get_layer(name)
        layer.set_weights(
            [rng.normal(size=w.shape).astype("float32") for w in layer.get_weights()]
        )
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def process_data(process_id: int) -> tuple:
    """`(x, y, x_val, y_val)` of one process."""
    rng = np.random.default_rng(10 + process_id)
    n = LOCAL_TRAIN + LOCAL_VAL
    x, y = rng.normal(size=(n, 5)).astype("float32"), rng.integers(0, 3, n)
    return x[:LOCAL_TRAIN], y[:LOCAL_TRAIN], x[LOCAL_TRAIN:], y[LOCAL_TRAIN:]


def reference_data(num_processes: int = 2) -> tuple:
    """The data of one process whose batches are the global batches."""
    parts = [process_data(p) for p in range(num_processes)]

    def interleave(index: int, batch: int) -> np.ndarray:
        n = len(parts[0][index])
        return np.concatenate(
            [part[index][s : s + batch] for s in range(0, n, batch) for part in parts]
        )

    return tuple(
        interleave(i, BATCH if i < 2 else VAL_BATCH) for i in range(len(parts[0]))
    )


def fit(model: keras.Model, data: tuple, processes: int = 1) -> dict:
    """`fit` without shuffling (batch sizes of one process out of `processes`
    feeding the same global batches), then the history and final weights."""
    x, y, x_val, y_val = data
    history = model.fit(
        x,
        y,
        batch_size=BATCH * 2 // processes,
        epochs=2,
        shuffle=False,
        validation_data=(x_val, y_val),
        validation_batch_size=VAL_BATCH * 2 // processes,
        verbose=0,
    )
    return {
        "history": history.history,
        "weights": [w.tolist() for w in model.get_weights()],
    }


def main(process_id: int, port: int) -> None:
    keras.distribution.initialize(
        f"127.0.0.1:{port}", num_processes=2, process_id=process_id
    )
    keras.utils.set_random_seed(7)
    dist = keras.distribution.DataParallel(auto_shard_dataset=False)
    keras.distribution.set_distribution(dist)
    model = make_model()
    result = fit(model, process_data(process_id), processes=2)
    result["devices"] = keras.distribution.list_devices()
    result["num_processes"] = dist.num_processes
    print(json.dumps(result))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
