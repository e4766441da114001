import numpy as np

import kerasish as keras
from kerasish import layers
from kerasish.core.masking import get_keras_mask
from tests.layer_checks import check_layer

X = np.array(
    [
        [[1.5834728, 1.320361], [0.0, 0.0], [0.052028973, 0.6836862]],
        [[1.0039616, -0.61790705], [1.8220114, -1.320431], [-0.66152805, 0.93505]],
    ],
    "float32",
)


def test_masking_contract():
    check_layer(layers.Masking, {"mask_value": 0.5}, (2, 3, 2), (2, 3, 2), 0, 0)


def test_masks_timesteps_equal_to_mask_value():
    out = layers.Masking()(X)
    np.testing.assert_array_equal(np.asarray(out), X)
    np.testing.assert_array_equal(
        get_keras_mask(out), [[True, False, True], [True, True, True]]
    )
    x = X.copy()
    x[1, 0] = 7.0
    out = layers.Masking(mask_value=7.0)(x)
    np.testing.assert_array_equal(np.asarray(out)[1, 0], [0.0, 0.0])
    assert not get_keras_mask(out)[1, 0]


def test_mask_flows_through_dense_to_the_loss():
    model = keras.Sequential(
        [keras.Input((3, 2)), layers.Masking(), layers.Dense(1, use_bias=False)]
    )
    model.set_weights([np.ones((2, 1), "float32")])
    model.compile(optimizer="sgd", loss="mse")
    y = np.zeros((2, 3, 1), "float32")
    y[0, 1] = 100.0  # on the masked timestep: must not count
    pred = np.asarray(model.predict(X, verbose=0))
    keep = np.array([[1, 0, 1], [1, 1, 1]], bool)
    want = np.mean((pred - y)[keep] ** 2)
    np.testing.assert_allclose(model.evaluate(X, y, verbose=0), want, rtol=1e-5)
