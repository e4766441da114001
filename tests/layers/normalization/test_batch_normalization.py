import numpy as np
import pytest

import kerasish as keras
from kerasish import layers
from tests.layer_checks import check_layer

X = np.array(
    [
        [1.2514604, 0.73579025, 2.2808452],
        [1.2098002, -0.07133877, 1.7231901],
        [3.608, 2.894162, -0.40747046],
        [-1.530843, -0.24654889, 1.082652],
        [-3.6500616, 0.5624167, -1.491822],
        [-0.46453476, -0.08851802, 0.3673997],
        [1.823261, 3.0850267, 0.74293065],
        [3.7329268, -0.33038938, 1.7030201],
    ],
    "float32",
)
Y = np.array(
    [[0.90347016], [0.0940123], [-0.7434993], [-0.9217254]]
    + [[-0.45772582], [0.22019513], [-1.0096182], [-0.20917557]],
    "float32",
)
W1 = np.array(
    [
        [-0.07961251, 0.2704228, 0.10732956, 0.17768635],
        [-0.3269143, -0.06480682, 0.39198774, 0.74671555],
        [-0.62953275, 0.7569619, 0.6729377, 0.3906557],
    ],
    "float32",
)
W2 = np.array([[0.13222781], [-0.15696141], [0.72901034], [0.9801292]], "float32")


def test_batch_normalization_contract():
    check_layer(
        layers.BatchNormalization,
        {"beta_initializer": "ones", "gamma_initializer": "ones"},
        (4, 3),
        (4, 3),
        2,
        2,
    )


def test_no_center_no_scale_rank4_channels_first():
    layer = layers.BatchNormalization(axis=1, center=False, scale=False)
    x = np.random.default_rng(1).normal(size=(2, 3, 2, 2)).astype("float32")
    out = np.asarray(layer(x, training=True))
    mean = x.mean((0, 2, 3), keepdims=True)
    var = x.var((0, 2, 3), keepdims=True)
    np.testing.assert_allclose(out, (x - mean) / np.sqrt(var + 1e-3), atol=1e-5)
    assert [w.name for w in layer.weights] == ["moving_mean", "moving_variance"]


def test_weight_names_and_order():
    layer = layers.BatchNormalization(name="bn")
    layer.build((None, 3))
    assert [v.name for v in layer.weights] == [
        "gamma",
        "beta",
        "moving_mean",
        "moving_variance",
    ]
    assert [v.trainable for v in layer.weights] == [True, True, False, False]


def test_training_uses_biased_batch_stats_and_updates_moving_stats():
    layer = layers.BatchNormalization(momentum=0.9, epsilon=1e-3)
    out = np.asarray(layer(X, training=True))
    mean, var = X.mean(0), X.var(0)
    np.testing.assert_allclose(out, (X - mean) / np.sqrt(var + 1e-3), rtol=1e-5)
    np.testing.assert_allclose(layer.moving_mean.numpy(), 0.1 * mean, rtol=1e-5)
    np.testing.assert_allclose(
        layer.moving_variance.numpy(), 0.9 + 0.1 * var, rtol=1e-5
    )
    infer = np.asarray(layer(X))
    moving_mean, moving_var = 0.1 * mean, 0.9 + 0.1 * var
    np.testing.assert_allclose(
        infer, (X - moving_mean) / np.sqrt(moving_var + 1e-3), rtol=1e-5, atol=1e-6
    )


def test_frozen_layer_runs_in_inference_mode_even_with_training_true():
    layer = layers.BatchNormalization(trainable=False)
    out = np.asarray(layer(X, training=True))
    np.testing.assert_allclose(out, X / np.sqrt(1.0 + 1e-3), rtol=1e-6)
    np.testing.assert_array_equal(layer.moving_mean.numpy(), np.zeros(3))


def test_pure_apply_returns_updated_moving_stats_as_state():
    model = keras.Sequential([keras.Input((3,)), layers.BatchNormalization(name="bn")])
    _, state = model.apply(model.params, X, training=True, return_state=True)
    np.testing.assert_allclose(state["bn"]["moving_mean"], 0.01 * X.mean(0), rtol=1e-5)
    _, state = model.apply(model.params, X, training=False, return_state=True)
    np.testing.assert_array_equal(state["bn"]["moving_mean"], np.zeros(3))


