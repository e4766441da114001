"""Optimizers against Keras: weights after each `apply_gradients` step of a
fixed gradient sequence, and the optimizer's variables (Keras order) at the end."""

import jax.numpy as jnp
import numpy as np
import pytest

import kerasish
from compat.cases import build_model, build_optimizer
from compat.cases.optimizers import CASES

TOL = {"rtol": 1e-5, "atol": 1e-6}
_RUNS: dict = {}


def _run(case, ref):
    """Replays the recorded gradients (once per case); returns the model,
    optimizer and the weights after each step."""
    if case.name not in _RUNS:
        # generate.py clears Keras' session before each case: names restart.
        kerasish.backend.clear_session()
        model = build_model(kerasish, case)
        model.set_weights(ref.seq("weights"))
        optimizer = build_optimizer(kerasish, case.spec["optimizer"])
        trajectory = []
        for step in range(case.spec["steps"]):
            grads = [jnp.asarray(g) for g in ref.seq(f"grads/{step}")]
            optimizer.apply_gradients(
                zip(grads, model.trainable_variables, strict=True)
            )
            trajectory.append(model.get_weights())
        _RUNS[case.name] = model, optimizer, trajectory
    return _RUNS[case.name]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_trajectory(case, reference):
    ref = reference(case)
    _, _, trajectory = _run(case, ref)
    for step, weights in enumerate(trajectory):
        for got, want in zip(weights, ref.seq(f"trajectory/{step}"), strict=True):
            np.testing.assert_allclose(got, want, **TOL, err_msg=f"step {step + 1}")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_optimizer_variable_values(case, reference):
    ref = reference(case)
    _, optimizer, _ = _run(case, ref)
    assert int(np.asarray(optimizer.iterations)) == ref.extras["iterations"]
    want = ref.seq("optimizer_variables")
    assert len(optimizer.variables) == len(want)
    for got, expected in zip(optimizer.variables, want, strict=True):
        np.testing.assert_allclose(np.asarray(got), expected, **TOL)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_optimizer_variables_are_named_keras_variables(case, reference):
    ref = reference(case)
    _, optimizer, _ = _run(case, ref)
    variables = optimizer.variables
    assert [v.name for v in variables] == ref.extras["optimizer_variable_names"]
    assert [v.path for v in variables] == ref.extras["optimizer_variable_paths"]
    for got, expected in zip(variables, ref.seq("optimizer_variables"), strict=True):
        np.testing.assert_allclose(got.numpy(), expected, **TOL)
