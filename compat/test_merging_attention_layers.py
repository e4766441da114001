"""Merging, EinsumDense and attention layers against Keras ("functional_layer"
cases of `compat/cases/merging_attention_layers.py`).

Keras recorded each case as a functional model (`Input`s, optional `Masking`,
the layer call). Here the same computation runs without the functional API:
a small `Model` subclass calls the layer on the list of inputs, the layer
takes Keras' initial weights, and gradients come from `stateless_call`.
"""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import kerasish
from compat.cases import build_layers
from compat.cases.merging_attention_layers import CASES, call_layer

FORWARD = {"rtol": 1e-5, "atol": 1e-6}
# The key projection's bias gets a gradient that is exactly 0 in exact
# arithmetic (softmax ignores a shift shared by all keys): both sides hold
# round-off noise of about 1e-6 there, which jit and eager order differently.
GRADS = {"rtol": 1e-5, "atol": 1e-5}
_SETUPS: dict = {}


class _Wrapper(kerasish.Model):
    """`call(inputs)` = the case's layer call on a list of inputs."""

    def __init__(self, layer, spec, has_attention_mask):
        super().__init__(name="wrapper")
        self.inner = layer
        self.spec = spec
        self.has_attention_mask = has_attention_mask

    def call(self, inputs):
        inputs = list(inputs)
        mask = inputs.pop() if self.has_attention_mask else None
        outputs = call_layer(kerasish, self.inner, inputs, self.spec, mask)
        return list(outputs) if isinstance(outputs, tuple | list) else [outputs]


def _setup(case, ref):
    """`(model, layer, arrays)`, built once per case (eager JAX ops are slow)."""
    if case.name not in _SETUPS:
        _SETUPS[case.name] = _build(case, ref)
    return _SETUPS[case.name]


def _build(case, ref):
    arrays = ref.seq("x")
    has_mask = "attention_mask" in ref
    if has_mask:
        arrays = [*arrays, ref["attention_mask"]]
    layer = build_layers(kerasish, case)[0]
    # Built from shapes, outside the wrapper (eager JAX ops are slow; weight
    # paths then start at the layer, as in Keras' functional model).
    shapes = [tuple(x.shape) for x in ref.seq("x")]
    shapes = [shapes[i] for i in case.spec.get("call_inputs", range(len(shapes)))]
    if case.spec["call"] == "list":
        layer.build(shapes)
    else:
        layer.build(*shapes)
    model = _Wrapper(layer, case.spec, has_mask)
    model.built = True
    layer.set_weights(ref.seq("weights"))
    return model, layer, arrays


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_weights_and_config(case, reference):
    ref = reference(case)
    _, layer, _ = _setup(case, ref)
    assert [v.path for v in layer.weights] == ref.extras["weight_names"]
    assert len(layer.trainable_weights) == ref.extras["num_trainable"]
    config = ref.extras["config"]
    assert _jsonable(layer.get_config()) == config


def _results(case, ref):
    """Outputs, loss and gradients from one jitted `value_and_grad` (cached)."""
    key = ("results", case.name)
    if key not in _SETUPS:
        model, _, arrays = _setup(case, ref)
        n_float = len(ref.seq("x"))
        trainable = [jnp.asarray(v.numpy()) for v in model.trainable_variables]
        frozen = [jnp.asarray(v.numpy()) for v in model.non_trainable_variables]

        def loss(trainable, xs):
            ys, _ = model.stateless_call(trainable, frozen, [*xs, *arrays[n_float:]])
            return sum(jnp.sum(jnp.square(y)) for y in ys), ys

        grad_fn = jax.jit(jax.value_and_grad(loss, argnums=(0, 1), has_aux=True))
        xs = [jnp.asarray(x) for x in arrays[:n_float]]
        _SETUPS[key] = grad_fn(trainable, xs)
    return _SETUPS[key]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_forward(case, reference):
    ref = reference(case)
    (_, ys), _ = _results(case, ref)
    assert len(ys) == len(ref.seq("y"))
    for got, want in zip(ys, ref.seq("y"), strict=True):
        np.testing.assert_allclose(got, want, **FORWARD)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_grads(case, reference):
    ref = reference(case)
    (value, _), (grads, grad_x) = _results(case, ref)
    np.testing.assert_allclose(value, ref["loss"], **FORWARD)
    assert len(grads) == len(ref.seq("grads"))
    for got, want in zip(grads, ref.seq("grads"), strict=True):
        np.testing.assert_allclose(got, want, **GRADS)
    for got, want in zip(grad_x, ref.seq("grad_x"), strict=True):
        np.testing.assert_allclose(got, want, **FORWARD)


def _jsonable(value):
    """Tuples become lists, as in the JSON the reference config went through."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value
