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


@pytest.mark.parametrize("case", EVALUATE_CASES, ids=lambda c: c.name)
def test_evaluate_return_forms(case, reference):
    ref = reference(case)
    want = ref.extras
    x, y = ref["x"], ref["y"]
    ev = {"batch_size": case.spec["batch_size"], "verbose": 0}
    model = _compiled(case, ref)
    assert model.metrics_names == want["names_compiled"]
    _check(model.evaluate(x, y, **ev), want["list"])
    assert model.metrics_names == want["names_evaluated"]
    _check(model.evaluate(x, y, return_dict=True, **ev), want["dict"])
    model.fit(x, y, epochs=1, shuffle=False, **ev)
    assert model.metrics_names == want["names_fitted"]
    _check(model.evaluate(x, y, **ev), want["after_fit"], rtol=1e-4)

    plain = build_model(kerasish, case)
    plain.set_weights(ref.seq("fitted_weights"))
    plain.compile(
        optimizer="sgd", loss=case.spec.get("loss", "sparse_categorical_crossentropy")
    )
    assert plain.metrics_names == want["loss_only_names_compiled"]
    _check(plain.evaluate(x, y, **ev), want["loss_only"])
    _check(plain.evaluate(x, y, return_dict=True, **ev), want["loss_only_dict"])
    assert plain.metrics_names == want["loss_only_names_evaluated"]
