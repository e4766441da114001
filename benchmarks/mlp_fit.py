"""MLP 784 -> 512 -> 512 -> 10 (relu, softmax; adam; sparse categorical
crossentropy; batch 128) on random MNIST-shaped data: kerasish `fit` time per
training step vs two hand-written `jax.jit` + optax versions of the same
network, side by side in one process: one jitted call per step, and a whole
epoch fused into one `lax.scan`. Each timing is one `fit` of 3 epochs (data
placed on the device once per fit) against 3 hand-written epochs (data placed
once for all); rounds of all runners alternate so machine-load drift hits
them alike. Prints the medians per step and the median of the per-round
ratios against the faster hand-written version (target <= 1.05x).

Run: JAX_PLATFORMS=cpu python benchmarks/mlp_fit.py [--samples 4096 --repeats 7]
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

BATCH, CLASSES, HIDDEN, FEATURES, EPOCHS = 128, 10, 512, 784, 3


def build_model() -> keras.Sequential:
    return keras.Sequential(
        [
            keras.Input((FEATURES,)),
            layers.Dense(HIDDEN, activation="relu"),
            layers.Dense(HIDDEN, activation="relu"),
            layers.Dense(CLASSES, activation="softmax"),
        ]
    )


def kerasish_runner(x, y):
    model = build_model()
    model.compile(loss="sparse_categorical_crossentropy", optimizer="adam")
    model.fit(x, y, batch_size=BATCH, epochs=1, verbose=0)  # compile
    return lambda: model.fit(x, y, batch_size=BATCH, epochs=EPOCHS, verbose=0)


def _init(key):
    def glorot(key, fan_in, fan_out):
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        return jax.random.uniform(key, (fan_in, fan_out), jnp.float32, -limit, limit)

    k1, k2, k3 = jax.random.split(key, 3)
    sizes = [(FEATURES, HIDDEN), (HIDDEN, HIDDEN), (HIDDEN, CLASSES)]
    return [
        {"w": glorot(k, *shape), "b": jnp.zeros(shape[1])}
        for k, shape in zip((k1, k2, k3), sizes, strict=True)
    ]


def _loss(params, xb, yb):
    h = xb
    for layer in params[:-1]:
        h = jax.nn.relu(h @ layer["w"] + layer["b"])
    # Keras' sparse crossentropy of softmax probabilities (not logits).
    probs = jax.nn.softmax(h @ params[-1]["w"] + params[-1]["b"])
    probs = jnp.clip(probs / jnp.sum(probs, axis=-1, keepdims=True), 1e-7, 1 - 1e-7)
    return -jnp.mean(jnp.log(jnp.take_along_axis(probs, yb, axis=-1)))


def handwritten_runners(x, y):
    tx = optax.adam(1e-3, eps=1e-7)
    xd, yd = jnp.asarray(x), jnp.asarray(y)
    steps = len(x) // BATCH

    def step(p, s, idx):
        loss, g = jax.value_and_grad(_loss)(p, xd[idx], yd[idx])
        updates, s = tx.update(g, s, p)
        return optax.apply_updates(p, updates), s, loss

    step_jit = jax.jit(step)

    @jax.jit
    def epoch(p, s, order):
        def body(carry, i):
            p, s, loss = step(
                *carry, jax.lax.dynamic_slice_in_dim(order, i * BATCH, BATCH)
            )
            return (p, s), loss

        (p, s), losses = jax.lax.scan(body, (p, s), jnp.arange(steps))
        return p, s, jnp.mean(losses)

    def per_step_runner():
        state = {"p": _init(jax.random.key(0))}
        state["s"] = tx.init(state["p"])

        def run():
            for _ in range(EPOCHS):
                order = jnp.asarray(np.random.permutation(len(x)))
                losses = []
                for i in range(steps):
                    idx = order[i * BATCH : (i + 1) * BATCH]
                    p, s = state["p"], state["s"]
                    state["p"], state["s"], loss = step_jit(p, s, idx)
                    losses.append(loss)
                float(jnp.mean(jnp.stack(losses)))  # one host sync per epoch

        return run

    def fused_runner():
        state = {"p": _init(jax.random.key(0))}
        state["s"] = tx.init(state["p"])

        def run():
            for _ in range(EPOCHS):
                order = jnp.asarray(np.random.permutation(len(x)))
                state["p"], state["s"], loss = epoch(state["p"], state["s"], order)
                float(loss)

        return run

    return per_step_runner(), fused_runner()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=4096)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    x = rng.random(size=(args.samples, FEATURES), dtype=np.float32)
    y = rng.integers(0, CLASSES, size=(args.samples, 1)).astype("int32")
    per_step, fused = handwritten_runners(x, y)
    runners = {"kerasish": kerasish_runner(x, y), "step": per_step, "scan": fused}
    for run in runners.values():
        run()  # compile
    times: dict[str, list[float]] = {name: [] for name in runners}
    steps = args.samples // BATCH * EPOCHS
    for _ in range(args.repeats):
        for name, run in runners.items():
            start = time.perf_counter()
            run()
            times[name].append((time.perf_counter() - start) / steps)
    med = {name: statistics.median(t) for name, t in times.items()}
    best = "step" if med["step"] < med["scan"] else "scan"
    ratio = statistics.median(
        a / b for a, b in zip(times["kerasish"], times[best], strict=True)
    )
    print(f"device: {jax.devices()[0].platform}, {args.samples} samples, {steps} steps")
    print(f"kerasish fit:            {med['kerasish'] * 1e3:8.3f} ms/step")
    print(f"hand-written jit/step:   {med['step'] * 1e3:8.3f} ms/step")
    print(f"hand-written scan epoch: {med['scan'] * 1e3:8.3f} ms/step")
    print(f"ratio:                   {ratio:8.3f}x the faster (target <= 1.05x)")


if __name__ == "__main__":
    main()
