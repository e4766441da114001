"""`OptaxOptimizer`: raw optax transformations behind the optimizer contract."""

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

from kerasish import optimizers
from kerasish.core.variables import Variable


def _params():
    return {"w": jnp.ones((2,)), "b": jnp.zeros((1,))}


def test_steps_match_optax_and_count_iterations():
    # optax.adam itself trips the suite's strict dtype promotion; sgd does not.
    tx = optax.sgd(0.1, momentum=0.9)
    opt = optimizers.OptaxOptimizer(tx)
    params = _params()
    opt.build(params)
    grads = {"w": jnp.full((2,), 0.5), "b": jnp.full((1,), -1.0)}
    new, opt.opt_state = jax.jit(opt.stateless_apply)(opt.opt_state, grads, params)
    updates, _ = tx.update(grads, tx.init(params), params)
    np.testing.assert_allclose(new["w"], optax.apply_updates(params, updates)["w"])
    assert int(opt.iterations) == 1
    assert len(opt.variables) == 1 + len(jax.tree_util.tree_leaves(tx.init(params)))
    assert opt.variable_paths[0].endswith("/iteration")
    assert opt.transformation is tx


def test_learning_rate_requires_inject_hyperparams():
    opt = optimizers.OptaxOptimizer(optax.sgd(0.1))
    opt.build(_params())
    with pytest.raises(AttributeError, match="inject_hyperparams"):
        opt.learning_rate  # noqa: B018
    with pytest.raises(AttributeError, match="inject_hyperparams"):
        opt.learning_rate = 0.5


def test_injected_learning_rate_is_settable_without_retracing():
    tx = optax.chain(
        optax.clip(10.0), optax.inject_hyperparams(optax.sgd)(learning_rate=0.1)
    )
    opt = optimizers.OptaxOptimizer(tx)
    np.testing.assert_allclose(float(opt.learning_rate), 0.1, rtol=1e-7)
    params = {"w": jnp.ones((2,))}
    opt.build(params)
    traces = []

    def step(state, grads, params):
        traces.append(1)
        return opt.stateless_apply(state, grads, params)

    jstep = jax.jit(step)
    grads = {"w": jnp.ones((2,))}
    params, opt.opt_state = jstep(opt.opt_state, grads, params)
    opt.learning_rate = 0.5
    params, opt.opt_state = jstep(opt.opt_state, grads, params)
    np.testing.assert_allclose(params["w"], 1.0 - 0.1 - 0.5, rtol=1e-6)
    assert len(traces) == 1
    np.testing.assert_allclose(float(opt.learning_rate), 0.5)


def test_learning_rate_set_before_build_is_used():
    opt = optimizers.OptaxOptimizer(
        optax.inject_hyperparams(optax.sgd)(learning_rate=0.1)
    )
    opt.learning_rate = 0.25
    w = Variable(np.ones((2,), "float32"), name="w")
    opt.apply_gradients([(jnp.ones((2,)), w)])
    np.testing.assert_allclose(w.numpy(), 0.75)


def test_rejects_non_transformations_and_is_not_deserializable():
    with pytest.raises(TypeError, match="GradientTransformation"):
        optimizers.OptaxOptimizer("adam")
    opt = optimizers.OptaxOptimizer(optax.sgd(0.1), name="raw")
    assert opt.get_config() == {"name": "raw"}
    with pytest.raises(NotImplementedError):
        optimizers.OptaxOptimizer.from_config(opt.get_config())
