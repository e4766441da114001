import jax
import jax.numpy as jnp
import numpy as np
import pytest

import kerasish as keras
from kerasish import layers
from tests.helpers import tree_allclose


@pytest.fixture(scope="module")
def model():
    return keras.Sequential(
        [
            keras.Input((3,)),
            layers.Dense(4, activation="relu", name="h"),
            layers.Dropout(0.5, name="drop"),
            layers.Dense(2, name="out"),
        ]
    )


def test_params_tree_layout(model):
    assert set(model.params) == {"h", "out"}
    assert set(model.params["h"]) == {"kernel", "bias"}
    assert model.state == {}


def test_apply_matches_call_and_jit(model):
    x = np.random.default_rng(0).normal(size=(5, 3)).astype("float32")
    eager = np.asarray(model(x))
    np.testing.assert_allclose(
        np.asarray(model.apply(model.params, x)), eager, rtol=1e-6
    )
    jitted = jax.jit(model.apply)(model.params, x)
    np.testing.assert_allclose(np.asarray(jitted), eager, rtol=1e-6)


def test_apply_is_pure_under_grad_and_vmap(model):
    x = np.ones((2, 3), "float32")
    params = jax.tree_util.tree_map(jnp.zeros_like, model.params)
    out = model.apply(params, x)
    np.testing.assert_array_equal(np.asarray(out), np.zeros((2, 2)))
    grads = jax.grad(lambda p: jnp.sum(model.apply(p, x)))(model.params)
    np.testing.assert_allclose(np.asarray(grads["out"]["bias"]), [2.0, 2.0])
    per_sample = jax.vmap(lambda row: model.apply(model.params, row[None])[0])(x)
    np.testing.assert_allclose(np.asarray(per_sample), np.asarray(model(x)), rtol=1e-6)
    # The variables were not touched by any of this.
    assert np.any(model.get_weights()[0] != 0)


def test_stateless_call_list_form(model):
    x = np.ones((2, 3), "float32")
    trainable = [v.value for v in model.trainable_weights]
    outputs, non_trainable = model.stateless_call(trainable, [], x)
    np.testing.assert_allclose(np.asarray(outputs), np.asarray(model(x)), rtol=1e-6)
    assert non_trainable == []


def test_apply_rejects_wrong_tree(model):
    with pytest.raises(ValueError, match="h/kernel"):
        model.apply({"out": model.params["out"]}, np.ones((1, 3), "float32"))


class Counter(layers.Layer):
    def build(self, input_shape):
        self.total = self.add_weight(
            shape=(), initializer="zeros", trainable=False, name="total"
        )

    def call(self, inputs):
        self.total.assign(self.total.value + jnp.sum(inputs))
        return inputs


def test_apply_returns_updated_state_without_mutation():
    model = keras.Sequential([keras.Input((2,)), Counter(name="counter")])
    out, new_state = model.apply(
        model.params, np.ones((3, 2), "float32"), return_state=True
    )
    tree_allclose(new_state, {"counter": {"total": np.float32(6.0)}})
    assert float(model.state["counter"]["total"]) == 0.0
    assert out.shape == (3, 2)
