"""Recurrent layers against Keras: the "rnn" cases of `compat/cases/rnn_layers.py`
(functional models with masks, states, stateful calls and fit). The plain
"layer" cases of that module run in `compat/test_layers.py`."""

import json

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import kerasish
from compat.cases import build_optimizer, cases_of
from compat.cases.rnn_layers import build_model

CASES = cases_of("rnn")
FORWARD = {"rtol": 1e-5, "atol": 1e-6}
FIT = {"rtol": 1e-4, "atol": 1e-6}


def _with(check):
    return [c for c in CASES if check in c.checks]


def _one(items):
    return items[0] if len(items) == 1 else list(items)


def _leaves(y) -> list:
    return [np.asarray(v) for v in jax.tree_util.tree_leaves(y)]


def _model(case, ref):
    model = build_model(kerasish, case)
    model.set_weights(ref.seq("weights"))
    return model


def _assert_all_close(got, want, tolerance=FORWARD):
    assert len(got) == len(want)
    for g, w in zip(got, want, strict=True):
        np.testing.assert_allclose(g, w, **tolerance)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_weight_layout_and_paths(case, reference):
    ref = reference(case)
    model = build_model(kerasish, case)
    assert [w.shape for w in model.get_weights()] == [
        w.shape for w in ref.seq("weights")
    ]
    assert [v.path for v in model.weights] == ref.extras["weight_names"]
    assert len(model.trainable_weights) == ref.extras["num_trainable"]


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.spec.get("config_layer")], ids=lambda c: c.name
)
def test_config(case, reference):
    ref = reference(case)
    model = _model(case, ref)
    layer = model.get_layer(case.spec["config_layer"])
    config = json.loads(json.dumps(layer.get_config()))
    assert config == ref.extras["config"]
    clone = type(layer).from_config(layer.get_config())
    assert json.loads(json.dumps(clone.get_config())) == config


@pytest.mark.parametrize("case", _with("forward"), ids=lambda c: c.name)
def test_forward(case, reference):
    ref = reference(case)
    model = _model(case, ref)
    xs = ref.seq("x")
    _assert_all_close(_leaves(model(_one(xs), training=False)), ref.seq("y"))
    predicted = model.predict(_one(xs), verbose=0)
    _assert_all_close(_leaves(predicted), ref.seq("y"))


@pytest.mark.parametrize("case", _with("grads"), ids=lambda c: c.name)
def test_grads(case, reference):
    ref = reference(case)
    model = _model(case, ref)
    xs = ref.seq("x")
    trainable = [jnp.asarray(v.numpy()) for v in model.trainable_variables]
    frozen = [jnp.asarray(v.numpy()) for v in model.non_trainable_variables]
    floating = [i for i, x in enumerate(xs) if x.dtype == np.float32]

    def loss(trainable, float_xs):
        inputs = list(xs)
        for i, x in zip(floating, float_xs, strict=True):
            inputs[i] = x
        ys, _ = model.stateless_call(trainable, frozen, _one(inputs))
        return sum(jnp.sum(jnp.square(y)) for y in jax.tree_util.tree_leaves(ys))

    value, (grads, grad_x) = jax.value_and_grad(loss, argnums=(0, 1))(
        trainable, [jnp.asarray(xs[i]) for i in floating]
    )
    np.testing.assert_allclose(value, ref["loss"], **FORWARD)
    _assert_all_close(grads, ref.seq("grads"))
    _assert_all_close(grad_x, ref.seq("grad_x"))


@pytest.mark.parametrize("case", _with("stateful"), ids=lambda c: c.name)
def test_stateful_across_batches(case, reference):
    ref = reference(case)
    model = _model(case, ref)
    batch = case.spec["batch"]
    xs = ref.seq("x")
    first, second = [x[:batch] for x in xs], [x[batch:] for x in xs]
    _assert_all_close(_leaves(model(_one(first))), ref.seq("y_first"))
    _assert_all_close(_leaves(model(_one(second))), ref.seq("y_second"))
    layer = next(layer for layer in model.layers if getattr(layer, "stateful", 0))
    _assert_all_close([v.numpy() for v in layer.states], ref.seq("states"))
    layer.reset_states()
    _assert_all_close(_leaves(model(_one(second))), ref.seq("y_reset"))


@pytest.mark.parametrize("case", _with("fit"), ids=lambda c: c.name)
def test_fit(case, reference):
    ref = reference(case)
    model = _model(case, ref)
    spec = case.spec["fit"]
    kwargs = dict(spec["compile"])
    kwargs["optimizer"] = build_optimizer(kerasish, kwargs["optimizer"])
    model.compile(**kwargs)
    history = model.fit(_one(ref.seq("x")), ref["y_true"], verbose=0, **spec["fit"])
    want = ref.extras["history"]
    assert sorted(history.history) == sorted(want)
    for key, values in want.items():
        np.testing.assert_allclose(history.history[key], values, **FIT)
    _assert_all_close(model.get_weights(), ref.seq("final_weights"), FIT)
