"""Records reference outputs from real Keras for every compat case.

The only module of the project that imports Keras. Run it in the pinned
reference environment (see `compat/README.md`):

    KERAS_BACKEND=jax .venv-keras/bin/python -m compat.generate [NAME_OR_KIND ...]

With no argument every case is regenerated and stale files are removed; with
arguments only the cases whose name or kind matches are.
"""

import contextlib
import io
import json
import os
import sys
import time

os.environ.setdefault("KERAS_BACKEND", "jax")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402

from compat import helpers, recorders  # noqa: E402
from compat.cases import (  # noqa: E402
    Case,
    all_cases,
    build_layers,
    build_model,
    build_optimizer,
)
from compat.cases.losses import REDUCTIONS  # noqa: E402
from compat.data import GRAD_SCALES, GRID, FakeClock, fit_data, make_pair  # noqa: E402

jax.config.update("jax_default_matmul_precision", "highest")
F32 = np.float32


def compile_model(model, spec: dict) -> None:
    model.compile(
        optimizer=build_optimizer(keras, spec["optimizer"]),
        loss=spec.get("loss", "sparse_categorical_crossentropy"),
        metrics=spec.get("metrics", ["accuracy"]),
    )


def record_layer(case: Case):
    rng = np.random.default_rng(case.seed)
    x = rng.normal(size=(case.spec.get("batch", 4), *case.input_shape)).astype(F32)
    keras.utils.set_random_seed(case.seed)
    model = build_model(keras, case)
    out = {
        "x": x,
        "weights": model.get_weights(),
        "y": np.asarray(model(x, training=False)),
    }
    if "forward_train" in case.checks:
        out["y_train"] = np.asarray(model(x, training=True))
    if "grads" in case.checks:
        trainable = [v.value for v in model.trainable_variables]
        frozen = [v.value for v in model.non_trainable_variables]

        def loss(trainable, x):
            y, _ = model.stateless_call(trainable, frozen, x, training=False)
            return jnp.sum(jnp.square(y))

        value, (grads, grad_x) = jax.value_and_grad(loss, argnums=(0, 1))(trainable, x)
        out.update(loss=np.asarray(value), grads=[np.asarray(g) for g in grads])
        out["grad_x"] = np.asarray(grad_x)
    extras = {
        "weight_names": [v.path for v in model.weights],
        "num_trainable": len(model.trainable_weights),
    }
    return out, extras


def record_activation(case: Case):
    fn = keras.activations.get(case.spec["fn"])
    kwargs = case.spec["kwargs"]
    x = jnp.asarray(GRID)
    y = np.asarray(fn(x, **kwargs))
    weight = np.random.default_rng(case.seed).normal(size=y.shape).astype(F32)
    grad = jax.grad(lambda x: jnp.sum(fn(x, **kwargs) * weight))(x)
    return {"x": GRID, "y": y, "weight": weight, "grad": np.asarray(grad)}, {}


def get_initializer(module, ident):
    if isinstance(ident, tuple):
        return getattr(module.initializers, ident[0])(**ident[1])
    return module.initializers.get(ident)


def record_initializer(case: Case):
    keras.utils.set_random_seed(case.seed)
    init = get_initializer(keras, case.spec["init"])
    out = {}
    for i, shape in enumerate(case.spec["shapes"]):
        sample = np.asarray(init(shape, dtype="float32"))
        out[f"stats/{i}"] = np.array(
            [sample.mean(), sample.std(), sample.min(), sample.max()]
        )
        if case.spec["family"] == "exact":
            out[f"sample/{i}"] = sample
    return out, {"class_name": type(init).__name__}


def _call_or_error(fn, *args, **kwargs):
    try:
        return np.asarray(fn(*args, **kwargs)), None
    except Exception as e:  # recorded: the kerasish test expects the same type
        return None, type(e).__name__