def _bn_model():
    model = keras.Sequential(
        [
            keras.Input((3,)),
            layers.Dense(4, name="d0"),
            layers.BatchNormalization(name="bn"),
            layers.Dense(1, name="d1"),
        ]
    )
    zeros, ones = np.zeros(4, "float32"), np.ones(4, "float32")
    model.set_weights([W1, zeros, ones, zeros, zeros, ones, W2, np.zeros(1, "float32")])
    return model


def test_fit_updates_moving_stats_as_keras():
    # Values observed from Keras 3.15.1 (JAX backend): same weights and data,
    # SGD(0.1), mse, batch_size=4, one epoch, shuffle=False.
    model = _bn_model()
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    history = model.fit(X, Y, batch_size=4, epochs=1, shuffle=False, verbose=0)
    np.testing.assert_allclose(history.history["loss"], [1.1153770685195923], 1e-5)
    bn = model.get_layer("bn")
    np.testing.assert_allclose(
        bn.moving_mean.numpy(),
        [-0.01679755, 0.015015589, 0.014066109, 0.020528516],
        rtol=1e-4,
    )
    np.testing.assert_allclose(
        bn.moving_variance.numpy(),
        [0.9995838, 1.0191253, 0.9835452, 1.0098333],
        rtol=1e-5,
    )
    np.testing.assert_allclose(
        bn.gamma.numpy(), [1.0279087, 0.99815667, 0.91172546, 0.66662204], rtol=1e-5
    )
    np.testing.assert_allclose(
        bn.beta.numpy(),
        [-0.014710717, 0.010379902, -0.06156112, -0.07527113],
        rtol=1e-4,
    )


def test_frozen_bn_does_not_change_in_fit_and_runs_in_inference_mode():
    model = _bn_model()
    model.get_layer("bn").trainable = False
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    history = model.fit(X, Y, batch_size=4, epochs=1, shuffle=False, verbose=0)
    # Keras 3.15.1: the loss of the frozen (inference-mode) BN model.
    np.testing.assert_allclose(history.history["loss"], [5.968175888061523], 1e-5)
    bn = model.get_layer("bn")
    for weight, want in zip(bn.get_weights(), [1, 0, 0, 1], strict=True):
        np.testing.assert_array_equal(weight, np.full(4, want, "float32"))
    np.testing.assert_allclose(
        model.get_layer("d1").bias.numpy(), [-0.2216983], rtol=1e-5
    )


def test_mask_excludes_positions_from_batch_stats():
    x = np.array(
        [
            [[1.5834728, 1.320361], [0.0, 0.0], [0.052028973, 0.6836862]],
            [[1.0039616, -0.61790705], [1.8220114, -1.320431], [-0.66152805, 0.93505]],
        ],
        "float32",
    )
    mask = np.array([[True, False, True], [True, True, False]])
    out = layers.BatchNormalization()(x, training=True, mask=mask)
    # Keras 3.15.1 output for the same call.
    want = [
        [[0.685436, 1.2519537], [-1.6332133, -0.015772423], [-1.5570283, 0.6406594]],
        [[-0.16313136, -0.60904723], [1.0347235, -1.2835659], [-2.6018763, 0.8820028]],
    ]
    np.testing.assert_allclose(np.asarray(out), want, rtol=1e-5, atol=1e-6)
    with pytest.raises(ValueError, match="one dimension less"):
        layers.BatchNormalization()(x, training=True, mask=np.ones((2, 3, 2), bool))


def test_bad_arguments():
    with pytest.raises(ValueError, match="synchronized=True"):
        layers.BatchNormalization(synchronized=True)
    with pytest.raises(ValueError, match="Axis 3 is out of bounds.*axis=3"):
        layers.BatchNormalization(axis=3)(X)
    layer = layers.BatchNormalization(name="bn")
    layer(X)
    with pytest.raises(ValueError, match='"bn"'):
        layer(np.zeros((2, 5), "float32"))


def test_config_matches_keras_keys():
    config = layers.BatchNormalization(name="bn").get_config()
    assert list(config)[3:] == [
        "axis",
        "momentum",
        "epsilon",
        "center",
        "scale",
        "beta_initializer",
        "gamma_initializer",
        "moving_mean_initializer",
        "moving_variance_initializer",
        "beta_regularizer",
        "gamma_regularizer",
        "beta_constraint",
        "gamma_constraint",
        "synchronized",
        "renorm",
        "renorm_clipping",
        "renorm_momentum",
    ]
    assert config["momentum"] == 0.99 and config["epsilon"] == 0.001
