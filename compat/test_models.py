"""Whole models against Keras ("model" cases of `compat/cases/models.py`): a
functional multi-input / multi-output model, subclassed models, a custom layer
and a custom JAX-style `train_step`.

Both sides build the model with the same builder; here it takes Keras' initial
weights. One inference model and one training run per case are shared by the
tests of that case (module caches).
"""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import kerasish
from compat.cases import build_optimizer, cases_of
from compat.cases import models as builders

FORWARD = {"rtol": 1e-5, "atol": 1e-6}
FIT = {"rtol": 1e-4, "atol": 1e-6}
CASES = cases_of("model")
_CACHE: dict = {}


def _with(check: str) -> list:
    return [c for c in CASES if check in c.checks]


def _ids(case) -> str:
    return case.name


def _one(items: list):
    return items[0] if len(items) == 1 else list(items)


def _listed(y) -> list:
    return list(y) if isinstance(y, list | tuple) else [y]


def _fresh(case, ref):
    """The case's model with Keras' initial weights (a subclassed model is
    built by calling it on the data first, as the generator does)."""
    model = builders.build(kerasish, case)
    if not model.built:
        model(_one(ref.seq("x")))
    model.set_weights(ref.seq("weights"))
    return model


def _inference(case, ref) -> dict:
    """Model, `training=False` outputs and `model.losses` after that call."""
    key = ("inference", case.name)
    if key not in _CACHE:
        model = _fresh(case, ref)
        ys = [np.asarray(y) for y in _listed(model(_one(ref.seq("x")), training=False))]
        losses = [float(v) for v in model.losses]
        _CACHE[key] = {"model": model, "y": ys, "losses": losses}
    return _CACHE[key]


def _summary(model, columns: int) -> str:
    texts: list[str] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COLUMNS", str(columns))
        model.summary(print_fn=texts.append)
    return "".join(texts)


def _describe(result) -> dict:
    if isinstance(result, dict):
        return {"type": "dict", "keys": list(result), "value": list(result.values())}
    if isinstance(result, list):
        return {"type": "list", "value": list(result)}
    return {"type": type(result).__name__, "value": result}


def _training(case, ref) -> dict:
    """The recorded compile / evaluate / fit / evaluate sequence, run once."""
    key = ("training", case.name)
    if key in _CACHE:
        return _CACHE[key]
    spec, checks = case.spec, case.checks
    x, y = _one(ref.seq("x")), _one(ref.seq("y_true"))
    model = _fresh(case, ref)
    kwargs = dict(spec["compile"])
    kwargs["optimizer"] = build_optimizer(kerasish, kwargs["optimizer"])
    model.compile(**kwargs)
    ev = {"batch_size": spec["fit"]["batch_size"], "verbose": 0}
    if spec.get("sample_weight"):
        ev["sample_weight"] = builders.sample_weight_arg(case, ref.seq("sample_weight"))
    got: dict = {"names_compiled": list(model.metrics_names)}
    if "evaluate" in checks:
        got["list"] = _describe(model.evaluate(x, y, **ev))
        got["names_evaluated"] = list(model.metrics_names)
        got["dict"] = _describe(model.evaluate(x, y, return_dict=True, **ev))
    if "fit" in checks:
        sw = {"sample_weight": ev["sample_weight"]} if "sample_weight" in ev else {}
        history = model.fit(x, y, verbose=0, **spec["fit"], **sw)
        got["history"] = history.history
        got["params"] = history.params
        got["names_fitted"] = list(model.metrics_names)
        got["final_weights"] = model.get_weights()
        if "evaluate" in checks:
            got["after_fit"] = _describe(model.evaluate(x, y, **ev))
            got["after_fit_dict"] = _describe(
                model.evaluate(x, y, return_dict=True, **ev)
            )
        if "summary" in checks:
            got["summary_fitted"] = _summary(model, spec["columns"])
    _CACHE[key] = got
    return got


@pytest.mark.parametrize("case", _with("layers"), ids=_ids)
def test_layers_and_weights(case, reference):
    ref = reference(case)
    model = _inference(case, ref)["model"]
    assert [layer.name for layer in model.layers] == ref.extras["layers"]
    assert [v.path for v in model.weights] == ref.extras["weight_paths"]
    assert len(model.trainable_weights) == ref.extras["num_trainable"]
    if "config" in ref.extras:
        config = model.get_layer(case.spec["config_layer"]).get_config()
        assert config == ref.extras["config"]


