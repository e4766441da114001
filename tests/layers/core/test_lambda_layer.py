import jax.numpy as jnp
import numpy as np
import pytest

import kerasish as keras
from kerasish import activations, layers
from tests.layer_checks import check_layer


def _square(x, power=2):
    return x**power


def test_lambda_contract():
    check_layer(layers.Lambda, {"function": activations.relu}, (2, 3), (2, 3), 0, 0)


def test_lambda_applies_function_with_arguments():
    x = np.array([[1.0, -2.0]], "float32")
    np.testing.assert_array_equal(layers.Lambda(lambda t: t * 2)(x), [[2.0, -4.0]])
    layer = layers.Lambda(_square, arguments={"power": 3})
    np.testing.assert_array_equal(layer(x), [[1.0, -8.0]])


def test_lambda_passes_mask_and_training_when_asked():
    seen = {}

    def fn(x, mask=None, training=None):
        seen.update(mask=mask, training=training)
        return x

    layer = layers.Lambda(fn)
    layer(np.ones((1, 2), "float32"), training=True)
    assert seen == {"mask": None, "training": True}


def test_lambda_output_shape_inference_and_argument():
    # Observed from Keras 3.15.1.
    layer = layers.Lambda(lambda x: jnp.concatenate([x, x], -1))
    assert layer.compute_output_shape((None, 3)) == (None, 6)
    fixed = layers.Lambda(lambda x: x, output_shape=(5,))
    assert fixed.compute_output_shape((None, 3)) == (None, 5)
    assert fixed.compute_output_shape((2, 3)) == (2, 5)
    from_fn = layers.Lambda(lambda x: x, output_shape=lambda s: (s[0], 9))
    assert from_fn.compute_output_shape((4, 3)) == (4, 9)
    assert layers.Lambda(lambda x: x[:, :2])(keras.Input((3,))).shape == (None, 2)


def test_lambda_uninferable_shape_raises_not_implemented():
    layer = layers.Lambda(lambda x: np.asarray(x).sum())
    with pytest.raises(NotImplementedError, match="output_shape"):
        layer.compute_output_shape((None, 3))


def test_lambda_mask_callable_and_constant():
    x = np.ones((1, 3), "float32")
    layer = layers.Lambda(lambda t: t, mask=lambda inputs, mask: inputs > 0)
    assert layer.supports_masking
    np.testing.assert_array_equal(layer.compute_mask(x, None), [[True] * 3])
    constant = np.array([[True, False, True]])
    layer = layers.Lambda(activations.linear, mask=constant)
    assert layer.compute_mask(x, None) is constant
    config = layer.get_config()
    assert config["mask"]["class_name"] == "__numpy__"
    np.testing.assert_array_equal(layers.Lambda.from_config(config).mask, constant)


def test_lambda_config_for_a_python_lambda_as_keras():
    config = layers.Lambda(lambda x: x * 2, name="l").get_config()
    assert config["function"]["class_name"] == "__lambda__"
    assert set(config["function"]["config"]) == {"code", "defaults", "closure"}
    assert config["arguments"] == {}
    assert "output_shape" not in config and "mask" not in config


def test_lambda_from_config_refuses_code_unless_unsafe():
    factor = 3.0
    config = layers.Lambda(lambda x: x * factor, output_shape=(2,)).get_config()
    assert config["function"]["config"]["closure"] == (3.0,)
    for kwargs in ({}, {"safe_mode": True}):
        with pytest.raises(ValueError, match="safe_mode=False"):
            layers.Lambda.from_config(dict(config), **kwargs)
    clone = layers.Lambda.from_config(dict(config), safe_mode=False)
    np.testing.assert_array_equal(clone(np.ones((1, 2), "float32")), [[3.0, 3.0]])
    assert clone.compute_output_shape((None, 7)) == (None, 2)


def test_lambda_named_function_config_and_lookup():
    config = layers.Lambda(_square, output_shape=[2, None]).get_config()
    # Observed from Keras 3.15.1.
    assert config["function"] == {
        "module": "builtins",
        "class_name": "function",
        "config": "_square",
        "registered_name": "function",
    }
    assert config["output_shape"] == [2, None]
    with pytest.raises(TypeError, match="Could not locate function '_square'"):
        layers.Lambda.from_config(dict(config))
    clone = layers.Lambda.from_config(dict(config), custom_objects={"_square": _square})
    assert clone.function is _square
    assert clone._output_shape == (2, None)
    relu = layers.Lambda.from_config(layers.Lambda(activations.relu).get_config())
    assert relu.function is activations.relu


def test_lambda_trains_inside_a_model():
    model = keras.Sequential(
        [
            keras.Input((3,)),
            layers.Dense(2, kernel_initializer="ones", name="d"),
            layers.Lambda(lambda x: x * 0.5),
        ]
    )
    model.compile(optimizer="sgd", loss="mse")
    x = np.ones((4, 3), "float32")
    np.testing.assert_allclose(model.predict(x, verbose=0), np.full((4, 2), 1.5))
    history = model.fit(x, np.zeros((4, 2), "float32"), epochs=2, verbose=0)
    assert history.history["loss"][1] < history.history["loss"][0]


def test_lambda_rejects_non_callable():
    with pytest.raises(TypeError, match="function=3"):
        layers.Lambda(3)
