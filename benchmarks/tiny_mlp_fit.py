"""Tiny MLP (8 -> Dense 32 -> Dense 1, batch 32): kerasish `fit` per epoch vs a
hand-written jitted JAX epoch (one `lax.scan` over shuffled batches), side by
side in one process. Prints medians and the ratio.

Run: JAX_PLATFORMS=cpu python benchmarks/tiny_mlp_fit.py
"""

import statistics
import time

import jax
import jax.numpy as jnp
import numpy as np
import optax

import kerasish as keras
from kerasish import layers

N, FEATURES, BATCH, EPOCHS, REPEATS = 4096, 8, 32, 5, 7


def kerasish_epoch_time(x, y):
    model = keras.Sequential(
        [keras.Input((FEATURES,)), layers.Dense(32, activation="relu"), layers.Dense(1)]
    )
    model.compile(optimizer="sgd", loss="mse")
    model.fit(x, y, batch_size=BATCH, epochs=1, verbose=0)  # compile
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        model.fit(x, y, batch_size=BATCH, epochs=EPOCHS, verbose=0)
        times.append((time.perf_counter() - start) / EPOCHS)
    return statistics.median(times)


def handwritten_epoch_time(x, y):
    key = jax.random.key(0)
    k1, k2 = jax.random.split(key)
    params = {
        "w1": jax.random.normal(k1, (FEATURES, 32)) * 0.1,
        "b1": jnp.zeros(32),
        "w2": jax.random.normal(k2, (32, 1)) * 0.1,
        "b2": jnp.zeros(1),
    }
    tx = optax.sgd(0.01)
    opt_state = tx.init(params)
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

    order = jnp.asarray(np.random.permutation(N))
    jax.block_until_ready(epoch(params, opt_state, order))
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        for _ in range(EPOCHS):
            order = jnp.asarray(np.random.permutation(N))
            params, opt_state, loss = epoch(params, opt_state, order)
            float(loss)  # one host sync per epoch, as fit's logs need
        times.append((time.perf_counter() - start) / EPOCHS)
    return statistics.median(times)


def main():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(N, FEATURES)).astype("float32")
    y = rng.normal(size=(N, 1)).astype("float32")
    ours = kerasish_epoch_time(x, y)
    hand = handwritten_epoch_time(x, y)
    print(f"device: {jax.devices()[0].platform}")
    print(f"kerasish fit:       {ours * 1e3:8.3f} ms/epoch")
    print(f"hand-written scan:  {hand * 1e3:8.3f} ms/epoch")
    print(f"ratio:              {ours / hand:8.2f}x (target <= 1.3x)")


if __name__ == "__main__":
    main()
