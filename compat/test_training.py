"""Training against Keras: `fit` trajectories (History, final weights) for every
optimizer, shuffled and unshuffled, and `evaluate`'s return forms."""

import numpy as np
import pytest

import kerasish
from compat.cases import build_model, build_optimizer, cases_of

# The acceptance bar for training comparisons.
FIT = {"rtol": 1e-4, "atol": 1e-6}
FIT_CASES = cases_of("fit")
EVALUATE_CASES = cases_of("evaluate")


def _compiled(case, ref, weights="weights"):
    spec = case.spec
    model = build_model(kerasish, case)
    model.set_weights(ref.seq(weights))
    model.compile(
        optimizer=build_optimizer(kerasish, spec["optimizer"]),
        loss=spec.get("loss", "sparse_categorical_crossentropy"),
        metrics=spec.get("metrics", ["accuracy"]),
    )
    return model


@pytest.mark.parametrize("case", FIT_CASES, ids=lambda c: c.name)
def test_fit(case, reference):
    ref = reference(case)
    model = _compiled(case, ref)
    sw = {"sample_weight": ref["sample_weight"]} if "sample_weight" in ref else {}
    for i, run in enumerate(case.spec["runs"]):
        if run.get("reset_weights"):
            model.set_weights(ref.seq("weights"))
        if run.get("seed_before_fit") is not None:
            kerasish.utils.set_random_seed(run["seed_before_fit"])
        history = model.fit(ref["x"], ref["y"], verbose=0, **run["fit"], **sw)
        want = ref.extras["history"][i]
        assert sorted(history.history) == sorted(want), f"run {i}"
        for key in want:
            got = history.history[key]
            np.testing.assert_allclose(got, want[key], **FIT, err_msg=f"run {i}: {key}")
        for got, final in zip(
            model.get_weights(), ref.seq(f"final_weights/{i}"), strict=True
        ):
            np.testing.assert_allclose(got, final, **FIT, err_msg=f"run {i}: weights")
        assert history.params == ref.extras["params"][i], f"run {i}"


def _check(result, described, rtol=1e-5):
    if described["type"] == "dict":
        assert isinstance(result, dict)
        assert list(result) == described["keys"]
        np.testing.assert_allclose(list(result.values()), described["value"], rtol=rtol)
    elif described["type"] == "list":
        assert isinstance(result, list)
        np.testing.assert_allclose(result, described["value"], rtol=rtol)
    else:
        assert isinstance(result, float)
        np.testing.assert_allclose(result, described["value"], rtol=rtol)


_EVALUATED: dict = {}


def _evaluate_sequence(case, ref) -> dict:
    """Runs the recorded evaluate sequence once per case; returns results and
    `metrics_names` under the reference's keys."""
    if case.name in _EVALUATED:
        return _EVALUATED[case.name]
    x, y = ref["x"], ref["y"]
    ev = {"batch_size": case.spec["batch_size"], "verbose": 0}
    out = {}
    model = _compiled(case, ref)
    out["names_compiled"] = model.metrics_names
    out["list"] = model.evaluate(x, y, **ev)
    out["names_evaluated"] = model.metrics_names
    out["dict"] = model.evaluate(x, y, return_dict=True, **ev)
    model.fit(x, y, epochs=1, shuffle=False, **ev)
    out["names_fitted"] = model.metrics_names
    out["after_fit"] = model.evaluate(x, y, **ev)

    plain = build_model(kerasish, case)
    plain.set_weights(ref.seq("fitted_weights"))
    loss = case.spec.get("loss", "sparse_categorical_crossentropy")
    plain.compile(optimizer="sgd", loss=loss)
    out["loss_only_names_compiled"] = plain.metrics_names
    out["loss_only"] = plain.evaluate(x, y, **ev)
    out["loss_only_dict"] = plain.evaluate(x, y, return_dict=True, **ev)
    out["loss_only_names_evaluated"] = plain.metrics_names
    _EVALUATED[case.name] = out
    return out


@pytest.mark.parametrize("case", EVALUATE_CASES, ids=lambda c: c.name)
def test_evaluate_return_forms(case, reference):
    ref = reference(case)
    got = _evaluate_sequence(case, ref)
    for key in ("list", "dict", "loss_only", "loss_only_dict"):
        _check(got[key], ref.extras[key])
    _check(got["after_fit"], ref.extras["after_fit"], rtol=1e-4)


@pytest.mark.parametrize("case", EVALUATE_CASES, ids=lambda c: c.name)
def test_metrics_names(case, reference):
    ref = reference(case)
    got = _evaluate_sequence(case, ref)
    for key in got:
        if "names" in key:
            assert got[key] == ref.extras[key], key
