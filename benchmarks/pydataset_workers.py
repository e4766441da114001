"""PyDataset with simulated I/O (a sleep in `__getitem__`): per-epoch `fit` time
with workers=1/2/4 against the pure step time (no sleep). Shows the prefetch
thread and the worker pool hiding host-side loading behind the device steps.

Run: JAX_PLATFORMS=cpu python benchmarks/pydataset_workers.py [sleep_s] [width]
"""

import sys
import time

import numpy as np

import kerasish as keras

SLEEP = float(sys.argv[1]) if len(sys.argv) > 1 else 0.02
N_BATCHES, BS, D = 20, 256, int(sys.argv[2]) if len(sys.argv) > 2 else 512
rng = np.random.default_rng(0)
X = rng.normal(size=(N_BATCHES * BS, D)).astype("float32")
Y = rng.integers(0, 10, size=(N_BATCHES * BS,)).astype("int32")


class Slow(keras.utils.PyDataset):
    def __init__(self, delay, **kw):
        super().__init__(**kw)
        self.delay = delay

    def __len__(self):
        return N_BATCHES

    def __getitem__(self, i):
        time.sleep(self.delay)
        return X[i * BS : (i + 1) * BS], Y[i * BS : (i + 1) * BS]


model = keras.Sequential(
    [
        keras.Input((D,)),
        keras.layers.Dense(2 * D, activation="relu"),
        keras.layers.Dense(2 * D, activation="relu"),
        keras.layers.Dense(10),
    ]
)
model.compile("adam", keras.losses.SparseCategoricalCrossentropy(from_logits=True))
model.fit(Slow(0.0), epochs=1, verbose=0, shuffle=False)  # compile


def epoch_time(ds, epochs=3):
    t = time.perf_counter()
    model.fit(ds, epochs=epochs, verbose=0, shuffle=False)
    return (time.perf_counter() - t) / epochs


pure = epoch_time(Slow(0.0))
w1 = epoch_time(Slow(SLEEP, workers=1))
w2 = epoch_time(Slow(SLEEP, workers=2))
w4 = epoch_time(Slow(SLEEP, workers=4))
print(
    f"backend={__import__('jax').default_backend()} "
    f"sleep/batch={SLEEP * 1e3:.0f}ms batches={N_BATCHES}"
)
print(f"pure step epoch : {pure * 1e3:7.1f} ms ({pure / N_BATCHES * 1e3:.1f} ms/step)")
print(
    f"serial I/O bound: {N_BATCHES * SLEEP * 1e3 + pure * 1e3:7.1f} ms "
    "(sleep+step, no overlap)"
)
print(f"workers=1       : {w1 * 1e3:7.1f} ms")
print(f"workers=2       : {w2 * 1e3:7.1f} ms")
print(f"workers=4       : {w4 * 1e3:7.1f} ms")
