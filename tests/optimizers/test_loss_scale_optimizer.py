"""LossScaleOptimizer: dynamic scale updates, skipped steps, Keras' variables."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import kerasish as keras


def _built(**kwargs):
    keras.backend.clear_session()
    params = {"w": jnp.ones((2,), jnp.float32)}
    optimizer = keras.optimizers.LossScaleOptimizer(keras.optimizers.SGD(0.5), **kwargs)
    optimizer.build(params)
    return optimizer, params


def test_finite_steps_unscale_and_grow():
    optimizer, params = _built(initial_scale=4.0, dynamic_growth_steps=2)
    state = optimizer.opt_state
    step = jax.jit(optimizer.stateless_apply)
    grads = {"w": jnp.full((2,), 8.0)}  # gradient of the scaled loss
    params, state = step(state, grads, params)
    np.testing.assert_allclose(params["w"], 1.0 - 0.5 * 2.0)
    assert (int(state["step_counter"]), float(state["dynamic_scale"])) == (1, 4.0)
    params, state = step(state, grads, params)
    assert (int(state["step_counter"]), float(state["dynamic_scale"])) == (0, 8.0)
    assert int(state["inner"]["iterations"]) == 2


def test_non_finite_step_is_skipped_and_halves_the_scale():
    optimizer, params = _built(initial_scale=4.0)
    grads = {"w": jnp.array([jnp.inf, 1.0])}
    new_params, state = optimizer.stateless_apply(optimizer.opt_state, grads, params)
    np.testing.assert_array_equal(new_params["w"], params["w"])
    assert float(state["dynamic_scale"]) == 2.0
    assert int(state["inner"]["iterations"]) == 0


def test_variables_and_config_follow_keras():
    optimizer, _ = _built()
    assert [v.path for v in optimizer.variables] == [
        "loss_scale_optimizer/iteration",
        "loss_scale_optimizer/learning_rate",
        "loss_scale_optimizer/step_counter",
        "loss_scale_optimizer/dynamic_scale",
        "sgd/iteration",
        "sgd/learning_rate",
    ]
    assert float(optimizer.scale_loss(jnp.float32(2.0))) == 2.0**16
    config = optimizer.get_config()
    assert config["inner_optimizer"]["class_name"] == "SGD"
    clone = keras.optimizers.deserialize(keras.optimizers.serialize(optimizer))
    assert type(clone.inner_optimizer) is keras.optimizers.SGD
    assert clone.initial_scale == 2.0**15


def test_rejects_base_arguments():
    with pytest.raises(ValueError, match="does not support `clipnorm`"):
        keras.optimizers.LossScaleOptimizer(keras.optimizers.SGD(), clipnorm=1.0)
    with pytest.raises(ValueError, match="no longer supports `dynamic=False`"):
        keras.optimizers.LossScaleOptimizer(keras.optimizers.SGD(), dynamic=False)


def test_compile_wraps_under_mixed_float16():
    keras.config.set_dtype_policy("mixed_float16")
    try:
        model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
        model.compile("sgd", "mse")
        assert isinstance(model.optimizer, keras.optimizers.LossScaleOptimizer)
        model.compile("sgd", "mse", auto_scale_loss=False)
        assert type(model.optimizer) is keras.optimizers.SGD
    finally:
        keras.config.set_dtype_policy("float32")
