"""Every optimizer and option against values observed from real Keras 3.15.1."""

import re

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from kerasish import optimizers
from kerasish.core.variables import Variable
from kerasish.optimizers import schedules
from tests.optimizers import keras_reference as ref

# Same constructors as the Keras run that produced `ref.OPTIMIZER_RUNS`.
CASES = {
    "sgd": ("SGD", {}),
    "sgd_lr": ("SGD", {"learning_rate": 0.1}),
    "sgd_momentum": ("SGD", {"learning_rate": 0.1, "momentum": 0.9}),
    "sgd_nesterov": ("SGD", {"learning_rate": 0.1, "momentum": 0.9, "nesterov": True}),
    "adam": ("Adam", {}),
    "adam_lr": ("Adam", {"learning_rate": 0.1}),
    "adam_amsgrad": ("Adam", {"learning_rate": 0.1, "amsgrad": True}),
    "adamw": ("AdamW", {}),
    "adamw_lr": ("AdamW", {"learning_rate": 0.1, "weight_decay": 0.1}),
    "rmsprop": ("RMSprop", {}),
    "rmsprop_lr": ("RMSprop", {"learning_rate": 0.1}),
    "rmsprop_momentum": ("RMSprop", {"learning_rate": 0.1, "momentum": 0.9}),
    "rmsprop_centered": ("RMSprop", {"learning_rate": 0.1, "centered": True}),
    "rmsprop_centered_momentum": (
        "RMSprop",
        {"learning_rate": 0.1, "centered": True, "momentum": 0.5, "rho": 0.8},
    ),
    "adagrad": ("Adagrad", {}),
    "adagrad_lr": ("Adagrad", {"learning_rate": 0.1, "initial_accumulator_value": 0.5}),
    "adamax": ("Adamax", {}),
    "adamax_lr": ("Adamax", {"learning_rate": 0.1}),
    "nadam": ("Nadam", {}),
    "nadam_lr": ("Nadam", {"learning_rate": 0.1}),
    "adam_clipnorm": ("Adam", {"learning_rate": 0.1, "clipnorm": 0.5}),
    "sgd_clipnorm": ("SGD", {"learning_rate": 0.1, "clipnorm": 0.5}),
    "sgd_clipvalue": ("SGD", {"learning_rate": 0.1, "clipvalue": 0.3}),
    "sgd_global_clipnorm": ("SGD", {"learning_rate": 0.1, "global_clipnorm": 0.5}),
    "adam_global_clipnorm": ("Adam", {"learning_rate": 0.1, "global_clipnorm": 0.5}),
    "sgd_weight_decay": (
        "SGD",
        {"learning_rate": 0.1, "momentum": 0.5, "weight_decay": 0.1},
    ),
    "rmsprop_weight_decay": ("RMSprop", {"learning_rate": 0.1, "weight_decay": 0.2}),
    "adam_schedule": (
        "Adam",
        {"learning_rate": lambda: schedules.ExponentialDecay(0.1, 2, 0.5)},
    ),
    "sgd_schedule": (
        "SGD",
        {
            "learning_rate": lambda: schedules.PiecewiseConstantDecay(
                [0, 2], [0.1, 0.05, 0.01]
            ),
            "momentum": 0.9,
            "weight_decay": 0.1,
        },
    ),
    "adam_callable": ("Adam", {"learning_rate": lambda: lambda: 0.05}),
    "sgd_ema": ("SGD", {"learning_rate": 0.1, "use_ema": True, "ema_momentum": 0.5}),
    "sgd_ema_overwrite": (
        "SGD",
        {
            "learning_rate": 0.1,
            "use_ema": True,
            "ema_momentum": 0.5,
            "ema_overwrite_frequency": 3,
        },
    ),
    "adam_accumulation": (
        "Adam",
        {"learning_rate": 0.1, "gradient_accumulation_steps": 2},
    ),
    "sgd_loss_scale": ("SGD", {"learning_rate": 0.1, "loss_scale_factor": 4.0}),
    "adamw_exclude": ("AdamW", {"learning_rate": 0.1, "weight_decay": 0.1}),
}


def make(case):
    cls_name, kwargs = CASES[case]
    # Schedules and callables are given as factories so each test gets its own.
    kwargs = {k: v() if callable(v) else v for k, v in kwargs.items()}
    opt = getattr(optimizers, cls_name)(**kwargs)
    if case == "adamw_exclude":
        opt.exclude_from_weight_decay(var_names=["b"])
    return opt


def grads_at(t):
    s = ref.SCALES[t]
    return {"w": jnp.asarray(ref.GW) * s, "b": jnp.asarray(ref.GB) * s}


def keras_name(name):
    return re.sub(r"^variable_\d+$", "variable", name)


def check_against_keras(case, opt, w, b, lrs):
    run = ref.OPTIMIZER_RUNS[case]
    np.testing.assert_allclose(w, run["w"], rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(b, run["b"], rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(lrs, run["lrs"], rtol=1e-6)
    names = [keras_name(v.name) for v in opt.variables]
    assert names == [keras_name(n) for n, _ in run["variables"]]
    assert len(opt.variables) == len(run["variables"])
    for value, (name, expected) in zip(opt.variables, run["variables"], strict=True):
        np.testing.assert_allclose(value, expected, rtol=1e-6, atol=1e-7, err_msg=name)
    assert int(opt.iterations) == (2 if case == "adam_accumulation" else 4)


@pytest.mark.parametrize("case", sorted(CASES))
def test_pure_jitted_steps_match_keras(case):
    opt = make(case)
    params = {"w": jnp.asarray(ref.W0), "b": jnp.asarray(ref.B0)}
    opt.build(params, order=["w", "b"])  # Keras created `w` first.
    step = jax.jit(opt.stateless_apply)
    lrs = []
    for t in range(4):
        params, opt.opt_state = step(opt.opt_state, grads_at(t), params)
        lrs.append(float(opt.learning_rate))
    check_against_keras(case, opt, params["w"], params["b"], lrs)


@pytest.mark.parametrize(
    "case", ["sgd_nesterov", "adam_amsgrad", "nadam_lr", "adamw_exclude", "sgd_ema"]
)
def test_stateful_apply_gradients_matches_keras(case):
    opt = make(case)
    w = Variable(np.asarray(ref.W0, "float32"), name="w")
    b = Variable(np.asarray(ref.B0, "float32"), name="b")
    lrs = []
    for t in range(4):
        g = grads_at(t)
        assert int(opt.apply_gradients([(g["w"], w), (g["b"], b)])) == t + 1
        lrs.append(float(opt.learning_rate))
    check_against_keras(case, opt, w.numpy(), b.numpy(), lrs)


@pytest.mark.parametrize(
    "case", ["adam_lr", "rmsprop_centered_momentum", "sgd_schedule"]
)
def test_optax_transformation_matches_keras(case):
    opt = make(case)
    tx = opt.transformation
    params = {"w": jnp.asarray(ref.W0), "b": jnp.asarray(ref.B0)}
    state = tx.init(params)
    for t in range(4):
        updates, state = tx.update(grads_at(t), state, params)
        params = jax.tree_util.tree_map(jnp.add, params, updates)
    run = ref.OPTIMIZER_RUNS[case]
    np.testing.assert_allclose(params["w"], run["w"], rtol=1e-6)
    np.testing.assert_allclose(params["b"], run["b"], rtol=1e-6)
    assert int(state["iterations"]) == 4