@pytest.mark.parametrize("case", _with("forward"), ids=_ids)
def test_forward(case, reference):
    ref = reference(case)
    got = _inference(case, ref)
    assert len(got["y"]) == len(ref.seq("y"))
    for y, want in zip(got["y"], ref.seq("y"), strict=True):
        np.testing.assert_allclose(y, want, **FORWARD)
    np.testing.assert_allclose(got["losses"], ref.extras["losses"], **FORWARD)


@pytest.mark.parametrize("case", _with("grads"), ids=_ids)
def test_grads(case, reference):
    ref = reference(case)
    model = _inference(case, ref)["model"]
    trainable = [jnp.asarray(v.numpy()) for v in model.trainable_variables]
    frozen = [jnp.asarray(v.numpy()) for v in model.non_trainable_variables]

    def loss(trainable, xs):
        ys, _ = model.stateless_call(trainable, frozen, _one(xs))
        return sum(jnp.sum(jnp.square(y)) for y in _listed(ys))

    grad_fn = jax.jit(jax.value_and_grad(loss, argnums=(0, 1)))
    value, (grads, grad_x) = grad_fn(trainable, [jnp.asarray(x) for x in ref.seq("x")])
    np.testing.assert_allclose(value, ref["loss"], **FORWARD)
    assert len(grads) == len(ref.seq("grads"))
    for got, want in zip(grads, ref.seq("grads"), strict=True):
        np.testing.assert_allclose(got, want, **FORWARD)
    for got, want in zip(grad_x, ref.seq("grad_x"), strict=True):
        np.testing.assert_allclose(got, want, **FORWARD)


@pytest.mark.parametrize("case", _with("summary"), ids=_ids)
def test_summary(case, reference):
    ref = reference(case)
    model = _inference(case, ref)["model"]
    assert _summary(model, case.spec["columns"]) == "".join(ref.extras["summary"])


@pytest.mark.parametrize("case", _with("fit"), ids=_ids)
def test_fit(case, reference):
    ref = reference(case)
    got = _training(case, ref)
    want = ref.extras["history"]
    assert sorted(got["history"]) == sorted(want)
    for key in want:
        np.testing.assert_allclose(got["history"][key], want[key], **FIT, err_msg=key)
    assert got["params"] == ref.extras["params"]
    finals = ref.seq("final_weights")
    assert len(got["final_weights"]) == len(finals)
    for i, (w, final) in enumerate(zip(got["final_weights"], finals, strict=True)):
        np.testing.assert_allclose(w, final, **FIT, err_msg=f"weight {i}")


def _check(got: dict, want: dict, rtol: float) -> None:
    assert got["type"] == want["type"]
    if want["type"] == "dict":
        assert got["keys"] == want["keys"]
    np.testing.assert_allclose(got["value"], want["value"], rtol=rtol)


@pytest.mark.parametrize("case", _with("evaluate"), ids=_ids)
def test_evaluate(case, reference):
    ref = reference(case)
    got = _training(case, ref)
    _check(got["list"], ref.extras["list"], rtol=1e-5)
    _check(got["dict"], ref.extras["dict"], rtol=1e-5)
    _check(got["after_fit"], ref.extras["after_fit"], rtol=1e-4)
    _check(got["after_fit_dict"], ref.extras["after_fit_dict"], rtol=1e-4)


@pytest.mark.parametrize("case", _with("fit"), ids=_ids)
def test_metrics_names(case, reference):
    ref = reference(case)
    got = _training(case, ref)
    for key in ("names_compiled", "names_evaluated", "names_fitted"):
        if key in ref.extras:
            assert got[key] == ref.extras[key], key


@pytest.mark.parametrize(
    "case", [c for c in _with("fit") if "summary" in c.checks], ids=_ids
)
def test_summary_after_fit(case, reference):
    ref = reference(case)
    got = _training(case, ref)
    assert got["summary_fitted"] == "".join(ref.extras["summary_fitted"])
