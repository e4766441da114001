"""Records the "rnn" compat cases (`compat/cases/rnn_layers.py`) from Keras:
functional recurrent models with masks, states, stateful calls and fit."""

import jax
import jax.numpy as jnp
import keras
import numpy as np

from compat.cases import Case, build_optimizer
from compat.cases.rnn_layers import build_model, rnn_data


def _one(items: list):
    return items[0] if len(items) == 1 else list(items)


def _listed(y) -> list:
    return list(y) if isinstance(y, list | tuple) else [y]


def _arrays(y) -> list:
    return [np.asarray(v) for v in _listed(y)]


def _grads(model, xs: list) -> dict:
    trainable = [v.value for v in model.trainable_variables]
    frozen = [v.value for v in model.non_trainable_variables]
    floating = [i for i, x in enumerate(xs) if x.dtype == np.float32]

    def loss(trainable, float_xs):
        inputs = list(xs)
        for i, x in zip(floating, float_xs, strict=True):
            inputs[i] = x
        ys, _ = model.stateless_call(trainable, frozen, _one(inputs))
        return sum(jnp.sum(jnp.square(y)) for y in _listed(ys))

    value, (grads, grad_x) = jax.value_and_grad(loss, argnums=(0, 1))(
        trainable, [jnp.asarray(xs[i]) for i in floating]
    )
    return {
        "loss": np.asarray(value),
        "grads": [np.asarray(g) for g in grads],
        "grad_x": [np.asarray(g) for g in grad_x],
    }


def _stateful(model, xs: list, batch: int) -> dict:
    first = [x[:batch] for x in xs]
    second = [x[batch:] for x in xs]
    out = {"y_first": _arrays(model(_one(first)))}
    out["y_second"] = _arrays(model(_one(second)))
    for layer in model.layers:
        if getattr(layer, "stateful", False):
            out["states"] = [np.asarray(v.value) for v in layer.states]
            layer.reset_states()
    out["y_reset"] = _arrays(model(_one(second)))
    return out


def _fit(model, case: Case, data: dict) -> tuple[dict, dict]:
    spec = case.spec["fit"]
    kwargs = dict(spec["compile"])
    kwargs["optimizer"] = build_optimizer(keras, kwargs["optimizer"])
    model.compile(**kwargs)
    history = model.fit(_one(data["x"]), data["y_true"], verbose=0, **spec["fit"])
    logs = {k: [float(v) for v in vs] for k, vs in history.history.items()}
    return {"final_weights": model.get_weights()}, {"history": logs}


def record_rnn(case: Case):
    data = rnn_data(case)
    xs = data["x"]
    keras.utils.set_random_seed(case.seed)
    model = build_model(keras, case)
    out = {**data, "weights": model.get_weights()}
    extras = {
        "weight_names": [v.path for v in model.weights],
        "num_trainable": len(model.trainable_weights),
    }
    if case.spec.get("config_layer"):
        layer = model.get_layer(case.spec["config_layer"])
        extras["config"] = layer.get_config()
    if "forward" in case.checks:
        out["y"] = _arrays(model(_one(xs), training=False))
    if "grads" in case.checks:
        out.update(_grads(model, xs))
    if "stateful" in case.checks:
        out.update(_stateful(model, xs, case.spec["batch"]))
    if "fit" in case.checks:
        arrays, more = _fit(model, case, data)
        out.update(arrays)
        extras.update(more)
    return out, extras


RECORDERS = {"rnn": record_rnn}
