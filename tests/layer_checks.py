"""`check_layer`: the shared contract test every layer test starts with."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp
import numpy as np


def check_layer(
    cls: type,
    init_kwargs: dict,
    input_shape: tuple,
    expected_output_shape: tuple,
    expected_num_trainable: int,
    expected_num_non_trainable: int,
    input_dtype: str = "float32",
) -> Any:
    """Checks a layer against the Layer contract; returns the built layer.

    Covers build, output shape and dtype, weight counts and order, the
    get/set_weights and get_config/from_config round-trips, jit equal to
    eager, a gradient reaching every trainable weight, and frozen weights
    staying put under a training step.
    """
    import kerasish as keras

    # Weights drawn from a fixed seed: a contract check must not depend on the
    # order tests run in (a random relu layer can start with every unit dead).
    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    if input_dtype.startswith("int"):
        x = rng.integers(0, 4, size=input_shape).astype(input_dtype)
    else:
        x = rng.normal(size=input_shape).astype(input_dtype)
    layer = cls(**init_kwargs)
    y = layer(x)
    assert layer.built
    assert tuple(y.shape) == tuple(expected_output_shape)
    assert str(y.dtype) == layer.compute_dtype or not jnp.issubdtype(
        y.dtype, jnp.floating
    )
    assert tuple(layer.compute_output_shape(tuple(input_shape))) == tuple(
        expected_output_shape
    )
    assert len(layer.trainable_weights) == expected_num_trainable
    assert len(layer.non_trainable_weights) == expected_num_non_trainable

    _check_weights_round_trip(layer, rng)
    clone = cls.from_config(layer.get_config())
    assert clone.get_config() == layer.get_config()

    model = keras.Sequential([keras.Input(input_shape[1:], dtype=input_dtype), layer])
    eager = np.asarray(model(x))
    jitted = np.asarray(jax.jit(model.apply)(model.params, x))
    np.testing.assert_allclose(jitted, eager, rtol=1e-5, atol=1e-6)
    _check_gradients(model, x)
    _check_frozen(model, x)
    return layer


def _check_weights_round_trip(layer: Any, rng: np.random.Generator) -> None:
    weights = layer.get_weights()
    new = [rng.normal(size=w.shape).astype(w.dtype) for w in weights]
    layer.set_weights(new)
    for got, want in zip(layer.get_weights(), new, strict=True):
        np.testing.assert_array_equal(got, want)
    layer.set_weights(weights)


def _check_gradients(model: Any, x: np.ndarray) -> None:
    if not model.params:
        return

    def loss(params: Any) -> jax.Array:
        out = model.apply(params, x, training=True, key=jax.random.key(1))
        return jnp.sum(jnp.square(out.astype("float32")))

    grads = jax.grad(loss)(model.params)
    for path, leaf in jax.tree_util.tree_leaves_with_path(grads):
        assert np.any(np.asarray(leaf) != 0), f"no gradient reaches {path}"


def _check_frozen(model: Any, x: np.ndarray) -> None:
    if not model.weights:
        return
    model.trainable = False
    before = [w.copy() for w in model.get_weights()]
    model.compile(optimizer="sgd", loss="mse")
    y = np.asarray(model.predict(x, verbose=0))
    model.fit(x, np.zeros_like(y), epochs=1, verbose=0, shuffle=False)
    for got, want in zip(model.get_weights(), before, strict=True):
        np.testing.assert_array_equal(got, want)
    model.trainable = True
