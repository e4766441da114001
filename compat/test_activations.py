"""Activations against Keras: values and gradients on a grid of inputs."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import kerasish
from compat.cases.activations import CASES

TOL = {"rtol": 1e-5, "atol": 1e-6}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_activation(case, reference):
    ref = reference(case)
    fn = kerasish.activations.get(case.spec["fn"])
    kwargs = case.spec["kwargs"]
    x = jnp.asarray(ref["x"])
    np.testing.assert_allclose(fn(x, **kwargs), ref["y"], **TOL)
    weight = jnp.asarray(ref["weight"])
    grad = jax.grad(lambda x: jnp.sum(fn(x, **kwargs) * weight))(x)
    np.testing.assert_allclose(grad, ref["grad"], **TOL)