def record_loss(case: Case):
    spec = case.spec
    rng = np.random.default_rng(case.seed)
    y_true, y_pred = make_pair(spec["data"], rng, 4)
    sample_weight = rng.uniform(0.1, 2.0, (4,)).astype(F32)
    out = {"y_true": y_true, "y_pred": y_pred, "sample_weight": sample_weight}
    errors = {}
    for reduction in REDUCTIONS:
        loss = getattr(keras.losses, spec["cls"])(**spec["kwargs"], reduction=reduction)
        for key, sw in (("plain", None), ("weighted", sample_weight)):
            value, error = _call_or_error(loss, y_true, y_pred, sample_weight=sw)
            tag = f"{key}/{reduction}"
            if error:
                errors[tag] = error
            else:
                out[tag] = value
    fn = getattr(keras.losses, spec["fn"])
    out["fn"] = np.asarray(fn(y_true, y_pred, **spec["fn_kwargs"]))
    return out, {"name": loss.name, "errors": errors}


def record_metric(case: Case):
    spec = case.spec
    rng = np.random.default_rng(case.seed)
    metric = getattr(keras.metrics, spec["cls"])(**spec["kwargs"])
    out = {}
    for step in range(2):
        y_true, y_pred = make_pair(spec["data"], rng, 6)
        sw = rng.uniform(0.1, 2.0, (6,)).astype(F32)
        out.update({f"y_true/{step}": y_true, f"sample_weight/{step}": sw})
        if y_pred is None:
            metric.update_state(y_true, sample_weight=sw)
        else:
            out[f"y_pred/{step}"] = y_pred
            metric.update_state(y_true, y_pred, sample_weight=sw)
        out[f"result/{step}"] = np.asarray(metric.result())
    metric.reset_state()
    out["result_reset"] = np.asarray(metric.result())
    return out, {"name": metric.name}


def record_optimizer(case: Case):
    rng = np.random.default_rng(case.seed)
    keras.utils.set_random_seed(case.seed)
    model = build_model(keras, case)
    optimizer = build_optimizer(keras, case.spec["optimizer"])
    out = {"weights": model.get_weights()}
    for step in range(case.spec["steps"]):
        scale = GRAD_SCALES[step % len(GRAD_SCALES)]
        grads = [(scale * rng.normal(size=w.shape)).astype(F32) for w in out["weights"]]
        optimizer.apply_gradients(
            zip([jnp.asarray(g) for g in grads], model.trainable_variables, strict=True)
        )
        out[f"grads/{step}"] = grads
        out[f"trajectory/{step}"] = model.get_weights()
    out["optimizer_variables"] = [np.asarray(v.value) for v in optimizer.variables]
    extras = {
        "iterations": int(optimizer.iterations.numpy()),
        "optimizer_variable_names": [v.name for v in optimizer.variables],
        "optimizer_variable_paths": [v.path for v in optimizer.variables],
    }
    return out, extras


def _pythonify(logs: dict) -> dict:
    return {k: [float(v) for v in vs] for k, vs in logs.items()}


def record_fit(case: Case):
    spec = case.spec
    rng = np.random.default_rng(case.seed)
    x, y = fit_data(spec["data"], rng)
    keras.utils.set_random_seed(case.seed)
    model = build_model(keras, case)
    out = {"x": x, "y": y, "weights": model.get_weights()}
    compile_model(model, spec)
    if spec.get("sample_weight"):
        out["sample_weight"] = rng.uniform(0.2, 2.0, (40,)).astype(F32)
    extras = {"history": [], "params": []}
    for i, run in enumerate(spec["runs"]):
        if run.get("reset_weights"):
            model.set_weights(out["weights"])
        if run.get("seed_before_fit") is not None:
            keras.utils.set_random_seed(run["seed_before_fit"])
        sw = {"sample_weight": out["sample_weight"]} if "sample_weight" in out else {}
        history = model.fit(x, y, verbose=0, **run["fit"], **sw)
        out[f"final_weights/{i}"] = model.get_weights()
        extras["history"].append(_pythonify(history.history))
        extras["params"].append(history.params)
    return out, extras


def _describe(result):
    if isinstance(result, dict):
        return {
            "type": "dict",
            "keys": list(result),
            "value": [float(v) for v in result.values()],
        }
    if isinstance(result, list):
        return {"type": "list", "value": [float(v) for v in result]}
    return {"type": type(result).__name__, "value": float(result)}


