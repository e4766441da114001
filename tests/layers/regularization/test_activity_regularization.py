import numpy as np

import kerasish as keras
from kerasish import layers
from tests.layer_checks import check_layer

X = np.arange(8, dtype="float32").reshape(4, 2) - 3


def test_activity_regularization_contract():
    check_layer(layers.ActivityRegularization, {"l1": 0.1}, (2, 3), (2, 3), 0, 0)


def test_activity_regularization_adds_batch_normalized_loss():
    layer = layers.ActivityRegularization(l1=0.1)
    np.testing.assert_array_equal(layer(X), X)
    # Observed from Keras 3.15.1: 0.1 * sum(|x|) / batch_size.
    assert len(layer.losses) == 1
    np.testing.assert_allclose(float(layer.losses[0]), 0.4, rtol=1e-6)


def test_fit_and_evaluate_losses_include_the_activity_penalty():
    model = keras.Sequential(
        [keras.Input((2,)), layers.ActivityRegularization(l1=0.1, l2=0.01)]
    )
    model.compile(optimizer="sgd", loss="mse")
    # Observed from Keras 3.15.1: the mse is 0, the penalty averages to 0.51.
    loss = model.evaluate(X, X, batch_size=2, verbose=0)
    np.testing.assert_allclose(loss, 0.51, rtol=1e-5)
    history = model.fit(X, X, batch_size=4, epochs=1, verbose=0)
    np.testing.assert_allclose(history.history["loss"], [0.51], rtol=1e-5)


def test_activity_regularization_config_as_keras():
    config = layers.ActivityRegularization(l1=0.1, name="a").get_config()
    assert "activity_regularizer" not in config
    assert (config["l1"], config["l2"]) == (0.1, 0.0)
    assert layers.ActivityRegularization(l1=0.1).activity_regularizer.get_config() == {
        "l1": 0.1,
        "l2": 0.0,
    }
