"""The global distribution: setter, getter, scope, and fit on a 1-device mesh."""

import contextlib

import numpy as np
import pytest

import kerasish as keras
from kerasish import layers
from kerasish.distribution import DataParallel, distribution, set_distribution


def _fit(dist) -> tuple:
    keras.utils.set_random_seed(0)
    with dist.scope() if dist else contextlib.nullcontext():
        model = keras.Sequential([keras.Input((3,)), layers.Dense(2)])
        model.compile("sgd", "mse")
        x = np.arange(24, dtype="float32").reshape(8, 3) / 10
        history = model.fit(x, x[:, :2], batch_size=4, epochs=2, verbose=0)
        return history.history["loss"], model.get_weights(), model


def test_set_distribution_and_scope():
    assert distribution() is None
    dist = DataParallel()
    with dist.scope():
        assert distribution() is dist
    assert distribution() is None
    set_distribution(dist)
    try:
        assert keras.distribution.distribution() is dist
    finally:
        set_distribution(None)


def test_fit_in_scope_matches_plain_fit():
    plain_loss, plain_weights, _ = _fit(None)
    loss, weights, model = _fit(DataParallel())
    np.testing.assert_allclose(loss, plain_loss, rtol=1e-6)
    for a, b in zip(plain_weights, weights, strict=True):
        np.testing.assert_allclose(b, a, rtol=1e-6)
    assert type(model.layers[0].kernel.value.sharding).__name__ == "NamedSharding"
    assert model.layers[0].kernel._layout.axes == (None, None)


def test_set_distribution_after_build_says_what_to_change():
    model = keras.Sequential([keras.Input((3,)), layers.Dense(2)])
    model.compile("sgd", "mse")
    with DataParallel().scope():
        with pytest.raises(ValueError, match="created before the distribution"):
            model.fit(np.ones((4, 3)), np.ones((4, 2)), verbose=0)


def test_set_weights_keeps_the_layout():
    with DataParallel().scope():
        layer = layers.Dense(2)
        layer.build((None, 3))
        layer.set_weights([np.ones((3, 2)), np.zeros(2)])
    assert layer.kernel._layout.axes == (None, None)
    assert layer.kernel.value.sharding.is_equivalent_to(
        layer.kernel._layout.backend_layout, 2
    )
    np.testing.assert_array_equal(layer.kernel.numpy(), np.ones((3, 2)))
