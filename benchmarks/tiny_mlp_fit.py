"""Tiny MLP (8 -> Dense 32 -> Dense 1, batch 32): kerasish `fit` per epoch vs a
hand-written jitted JAX epoch (one `lax.scan` over shuffled batches), side by
side in one process: rounds alternate between the two so machine-load drift
hits both alike. Prints medians and the median of the per-round ratios.

Run: JAX_PLATFORMS=cpu python benchmarks/tiny_mlp_fit.py [--verbose 0]
"""

import argparse
import contextlib
import io
import statistics
import time

import jax
import jax.numpy as jnp
import numpy as np
import optax

import kerasish as keras
from kerasish import layers

N, FEATURES, BATCH, EPOCHS, ROUNDS = 4096, 8, 32, 5, 15


def kerasish_runner(x, y, verbose):
    model = keras.Sequential(
        [keras.Input((FEATURES,)), layers.Dense(32, activation="relu"), layers.Dense(1)]
    )
    model.compile(optimizer="sgd", loss="mse")

    def run():
        with contextlib.redirect_stdout(io.StringIO()):  # the progress bar, if any
            model.fit(x, y, batch_size=BATCH, epochs=EPOCHS, verbose=verbose)

    run()  # compile
    return run


def handwritten_runner(x, y):
    key = jax.random.key(0)
    k1, k2 = jax.random.split(key)
    state = {
        "p": {
            "w1": jax.random.normal(k1, (FEATURES, 32)) * 0.1,
            "b1": jnp.zeros(32),
            "w2": jax.random.normal(k2, (32, 1)) * 0.1,
            "b2": jnp.zeros(1),
        }
    }
    tx = optax.sgd(0.01)
    state["s"] = tx.init(state["p"])
    xd, yd = jnp.asarray(x), jnp.asarray(y)

    def loss_fn(p, xb, yb):
        h = jax.nn.relu(xb @ p["w1"] + p["b1"])
        return jnp.mean((h @ p["w2"] + p["b2"] - yb) ** 2)

    @jax.jit
    def epoch(p, s, order):
        def body(carry, i):
            p, s = carry
            idx = jax.lax.dynamic_slice_in_dim(order, i * BATCH, BATCH)
            loss, g = jax.value_and_grad(loss_fn)(p, xd[idx], yd[idx])
            u, s = tx.update(g, s, p)
            return (optax.apply_updates(p, u), s), loss

        (p, s), losses = jax.lax.scan(body, (p, s), jnp.arange(N // BATCH))
        return p, s, jnp.mean(losses)

    def run():
        for _ in range(EPOCHS):
            order = jnp.asarray(np.random.permutation(N))
            state["p"], state["s"], loss = epoch(state["p"], state["s"], order)
            float(loss)  # one host sync per epoch, as fit's logs need

    run()  # compile
    return run


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", default=0, help="fit's verbose (0, 1, 2, auto)")
    args = parser.parse_args()
    verbose = args.verbose if args.verbose == "auto" else int(args.verbose)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(N, FEATURES)).astype("float32")
    y = rng.normal(size=(N, 1)).astype("float32")
    runners = {
        "kerasish": kerasish_runner(x, y, verbose),
        "hand": handwritten_runner(x, y),
    }
    times = {name: [] for name in runners}
    for _ in range(ROUNDS):
        for name, run in runners.items():
            start = time.perf_counter()
            run()
            times[name].append((time.perf_counter() - start) / EPOCHS)
    ours, hand = (statistics.median(times[k]) for k in ("kerasish", "hand"))
    ratio = statistics.median(
        a / b for a, b in zip(times["kerasish"], times["hand"], strict=True)
    )
    print(f"device: {jax.devices()[0].platform}, fit verbose={verbose}")
    print(f"kerasish fit:       {ours * 1e3:8.3f} ms/epoch")
    print(f"hand-written scan:  {hand * 1e3:8.3f} ms/epoch")
    print(f"ratio:              {ratio:8.2f}x (target <= 1.3x)")


if __name__ == "__main__":
    main()
