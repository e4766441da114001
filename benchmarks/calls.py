"""Inference and start-up costs: kerasish vs a hand-jitted apply, side by side.

Workloads (the same MLP 8 -> 32 -> 1 unless noted), medians of repeated timing
loops, ratios against `jax.jit(model.apply)` on the same parameters (for the
inference calls, the median of per-round ratios, each round timing both back to
back):

- `predict` of a single sample (`verbose=0`), `predict_on_batch` (batch 32),
  eager `model(x)` (batch 32);
- bulk `predict` of 10k samples (batch 32) vs a jitted apply looped over the
  same batches;
- time to first step: building + compiling + running one `train_on_batch`
  vs tracing + compiling + running the hand-written optax step;
- `import kerasish` (+ first use of `keras.Sequential`) vs `import jax, optax`,
  each in a fresh interpreter.

Run: JAX_PLATFORMS=cpu python benchmarks/calls.py
"""

import statistics
import subprocess
import sys
import time

import jax
import jax.numpy as jnp
import numpy as np
import optax

import kerasish as keras


def _model():
    return keras.Sequential(
        [
            keras.Input((8,)),
            keras.layers.Dense(32, activation="relu"),
            keras.layers.Dense(1),
        ]
    )


def _median_us(fn, number=200, repeats=7):
    fn(), fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return statistics.median(times) * 1e6


def _paired_ratio(ours, base, number=200, rounds=15):
    """Median over rounds of `ours / base`, the two timed back to back in each
    round (so machine-load drift hits both alike)."""
    return statistics.median(
        _median_us(ours, number, 1) / _median_us(base, number, 1) for _ in range(rounds)
    )


def inference_ratios():
    model = _model()
    apply = jax.jit(lambda p, x: model.apply(p, x))
    params = model.params
    one = np.ones((1, 8), np.float32)
    batch = np.ones((32, 8), np.float32)

    def base_one():
        return np.asarray(apply(params, one))

    def base_batch():
        return np.asarray(apply(params, batch))

    return {
        "predict, 1 sample": (
            _paired_ratio(lambda: model.predict(one, verbose=0), base_one),
            1.5,
        ),
        "predict_on_batch": (
            _paired_ratio(lambda: model.predict_on_batch(batch), base_batch),
            1.2,
        ),
        "eager model(x)": (
            _paired_ratio(lambda: np.asarray(model(batch)), base_batch),
            2.0,
        ),
    }


def bulk_predict_ratio(n=10_000, batch=32):
    model = _model()
    x = np.random.default_rng(0).normal(size=(n, 8)).astype("float32")
    apply = jax.jit(lambda p, x: model.apply(p, x))
    params = model.params

    def hand():
        xd = jnp.asarray(x)
        outs = [apply(params, xd[i : i + batch]) for i in range(0, n, batch)]
        return np.concatenate([np.asarray(o) for o in outs])

    ours = _median_us(lambda: model.predict(x, batch_size=batch, verbose=0), 3, 5)
    return ours / _median_us(hand, 3, 5)


def first_step_ratio():
    x = np.ones((32, 8), np.float32)
    y = np.ones((32, 1), np.float32)
    start = time.perf_counter()
    model = _model()
    model.compile(optimizer="sgd", loss="mse")
    model.train_on_batch(x, y)
    ours = time.perf_counter() - start

    start = time.perf_counter()
    key1, key2 = jax.random.split(jax.random.key(1))
    params = {
        "w1": jax.random.normal(key1, (8, 32)),
        "b1": jnp.zeros(32),
        "w2": jax.random.normal(key2, (32, 1)),
        "b2": jnp.zeros(1),
    }
    tx = optax.sgd(0.01)

    @jax.jit
    def step(p, s, xb, yb):
        def loss_fn(p):
            h = jax.nn.relu(xb @ p["w1"] + p["b1"])
            return jnp.mean((h @ p["w2"] + p["b2"] - yb) ** 2)

        loss, g = jax.value_and_grad(loss_fn)(p)
        u, s = tx.update(g, s, p)
        return optax.apply_updates(p, u), s, loss

    float(step(params, tx.init(params), x, y)[2])
    return ours / (time.perf_counter() - start)


def _fresh_import(code):
    times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def import_ratios():
    base = _fresh_import("import jax, optax")
    return (
        _fresh_import("import kerasish") / base,
        _fresh_import("import kerasish as k; k.Sequential; k.layers.Dense") / base,
    )


def main():
    print(f"device: {jax.devices()[0].platform}")
    for name, (ratio, target) in inference_ratios().items():
        print(f"{name:28s} {ratio:6.2f}x jitted apply (target <= {target}x)")
    print(f"{'bulk predict, 10k samples':28s} {bulk_predict_ratio():6.2f}x (<= 1.05x)")
    print(f"{'time to first step':28s} {first_step_ratio():6.2f}x (target <= 1.0x)")
    bare, used = import_ratios()
    print(f"{'import kerasish':28s} {bare:6.2f}x import jax, optax (target <= 1.1x)")
    print(f"{'  + Sequential, layers':28s} {used:6.2f}x")


if __name__ == "__main__":
    main()
