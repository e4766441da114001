"""Mixed precision speed-up: the same `fit` under the "float32" and the
"mixed_bfloat16" (or "mixed_float16") global policy, side by side in one
process (rounds alternate). Variables stay float32; layers compute in the
policy's dtype, as in Keras. The speed-up appears only where the hardware
computes faster in 16 bits (GPU tensor cores, TPU); XLA's CPU backend has no
bf16 matmul speed-up, so expect a ratio at or above 1.0x there.

Run: python benchmarks/mixed_precision_fit.py [--policy mixed_float16]
"""

import argparse
import statistics
import time

import jax
import numpy as np

import kerasish as keras
from kerasish import layers

BATCH, SAMPLES, EPOCHS, ROUNDS = 256, 8192, 2, 5


def runner(policy, x, y):
    keras.mixed_precision.set_global_policy(policy)
    model = keras.Sequential(
        [
            keras.Input((x.shape[1],)),
            layers.Dense(2048, activation="relu"),
            layers.Dense(2048, activation="relu"),
            layers.Dense(10, activation="softmax"),
        ]
    )
    keras.mixed_precision.set_global_policy("float32")
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")

    def run():
        model.fit(x, y, batch_size=BATCH, epochs=EPOCHS, verbose=0)

    run()  # compile
    return run


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--policy", default="mixed_bfloat16")
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    x = rng.random(size=(SAMPLES, 1024), dtype=np.float32)
    y = rng.integers(0, 10, size=(SAMPLES, 1)).astype("int32")
    runners = {
        "float32": runner("float32", x, y),
        args.policy: runner(args.policy, x, y),
    }
    times = {name: [] for name in runners}
    for _ in range(ROUNDS):
        for name, run in runners.items():
            start = time.perf_counter()
            run()
            times[name].append((time.perf_counter() - start) / EPOCHS)
    ratio = statistics.median(
        a / b for a, b in zip(times[args.policy], times["float32"], strict=True)
    )
    print(f"device: {jax.devices()[0].device_kind}")
    for name, t in times.items():
        print(f"{name:16s} {statistics.median(t) * 1e3:9.1f} ms/epoch")
    print(f"{args.policy} / float32: {ratio:.2f}x (below 1.0x is a speed-up)")


if __name__ == "__main__":
    main()
