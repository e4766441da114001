"""LSTM(128) -> Dense(10) softmax classifier on (28, 28) sequences (rows of an
MNIST image as time steps; adam; sparse categorical crossentropy; batch 128):
kerasish `fit` time per training step vs hand-written `jax.jit` + `lax.scan`
LSTM steps of the same network, side by side in one process. Two hand-written
variants: the input projection computed inside the scan body (as the layer
does) and one up-front projection of the whole sequence before the scan.
Epochs of all runners alternate so machine-load drift hits them alike. Prints
the medians and the ratio against the faster hand-written variant (target
<= 1.05x).

Run: JAX_PLATFORMS=cpu python benchmarks/lstm_fit.py [--samples 2048 --repeats 5]
"""

import argparse
import statistics
import time

import jax
import jax.numpy as jnp
import numpy as np
import optax

import kerasish as keras
from kerasish import layers

BATCH, CLASSES, UNITS, STEPS, FEATURES = 128, 10, 128, 28, 28


def kerasish_runner(x, y):
    model = keras.Sequential(
        [
            keras.Input(shape=(STEPS, FEATURES)),
            layers.LSTM(UNITS),
            layers.Dense(CLASSES, activation="softmax"),
        ]
    )
    model.compile(loss="sparse_categorical_crossentropy", optimizer="adam")
    model.fit(x, y, batch_size=BATCH, epochs=1, verbose=0)  # compile

    def run_epoch() -> float:
        history = model.fit(x, y, batch_size=BATCH, epochs=1, verbose=0)
        return history.history["loss"][-1]

    return run_epoch


def _init(key):
    k1, k2, k3 = jax.random.split(key, 3)
    limit = np.sqrt(6.0 / (FEATURES + 4 * UNITS))
    recurrent = jax.random.orthogonal(k2, 4 * UNITS)[:UNITS]
    head_limit = np.sqrt(6.0 / (UNITS + CLASSES))
    return {
        "kernel": jax.random.uniform(
            k1, (FEATURES, 4 * UNITS), minval=-limit, maxval=limit
        ),
        "recurrent": recurrent,
        "bias": jnp.zeros(4 * UNITS).at[UNITS : 2 * UNITS].set(1.0),
        "w": jax.random.uniform(
            k3, (UNITS, CLASSES), minval=-head_limit, maxval=head_limit
        ),
        "b": jnp.zeros(CLASSES),
    }


def _cell(z, c):
    i, f, g, o = jnp.split(z, 4, axis=-1)
    c = jax.nn.sigmoid(f) * c + jax.nn.sigmoid(i) * jnp.tanh(g)
    return jax.nn.sigmoid(o) * jnp.tanh(c), c


def _lstm_inside(p, xb):
    def body(carry, x_t):
        h, c = carry
        z = x_t @ p["kernel"] + h @ p["recurrent"] + p["bias"]
        return _cell(z, c), None

    zeros = jnp.zeros((xb.shape[0], UNITS))
    (h, _), _ = jax.lax.scan(body, (zeros, zeros), jnp.swapaxes(xb, 0, 1))
    return h


def _lstm_upfront(p, xb):
    projected = jnp.swapaxes(xb @ p["kernel"] + p["bias"], 0, 1)

    def body(carry, z_t):
        h, c = carry
        return _cell(z_t + h @ p["recurrent"], c), None

    zeros = jnp.zeros((xb.shape[0], UNITS))
    (h, _), _ = jax.lax.scan(body, (zeros, zeros), projected)
    return h


def handwritten_runner(x, y, lstm):
    params = _init(jax.random.key(0))
    tx = optax.adam(1e-3, eps=1e-7)
    opt_state = tx.init(params)
    xd, yd = jnp.asarray(x), jnp.asarray(y)
    steps = -(-len(x) // BATCH)

    def loss_fn(p, xb, yb):
        probs = jax.nn.softmax(lstm(p, xb) @ p["w"] + p["b"])
        probs = jnp.clip(probs / jnp.sum(probs, -1, keepdims=True), 1e-7, 1 - 1e-7)
        return -jnp.mean(jnp.log(jnp.take_along_axis(probs, yb[:, None], -1)))

    @jax.jit
    def step(p, s, idx):
        loss, g = jax.value_and_grad(loss_fn)(p, xd[idx], yd[idx])
        updates, s = tx.update(g, s, p)
        return optax.apply_updates(p, updates), s, loss

    state = {"p": params, "s": opt_state}

    def run_epoch() -> float:
        order = jnp.asarray(np.random.permutation(len(x)))
        losses = []
        for i in range(steps):
            idx = order[i * BATCH : (i + 1) * BATCH]
            state["p"], state["s"], loss = step(state["p"], state["s"], idx)
            losses.append(loss)
        return float(jnp.mean(jnp.stack(losses)))  # one host sync per epoch

    run_epoch()  # compile
    return run_epoch


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=2048)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    x = rng.random(size=(args.samples, STEPS, FEATURES), dtype=np.float32)
    y = rng.integers(0, CLASSES, args.samples).astype(np.int32)
    steps = -(-args.samples // BATCH)
    runners = {
        "kerasish": kerasish_runner(x, y),
        "hand_inside": handwritten_runner(x, y, _lstm_inside),
        "hand_upfront": handwritten_runner(x, y, _lstm_upfront),
    }
    times: dict[str, list[float]] = {name: [] for name in runners}
    for _ in range(args.repeats):
        for name, run_epoch in runners.items():
            start = time.perf_counter()
            run_epoch()
            times[name].append((time.perf_counter() - start) / steps)
    medians = {name: statistics.median(t) for name, t in times.items()}
    hand = min(medians["hand_inside"], medians["hand_upfront"])
    print(f"device: {jax.devices()[0].platform}, {args.samples} samples, {steps} steps")
    print(f"kerasish fit:                   {medians['kerasish'] * 1e3:8.2f} ms/step")
    print(
        f"hand-written, proj. in scan:    {medians['hand_inside'] * 1e3:8.2f} ms/step"
    )
    print(
        f"hand-written, proj. up front:   {medians['hand_upfront'] * 1e3:8.2f} ms/step"
    )
    print(
        f"ratio vs faster hand-written:   {medians['kerasish'] / hand:8.3f}x "
        "(target <= 1.05x)"
    )


if __name__ == "__main__":
    main()
