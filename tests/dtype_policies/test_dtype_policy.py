"""DTypePolicy, the global policy and what layers do with it."""

import jax.numpy as jnp
import numpy as np
import pytest

import kerasish as keras
from kerasish import dtype_policies


@pytest.fixture(autouse=True)
def _restore_policy():
    yield
    keras.config.set_dtype_policy("float32")


@pytest.mark.parametrize(
    "name, compute, variable",
    [
        ("float32", "float32", "float32"),
        ("mixed_bfloat16", "bfloat16", "float32"),
        ("mixed_float16", "float16", "float32"),
        ("float64", "float64", "float64"),
    ],
)
def test_policy_dtypes(name, compute, variable):
    policy = keras.DTypePolicy(name)
    assert (policy.name, policy.compute_dtype, policy.variable_dtype) == (
        name,
        compute,
        variable,
    )
    assert repr(policy) == f'<DTypePolicy "{name}">'
    assert dtype_policies.deserialize(dtype_policies.serialize(policy)) == policy


def test_bad_policies():
    with pytest.raises(ValueError, match="Cannot convert 'mixed_int8'"):
        keras.DTypePolicy("mixed_int8")
    with pytest.raises(TypeError, match="'name' must be a string"):
        keras.DTypePolicy(3)
    with pytest.raises(ValueError, match="Invalid `policy` argument"):
        keras.config.set_dtype_policy(3)


def test_global_policy_reaches_new_layers_only():
    before = keras.layers.Dense(2)
    keras.mixed_precision.set_global_policy("mixed_bfloat16")
    after = keras.layers.Dense(2)
    pinned = keras.layers.Dense(2, dtype="float32")
    assert keras.mixed_precision.global_policy().name == "mixed_bfloat16"
    assert before.compute_dtype == "float32"
    assert (after.compute_dtype, after.dtype) == ("bfloat16", "float32")
    assert pinned.dtype_policy == keras.DTypePolicy("float32")


def test_mixed_layer_computes_in_half_keeps_float32_weights():
    layer = keras.layers.Dense(3, dtype="mixed_bfloat16")
    y = layer(np.ones((2, 4), np.float32))
    assert y.dtype == jnp.bfloat16
    assert layer.kernel.dtype == "float32"
    # Outside the layer's call the variable reads in its own dtype.
    assert layer.kernel.value.dtype == jnp.float32
    expected = np.ones((2, 4)) @ np.asarray(layer.kernel)
    np.testing.assert_allclose(np.asarray(y, np.float32), expected, atol=0.05)


def test_layer_config_carries_the_policy():
    layer = keras.layers.Dense(3, dtype="mixed_float16")
    config = layer.get_config()
    assert config["dtype"]["config"] == {"name": "mixed_float16"}
    assert keras.layers.Dense.from_config(config).compute_dtype == "float16"


def test_mixed_model_trains_with_float32_variables():
    keras.config.set_dtype_policy("mixed_bfloat16")
    model = keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(8, activation="relu"),
            keras.layers.Dense(1),
        ]
    )
    model.compile("adam", "mse")
    x = np.random.default_rng(0).normal(size=(64, 4)).astype("float32")
    y = x.sum(axis=1, keepdims=True)
    history = model.fit(x, y, epochs=5, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]
    assert {v.dtype for v in model.weights} == {"float32"}