def record_evaluate(case: Case):
    spec = case.spec
    x, y = fit_data(spec["data"], np.random.default_rng(case.seed))
    keras.utils.set_random_seed(case.seed)
    model = build_model(keras, case)
    out = {"x": x, "y": y, "weights": model.get_weights()}
    ev = {"batch_size": spec["batch_size"], "verbose": 0}
    compile_model(model, spec)
    extras = {"names_compiled": list(model.metrics_names)}
    extras["list"] = _describe(model.evaluate(x, y, **ev))
    extras["names_evaluated"] = list(model.metrics_names)
    extras["dict"] = _describe(model.evaluate(x, y, return_dict=True, **ev))
    model.fit(x, y, epochs=1, shuffle=False, **ev)
    extras["names_fitted"] = list(model.metrics_names)
    extras["after_fit"] = _describe(model.evaluate(x, y, **ev))
    out["fitted_weights"] = model.get_weights()
    # A fresh model: recompiling keeps Keras' old compiled metrics around.
    plain = build_model(keras, case)
    plain.set_weights(out["fitted_weights"])
    plain.compile(
        optimizer="sgd", loss=spec.get("loss", "sparse_categorical_crossentropy")
    )
    extras["loss_only_names_compiled"] = list(plain.metrics_names)
    extras["loss_only"] = _describe(plain.evaluate(x, y, **ev))
    extras["loss_only_dict"] = _describe(plain.evaluate(x, y, return_dict=True, **ev))
    extras["loss_only_names_evaluated"] = list(plain.metrics_names)
    return out, extras


def record_summary(case: Case):
    spec = case.spec
    os.environ["COLUMNS"] = str(spec["columns"])
    keras.utils.set_random_seed(case.seed)
    model = build_model(keras, case)
    for name in spec.get("frozen", ()):
        model.get_layer(name).trainable = False
    if spec.get("fit"):
        x, y = fit_data(
            "classify", np.random.default_rng(case.seed), case.input_shape, 16
        )
        model.compile(
            optimizer=build_optimizer(keras, spec["optimizer"]), loss=spec["loss"]
        )
        model.fit(x, y, epochs=1, batch_size=8, verbose=0)
    texts: list[str] = []
    kwargs = {"show_trainable": True} if spec.get("show_trainable") else {}
    model.summary(print_fn=texts.append, **kwargs)
    return {}, {"texts": texts}


def record_progbar(case: Case):
    spec = case.spec
    clock = FakeClock(spec["start"])
    real_time, time.time = time.time, clock
    buffer = io.StringIO()
    try:
        with contextlib.redirect_stdout(buffer):
            kwargs = {
                k: spec[k] for k in ("stateful_metrics", "unit_name") if k in spec
            }
            bar = keras.utils.Progbar(spec["target"], verbose=spec["verbose"], **kwargs)
            for now, current, values, finalize in spec["updates"]:
                clock.now = now
                bar.update(current, values=values, finalize=finalize)
    finally:
        time.time = real_time
    return {}, {"text": buffer.getvalue()}


def record_fit_log(case: Case):
    spec = case.spec
    x, y = fit_data(spec["data"], np.random.default_rng(case.seed))
    keras.utils.set_random_seed(case.seed)
    model = build_model(keras, case)
    out = {"x": x, "y": y, "weights": model.get_weights()}
    compile_model(model, spec)
    kwargs = dict(spec["fit"])
    if spec.get("validation"):
        kwargs["validation_split"] = 0.25
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        history = model.fit(x, y, **kwargs)
    templates, values = helpers.normalize_log(buffer.getvalue())
    extras = {
        "text": buffer.getvalue(),
        "templates": templates,
        "values": values,
        "history": _pythonify(history.history),
    }
    return out, extras


def _functional_layer_data(case: Case) -> dict:
    """Inputs of a "functional_layer" case; masked inputs get the last `b`
    timesteps of sample `b` zeroed (Masking(0.0) then masks them)."""
    spec = case.spec
    rng = np.random.default_rng(case.seed)
    batch = spec.get("batch", 3)
    xs = [rng.normal(size=(batch, *s)).astype(F32) for s in spec["inputs"]]
    for i in spec.get("masked", ()):
        for b in range(batch):
            xs[i][b, xs[i].shape[1] - b :] = 0.0
    data = {"x": xs}
    if spec.get("attention_mask"):
        t, s = spec["inputs"][0][0], spec["inputs"][-1][0]
        mask = rng.random((batch, t, s)) > 0.4
        mask[..., 0] = True
        data["attention_mask"] = mask
    return data


