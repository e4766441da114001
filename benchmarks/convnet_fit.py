"""keras.io "simple MNIST convnet" (Conv2D 32 -> MaxPool -> Conv2D 64 -> MaxPool ->
Flatten -> Dropout 0.5 -> Dense 10 softmax; adam; categorical crossentropy; batch
128) on random MNIST-shaped data: kerasish `fit` time per training step vs a
hand-written `jax.jit` + optax step of the same network, side by side in one
process. Epochs of the two alternate so machine-load drift hits both alike.
Prints the medians and the ratio (target <= 1.05x).

Run: JAX_PLATFORMS=cpu python benchmarks/convnet_fit.py [--samples 2048 --repeats 5]
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

BATCH, CLASSES = 128, 10


def build_model() -> keras.Sequential:
    """The keras.io model, written exactly as the tutorial writes it."""
    return keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
            layers.MaxPooling2D(pool_size=(2, 2)),
            layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
            layers.MaxPooling2D(pool_size=(2, 2)),
            layers.Flatten(),
            layers.Dropout(0.5),
            layers.Dense(CLASSES, activation="softmax"),
        ]
    )


def kerasish_runner(x, y):
    model = build_model()
    model.compile(
        loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"]
    )
    model.fit(x, y, batch_size=BATCH, epochs=1, verbose=0)  # compile

    def run_epoch() -> float:
        history = model.fit(x, y, batch_size=BATCH, epochs=1, verbose=0)
        return history.history["loss"][-1]

    return run_epoch


def _conv(x, w, b):
    dn = jax.lax.conv_dimension_numbers(x.shape, w.shape, ("NHWC", "HWIO", "NHWC"))
    y = jax.lax.conv_general_dilated(x, w, (1, 1), "VALID", dimension_numbers=dn)
    return jax.nn.relu(y + b)


def _pool(x):
    return jax.lax.reduce_window(
        x, -jnp.inf, jax.lax.max, (1, 2, 2, 1), (1, 2, 2, 1), "VALID"
    )


def _init(key):
    def glorot(key, shape, fan_in, fan_out):
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        return jax.random.uniform(key, shape, jnp.float32, -limit, limit)

    k1, k2, k3 = jax.random.split(key, 3)
    return {
        "w1": glorot(k1, (3, 3, 1, 32), 9, 9 * 32),
        "b1": jnp.zeros(32),
        "w2": glorot(k2, (3, 3, 32, 64), 9 * 32, 9 * 64),
        "b2": jnp.zeros(64),
        "w3": glorot(k3, (1600, CLASSES), 1600, CLASSES),
        "b3": jnp.zeros(CLASSES),
    }


def handwritten_runner(x, y):
    params = _init(jax.random.key(0))
    tx = optax.adam(1e-3, eps=1e-7)
    opt_state = tx.init(params)
    xd, yd = jnp.asarray(x), jnp.asarray(y)
    steps = -(-len(x) // BATCH)

    def loss_fn(p, xb, yb, key):
        h = _pool(_conv(xb, p["w1"], p["b1"]))
        h = _pool(_conv(h, p["w2"], p["b2"]))
        h = h.reshape(h.shape[0], -1)
        keep = jax.random.bernoulli(key, 0.5, h.shape)
        h = jnp.where(keep, h / 0.5, 0.0)
        probs = jax.nn.softmax(h @ p["w3"] + p["b3"])
        probs = probs / jnp.sum(probs, axis=-1, keepdims=True)
        probs = jnp.clip(probs, 1e-7, 1 - 1e-7)
        return -jnp.mean(jnp.sum(yb * jnp.log(probs), axis=-1))

    @jax.jit
    def step(p, s, idx, key):
        loss, g = jax.value_and_grad(loss_fn)(p, xd[idx], yd[idx], key)
        updates, s = tx.update(g, s, p)
        return optax.apply_updates(p, updates), s, loss

    state = {"p": params, "s": opt_state, "key": jax.random.key(1)}

    def run_epoch() -> float:
        order = jnp.asarray(np.random.permutation(len(x)))
        losses = []
        for i in range(steps):
            state["key"], key = jax.random.split(state["key"])
            idx = order[i * BATCH : (i + 1) * BATCH]
            state["p"], state["s"], loss = step(state["p"], state["s"], idx, key)
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
    x = rng.random(size=(args.samples, 28, 28, 1), dtype=np.float32)
    y = keras.utils.to_categorical(rng.integers(0, CLASSES, args.samples), CLASSES)
    steps = -(-args.samples // BATCH)
    runners = {"kerasish": kerasish_runner(x, y), "hand": handwritten_runner(x, y)}
    times: dict[str, list[float]] = {name: [] for name in runners}
    for _ in range(args.repeats):
        for name, run_epoch in runners.items():
            start = time.perf_counter()
            run_epoch()
            times[name].append((time.perf_counter() - start) / steps)
    ours = statistics.median(times["kerasish"])
    hand = statistics.median(times["hand"])
    print(f"device: {jax.devices()[0].platform}, {args.samples} samples, {steps} steps")
    print(f"kerasish fit:         {ours * 1e3:8.2f} ms/step")
    print(f"hand-written jit:     {hand * 1e3:8.2f} ms/step")
    print(f"ratio:                {ours / hand:8.3f}x (target <= 1.05x)")


if __name__ == "__main__":
    main()
