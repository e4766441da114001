import jax.numpy as jnp
import numpy as np
import pytest

import kerasish as keras
from kerasish import layers
from tests.layer_checks import check_layer


def test_normalization_contract_adaptable():
    # mean, variance and count are non-trainable weights, as in Keras.
    layer = check_layer(layers.Normalization, {}, (2, 3), (2, 3), 0, 3)
    assert [w.name for w in layer.weights] == ["mean", "variance", "count"]
    assert layer.count.dtype == "int32"
    assert layer.count_params() == 7


def test_normalization_contract_given_stats():
    kwargs = {"mean": [1.0, 2.0, 3.0], "variance": [1.0, 4.0, 9.0]}
    check_layer(layers.Normalization, kwargs, (2, 3), (2, 3), 0, 0)


def test_adapt_axis_none_matches_keras():
    layer = layers.Normalization(axis=None)
    layer.adapt(np.array([1.0, 2.0, 3.0, 4.0, 5.0]))
    # Keras 3.15.1: [-1.4142135, -0.70710677, 0.0]; weights [3.0, 2.0, 0].
    np.testing.assert_allclose(
        layer(np.array([1.0, 2.0, 3.0])), [-1.4142135, -0.70710677, 0.0], rtol=1e-6
    )
    assert [w.numpy().tolist() for w in layer.weights] == [3.0, 2.0, 0]


def test_adapt_last_axis_biased_variance():
    layer = layers.Normalization()
    layer.adapt(np.array([[0.0, 7.0], [4.0, 2.0], [2.0, 3.0]], "float32"))
    # Keras 3.15.1 weights: mean [2, 4], variance [2.666667, 4.666666], count 0.
    np.testing.assert_allclose(layer.weights[0].numpy(), [2.0, 4.0])
    np.testing.assert_allclose(layer.weights[1].numpy(), [2.666667, 4.666666], 1e-6)


def test_adapt_several_axes_and_jax_arrays():
    x = np.random.default_rng(0).uniform(0, 10, (2, 6, 8, 3)).astype("float32")
    layer = layers.Normalization(axis=(1, -1))
    layer.adapt(jnp.asarray(x))
    assert layer.weights[0].shape == (6, 3)
    np.testing.assert_allclose(layer.weights[0].numpy(), x.mean(axis=(0, 2)), 1e-5)
    np.testing.assert_allclose(layer.weights[1].numpy(), x.var(axis=(0, 2)), 1e-5)


def test_adapt_on_batches_merges_statistics():
    x = np.random.default_rng(1).normal(3.0, 2.0, (10, 2)).astype("float32")
    layer = layers.Normalization()
    layer.adapt([x[:3], (x[3:7], None), x[7:]])
    np.testing.assert_allclose(layer.weights[0].numpy(), x.mean(0), rtol=1e-5)
    np.testing.assert_allclose(layer.weights[1].numpy(), x.var(0), rtol=1e-5)


def test_invert_and_epsilon_floor():
    x = np.array([[1.0, 2.0]], "float32")
    y = layers.Normalization(mean=[1.0, 1.0], variance=[4.0, 0.0], invert=True)(x)
    np.testing.assert_allclose(y, [[3.0, 1.0 + 2.0 * 1e-7]], rtol=1e-6)
    y = layers.Normalization(mean=[0.0, 0.0], variance=[4.0, 0.0])(x)
    np.testing.assert_allclose(y, [[0.5, 2.0e7]], rtol=1e-6)


def test_scalar_stats_broadcast_over_kept_axes():
    layer = layers.Normalization(axis=(1, 2), mean=5.0, variance=4.0)
    y = layer(np.full((1, 2, 3, 1), 7.0, "float32"))
    np.testing.assert_allclose(y, np.ones((1, 2, 3, 1)))


def test_stats_are_state_of_a_pure_call():
    model = keras.Sequential([keras.Input((2,)), layers.Normalization(name="n")])
    state = {
        "n": {
            "mean": jnp.array([1.0, 2.0]),
            "variance": jnp.array([4.0, 1.0]),
            "count": jnp.array(0, "int32"),
        }
    }
    y = model.apply(model.params, np.array([[3.0, 3.0]], "float32"), state=state)
    np.testing.assert_allclose(y, [[1.0, 1.0]])


def test_get_config_matches_keras():
    config = layers.Normalization(mean=[1.0, 2.0], variance=[1.0, 4.0], name="n2")
    config = config.get_config()
    assert config["axis"] == (-1,)
    assert config["mean"] == [1.0, 2.0] and config["variance"] == [1.0, 4.0]
    assert layers.Normalization().get_config()["mean"] is None


def test_bad_arguments():
    with pytest.raises(ValueError, match="both `mean` and `variance`"):
        layers.Normalization(mean=1.0)
    with pytest.raises(ValueError, match="same shape"):
        layers.Normalization(mean=[1.0, 2.0], variance=[1.0])
    with pytest.raises(ValueError, match="axis"):
        layers.Normalization(axis=3)(np.ones((2, 3), "float32"))
    layer = layers.Normalization()
    layer.adapt(np.ones((4, 3), "float32"))
    with pytest.raises(ValueError, match="incompatible shape"):
        layer.adapt(np.ones((4, 2), "float32"))
