"""Layers against Keras: weight layout, forward passes and gradients, for every
"layer" case of every `compat/cases` module."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import kerasish
from compat.cases import build_model, cases_of

CASES = cases_of("layer")
FORWARD = {"rtol": 1e-5, "atol": 1e-6}
_MODELS: dict = {}


def _model(case, ref):
    """The case's kerasish model holding Keras' initial weights (built once)."""
    if case.name not in _MODELS:
        model = build_model(kerasish, case)
        model.set_weights(ref.seq("weights"))
        _MODELS[case.name] = model
    return _MODELS[case.name]


def _with(check):
    return [c for c in CASES if check in c.checks]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_weight_layout(case, reference):
    ref = reference(case)
    model = build_model(kerasish, case)
    assert [w.shape for w in model.get_weights()] == [
        w.shape for w in ref.seq("weights")
    ]
    assert len(model.trainable_weights) == ref.extras["num_trainable"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_weight_paths(case, reference):
    ref = reference(case)
    model = build_model(kerasish, case)
    assert [v.path for v in model.weights] == ref.extras["weight_names"]


@pytest.mark.parametrize("case", _with("forward"), ids=lambda c: c.name)
def test_forward(case, reference):
    ref = reference(case)
    model = _model(case, ref)
    np.testing.assert_allclose(model.predict(ref["x"], verbose=0), ref["y"], **FORWARD)
    np.testing.assert_allclose(model(ref["x"], training=False), ref["y"], **FORWARD)


@pytest.mark.parametrize("case", _with("forward_train"), ids=lambda c: c.name)
def test_forward_training_mode(case, reference):
    ref = reference(case)
    y = _model(case, ref)(ref["x"], training=True)
    np.testing.assert_allclose(y, ref["y_train"], **FORWARD)


@pytest.mark.parametrize("case", _with("grads"), ids=lambda c: c.name)
def test_grads(case, reference):
    ref = reference(case)
    model = _model(case, ref)
    trainable = [jnp.asarray(v.numpy()) for v in model.trainable_variables]
    frozen = [jnp.asarray(v.numpy()) for v in model.non_trainable_variables]

    def loss(trainable, x):
        y, _ = model.stateless_call(trainable, frozen, x, training=False)
        return jnp.sum(jnp.square(y))

    x = jnp.asarray(ref["x"])
    value, (grads, grad_x) = jax.value_and_grad(loss, argnums=(0, 1))(trainable, x)
    np.testing.assert_allclose(value, ref["loss"], **FORWARD)
    assert len(grads) == len(ref.seq("grads"))
    for got, want in zip(grads, ref.seq("grads"), strict=True):
        np.testing.assert_allclose(got, want, **FORWARD)
    np.testing.assert_allclose(grad_x, ref["grad_x"], **FORWARD)