def record_functional_layer(case: Case):
    from compat.cases.merging_attention_layers import call_layer

    data = _functional_layer_data(case)
    keras.utils.set_random_seed(case.seed)
    inputs = [
        keras.Input(shape=s, name=f"input_{i}")
        for i, s in enumerate(case.spec["inputs"])
    ]
    mask_input = None
    arrays = list(data["x"])
    if "attention_mask" in data:
        shape = data["attention_mask"].shape[1:]
        mask_input = keras.Input(shape=shape, dtype="bool", name="attention_mask")
        arrays.append(data["attention_mask"])
    layer = build_layers(keras, case)[0]
    outputs = call_layer(keras, layer, inputs, case.spec, mask_input)
    outputs = list(outputs) if isinstance(outputs, tuple | list) else [outputs]
    model_inputs = inputs + ([mask_input] if mask_input is not None else [])
    model = keras.Model(model_inputs, outputs)
    ys = model(arrays, training=False)
    ys = [np.asarray(y) for y in (ys if isinstance(ys, list | tuple) else [ys])]
    trainable = [v.value for v in model.trainable_variables]
    frozen = [v.value for v in model.non_trainable_variables]
    n_float = len(data["x"])

    def loss(trainable, xs):
        ys, _ = model.stateless_call(trainable, frozen, [*xs, *arrays[n_float:]])
        ys = ys if isinstance(ys, list | tuple) else [ys]
        return sum(jnp.sum(jnp.square(y)) for y in ys)

    value, (grads, grad_x) = jax.value_and_grad(loss, argnums=(0, 1))(
        trainable, [jnp.asarray(x) for x in data["x"]]
    )
    out = {
        **data,
        "weights": layer.get_weights(),
        "y": ys,
        "loss": np.asarray(value),
        "grads": [np.asarray(g) for g in grads],
        "grad_x": [np.asarray(g) for g in grad_x],
    }
    extras = {
        "weight_names": [v.path for v in layer.weights],
        "num_trainable": len(layer.trainable_weights),
        "config": layer.get_config(),
    }
    return out, extras


def _model_data(case: Case) -> tuple[list, list]:
    """Inputs and targets of a "model" case (see `compat/cases/models.py`)."""
    spec = case.spec
    rng = np.random.default_rng(case.seed)
    n = spec["n"]
    xs = [rng.normal(size=(n, *s)).astype(F32) for s in spec["inputs"]]
    ys = [
        rng.integers(0, units, (n,)).astype(np.int32)
        if kind == "classify"
        else rng.normal(size=(n, units)).astype(F32)
        for kind, units in spec["targets"]
    ]
    return xs, ys


def _model_sample_weights(case: Case) -> list:
    """One weight array per output (drawn after the data, which it leaves as is)."""
    rng = np.random.default_rng(case.seed + 1)
    n = case.spec["n"]
    return [rng.uniform(0.1, 2.0, (n,)).astype(F32) for _ in case.spec["targets"]]


def _one(items: list):
    return items[0] if len(items) == 1 else list(items)


def _listed(y) -> list:
    return list(y) if isinstance(y, list | tuple) else [y]


