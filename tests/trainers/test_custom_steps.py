"""Keras 3 JAX-style `train_step` / `test_step` overrides, run by `fit`/`evaluate`."""

import jax
import numpy as np

import kerasish as keras
from kerasish import layers


class CustomModel(keras.Sequential):
    """The pattern of Keras' guide "Customizing what happens in fit() with JAX"."""

    def compute_loss_and_updates(
        self, trainable_variables, non_trainable_variables, x, y, training=False
    ):
        y_pred, non_trainable_variables = self.stateless_call(
            trainable_variables, non_trainable_variables, x, training=training
        )
        loss = self.compute_loss(x, y, y_pred)
        return loss, (y_pred, non_trainable_variables)

    def train_step(self, state, data):
        trainable, non_trainable, optimizer_variables, metrics_variables = state
        x, y = data
        grad_fn = jax.value_and_grad(self.compute_loss_and_updates, has_aux=True)
        (loss, (y_pred, non_trainable)), grads = grad_fn(
            trainable, non_trainable, x, y, training=True
        )
        trainable, optimizer_variables = self.optimizer.stateless_apply(
            optimizer_variables, grads, trainable
        )
        new_metrics_variables, logs = [], {}
        for metric in self.metrics:
            n = len(metric.variables)
            this = metrics_variables[len(new_metrics_variables) :][:n]
            if metric.name == "loss":
                this = metric.stateless_update_state(this, loss)
            else:
                this = metric.stateless_update_state(this, y, y_pred)
            logs[metric.name] = metric.stateless_result(this)
            new_metrics_variables += this
        state = (trainable, non_trainable, optimizer_variables, new_metrics_variables)
        return logs, state


def _layers():
    return [keras.Input((4,)), layers.Dense(8, activation="relu"), layers.Dense(1)]


def _data():
    rng = np.random.default_rng(0)
    return rng.normal(size=(32, 4)).astype("float32"), rng.normal(size=(32, 1)).astype(
        "float32"
    )


def test_custom_train_step_trains_like_the_builtin_step():
    x, y = _data()
    custom = CustomModel(_layers())
    builtin = keras.Sequential(_layers())
    builtin.set_weights(custom.get_weights())
    for model in (custom, builtin):
        model.compile(optimizer=keras.optimizers.SGD(0.05), loss="mse")
    history = custom.fit(x, y, batch_size=8, epochs=3, shuffle=False, verbose=0)
    reference = builtin.fit(x, y, batch_size=8, epochs=3, shuffle=False, verbose=0)
    assert sorted(history.history) == ["loss"]
    for got, want in zip(custom.get_weights(), builtin.get_weights(), strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    # The guide's loss tracker averages steps without batch-size weights; with
    # equal batches that is the built-in running mean.
    np.testing.assert_allclose(
        history.history["loss"], reference.history["loss"], rtol=1e-5
    )


class WithTrackers(CustomModel):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.loss_tracker = keras.metrics.Mean(name="loss")
        self.mae_metric = keras.metrics.MeanAbsoluteError(name="mae")

    @property
    def metrics(self):
        return [self.loss_tracker, self.mae_metric]


def test_custom_metrics_property_and_super_test_step():
    x, y = _data()
    model = WithTrackers(_layers())
    model.compile(optimizer="adam", loss="mse")
    history = model.fit(x, y, epochs=2, verbose=0)
    assert sorted(history.history) == ["loss", "mae"]
    assert history.history["loss"][1] < history.history["loss"][0]
    values = model.evaluate(x, y, verbose=0, return_dict=True)
    assert sorted(values) == ["loss", "mae"]
