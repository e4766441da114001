"""Checks run in a subprocess with 4 CPU devices; prints one JSON dict.

Run as `python -m tests.distribution.device_checks` with
`XLA_FLAGS=--xla_force_host_platform_device_count=4` (see `conftest.py`).
"""

import json
import warnings

import numpy as np

import kerasish as keras
from kerasish import layers
from kerasish.distribution import DataParallel, DeviceMesh, LayoutMap, ModelParallel


def _mlp() -> keras.Model:
    return keras.Sequential(
        [
            keras.Input((6,)),
            layers.Dense(8, activation="relu", name="d0"),
            layers.BatchNormalization(name="bn"),
            layers.Dropout(0.25, name="drop"),
            layers.Dense(4, activation="softmax", name="d1"),
        ]
    )


def _convnet() -> keras.Model:
    return keras.Sequential(
        [
            keras.Input((6, 6, 2)),
            layers.Conv2D(4, 3, activation="relu", name="c0"),
            layers.BatchNormalization(name="bn"),
            layers.Flatten(name="flat"),
            layers.Dense(4, activation="softmax", name="d1"),
        ]
    )


def _data(shape: tuple, n: int = 40) -> tuple:
    rng = np.random.default_rng(0)
    return rng.normal(size=(n, *shape)).astype("float32"), rng.integers(0, 4, n)


def _train(make, dist, shape, weights=None, **fit_kwargs) -> dict:
    keras.utils.set_random_seed(3)
    keras.distribution.set_distribution(dist)
    try:
        model = make()
        if weights is not None:
            model.set_weights(weights)
        model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
        x, y = _data(shape)
        history = model.fit(x, y, epochs=2, verbose=0, **fit_kwargs)
        result = {
            "history": history.history,
            "weights": [w.tolist() for w in model.get_weights()],
            "model": model,
        }
        if "validation_split" in fit_kwargs:  # the MLP also checks these
            result["evaluate"] = model.evaluate(x, y, batch_size=8, verbose=0)
            result["predict"] = model.predict(x[:12], batch_size=4, verbose=0).tolist()
        return result
    finally:
        keras.distribution.set_distribution(None)


def _equivalence(make, shape, dist, **fit_kwargs) -> dict:
    single = _train(make, None, shape, **fit_kwargs)
    sharded = _train(make, dist, shape, **fit_kwargs)
    single.pop("model")
    model = sharded.pop("model")
    kernel = model.layers[0].weights[0].value
    return {
        "single": single,
        "sharded": sharded,
        "kernel_spec": str(kernel.sharding),
        "specs": _specs(model),
    }


def _specs(model: keras.Model) -> dict:
    """`{name: [partition spec, shard shape]}` of the Dense weights and moments."""
    specs = {}
    for layer in model.layers:
        if isinstance(layer, layers.Dense):
            for weight in (layer.kernel, layer.bias):
                sharding = weight.value.sharding
                specs[f"{layer.name}_{weight.name}"] = [
                    list(sharding.spec),
                    list(sharding.shard_shape(weight.shape)),
                ]
    moments = model.optimizer.opt_state["momentum"]
    for name in ("d0", "d1"):
        if name in moments:
            spec = moments[name]["kernel"].sharding.spec
            specs[f"{name}_kernel_momentum"] = list(spec)
    return specs


def _model_parallel() -> dict:
    mesh = DeviceMesh((2, 2), ["batch", "model"])
    layout_map = LayoutMap(mesh)
    layout_map[".*d0/kernel"] = (None, "model")
    layout_map[".*d0/bias"] = ("model",)
    layout_map[".*d1/kernel"] = ("model", None)
    dist = ModelParallel(layout_map=layout_map)
    return _equivalence(_mlp, (6,), dist, batch_size=8, shuffle=False)


def _error(fn) -> list:
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return [type(e).__name__, str(e)]
    finally:
        keras.distribution.set_distribution(None)
    return ["no error", ""]


def _errors() -> dict:
    x, y = _data((6,))

    def indivisible_batch():
        keras.distribution.set_distribution(DataParallel())
        model = _mlp()
        model.compile("sgd", "sparse_categorical_crossentropy")
        model.fit(x, y, batch_size=6, verbose=0)

    def indivisible_remainder():
        keras.distribution.set_distribution(DataParallel())
        model = _mlp()
        model.compile("sgd", "sparse_categorical_crossentropy")
        model.fit(x[:10], y[:10], batch_size=4, verbose=0)

    def impossible_layout():
        layout_map = LayoutMap(DeviceMesh((2, 2), ["batch", "model"]))
        layout_map[".*d1/bias"] = ("model",)
        keras.distribution.set_distribution(ModelParallel(layout_map=layout_map))
        keras.Sequential([keras.Input((6,)), layers.Dense(3, name="d1")])

    def after_build():
        model = _mlp()
        model.compile("sgd", "sparse_categorical_crossentropy")
        keras.distribution.set_distribution(DataParallel())
        model.fit(x, y, batch_size=8, verbose=0)

    def unused_key():
        layout_map = LayoutMap(DeviceMesh((2, 2), ["batch", "model"]))
        layout_map[".*dense_typo/kernel"] = (None, "model")
        keras.distribution.set_distribution(ModelParallel(layout_map=layout_map))
        model = _mlp()
        model.compile("sgd", "sparse_categorical_crossentropy")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            model.fit(x, y, batch_size=8, verbose=0)
        raise UserWarning(" | ".join(str(w.message) for w in caught))

    cases = {
        "indivisible_batch": indivisible_batch,
        "indivisible_remainder": indivisible_remainder,
        "impossible_layout": impossible_layout,
        "after_build": after_build,
        "unused_key": unused_key,
    }
    return {name: _error(fn) for name, fn in cases.items()}


def main() -> None:
    results = {
        "devices": keras.distribution.list_devices(),
        "mlp": _equivalence(
            _mlp, (6,), DataParallel(), batch_size=8, validation_split=0.2
        ),
        "convnet": _equivalence(_convnet, (6, 6, 2), DataParallel(), batch_size=8),
        "model_parallel": _model_parallel(),
        "errors": _errors(),
    }
    print(json.dumps(results))


if __name__ == "__main__":
    main()