def record_model(case: Case):
    from compat.cases import models

    spec, checks = case.spec, case.checks
    xs, ys = _model_data(case)
    x, y = _one(xs), _one(ys)
    os.environ["COLUMNS"] = str(spec["columns"])
    keras.utils.set_random_seed(case.seed)
    model = models.build(keras, case)
    if not model.built:
        model(x)
    out = {"x": xs, "y_true": ys, "weights": model.get_weights()}
    extras: dict = {}
    if "forward" in checks:
        out["y"] = [np.asarray(v) for v in _listed(model(x, training=False))]
        extras["losses"] = [float(v) for v in model.losses]
    if "grads" in checks:
        trainable = [v.value for v in model.trainable_variables]
        frozen = [v.value for v in model.non_trainable_variables]

        def loss(trainable, xs):
            ys, _ = model.stateless_call(trainable, frozen, _one(xs))
            return sum(jnp.sum(jnp.square(y)) for y in _listed(ys))

        value, (grads, grad_x) = jax.value_and_grad(loss, argnums=(0, 1))(
            trainable, [jnp.asarray(v) for v in xs]
        )
        out.update(loss=np.asarray(value), grads=[np.asarray(g) for g in grads])
        out["grad_x"] = [np.asarray(g) for g in grad_x]
    if "layers" in checks:
        extras["layers"] = [layer.name for layer in model.layers]
        extras["weight_paths"] = [v.path for v in model.weights]
        extras["num_trainable"] = len(model.trainable_weights)
        if spec.get("config_layer"):
            extras["config"] = model.get_layer(spec["config_layer"]).get_config()
    if "summary" in checks:
        extras["summary"] = []
        model.summary(print_fn=extras["summary"].append)
    if "fit" not in checks and "evaluate" not in checks:
        return out, extras
    kwargs = dict(spec["compile"])
    kwargs["optimizer"] = build_optimizer(keras, kwargs["optimizer"])
    model.compile(**kwargs)
    ev = {"batch_size": spec["fit"]["batch_size"], "verbose": 0}
    if spec.get("sample_weight"):
        out["sample_weight"] = _model_sample_weights(case)
        ev["sample_weight"] = models.sample_weight_arg(case, out["sample_weight"])
    extras["names_compiled"] = list(model.metrics_names)
    if "evaluate" in checks:
        extras["list"] = _describe(model.evaluate(x, y, **ev))
        extras["names_evaluated"] = list(model.metrics_names)
        extras["dict"] = _describe(model.evaluate(x, y, return_dict=True, **ev))
    if "fit" in checks:
        sw = {"sample_weight": ev["sample_weight"]} if "sample_weight" in ev else {}
        history = model.fit(x, y, verbose=0, **spec["fit"], **sw)
        extras["history"] = _pythonify(history.history)
        extras["params"] = history.params
        extras["names_fitted"] = list(model.metrics_names)
        out["final_weights"] = model.get_weights()
        if "evaluate" in checks:
            extras["after_fit"] = _describe(model.evaluate(x, y, **ev))
            extras["after_fit_dict"] = _describe(
                model.evaluate(x, y, return_dict=True, **ev)
            )
        if "summary" in checks:
            extras["summary_fitted"] = []
            model.summary(print_fn=extras["summary_fitted"].append)
    return out, extras


RECORDERS = {
    "layer": record_layer,
    "activation": record_activation,
    "initializer": record_initializer,
    "loss": record_loss,
    "metric": record_metric,
    "optimizer": record_optimizer,
    "fit": record_fit,
    "evaluate": record_evaluate,
    "summary": record_summary,
    "progbar": record_progbar,
    "fit_log": record_fit_log,
    "functional_layer": record_functional_layer,
    "model": record_model,
    **recorders.collect(),
}


def main(argv: list[str]) -> None:
    cases = all_cases()
    selected = [c for c in cases if not argv or c.name in argv or c.kind in argv]
    helpers.REFERENCE_DIR.mkdir(exist_ok=True)
    manifest = helpers.load_manifest() if argv else {}
    entries = manifest.get("cases", {})
    for case in selected:
        start = time.perf_counter()
        keras.backend.clear_session()
        arrays, extras = RECORDERS[case.kind](case)
        path = helpers.REFERENCE_DIR / f"{case.name}.npz"
        np.savez_compressed(path, **helpers.pack(arrays, extras, case.digest()))
        entries[case.name] = case.digest()
        print(f"{case.name}: {time.perf_counter() - start:.2f}s", file=sys.stderr)
    names = {c.name for c in cases}
    if not argv:
        for path in helpers.REFERENCE_DIR.glob("*.npz"):
            if path.stem not in names:
                path.unlink()
    manifest = {
        "keras_version": keras.__version__,
        "jax_version": jax.__version__,
        "numpy_version": np.__version__,
        "backend": keras.backend.backend(),
        "cases": {k: v for k, v in sorted(entries.items()) if k in names},
    }
    helpers.MANIFEST.write_text(json.dumps(manifest, indent=1) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
