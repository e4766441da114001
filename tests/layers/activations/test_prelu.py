import jax
import jax.numpy as jnp
import numpy as np
import pytest

import kerasish as keras
from kerasish import layers
from tests.layer_checks import check_layer


def test_prelu_contract():
    check_layer(layers.PReLU, {"alpha_initializer": "ones"}, (2, 3, 4), (2, 3, 4), 1, 0)


def test_prelu_shared_axes_weight_shape_and_values():
    layer = layers.PReLU(shared_axes=[1, 2], name="p")
    x = np.random.default_rng(0).normal(size=(2, 3, 3, 4)).astype("float32")
    layer.build(x.shape)
    assert layer.alpha.shape == (1, 1, 4)
    assert layer.alpha.path == "p/alpha"
    alpha = np.array([[[0.1, 0.2, 0.3, 0.4]]], "float32")
    layer.set_weights([alpha])
    np.testing.assert_allclose(
        np.asarray(layer(x)), np.where(x > 0, x, alpha * x), rtol=1e-6
    )
    assert layers.PReLU(shared_axes=1).get_config()["shared_axes"] == [1]


def test_prelu_gradient_wrt_alpha_is_the_negative_part():
    model = keras.Sequential([keras.Input((2,)), layers.PReLU(name="p")])
    x = np.array([[-2.0, 3.0]], "float32")
    grads = jax.grad(lambda params: jnp.sum(model.apply(params, x)))(model.params)
    np.testing.assert_allclose(np.asarray(grads["p"]["alpha"]), [-2.0, 0.0])


def test_prelu_bad_shared_axes():
    with pytest.raises(ValueError, match="shared_axes"):
        layers.PReLU(shared_axes=[3])(np.zeros((2, 3), "float32"))
