"""Customizing what happens in `fit()` and `evaluate()` with JAX.

Follows the keras.io guide "Customizing what happens in fit() with JAX"
(https://keras.io/guides/custom_train_step_in_jax/). With the JAX backend a
model's `train_step(state, data)` is a pure function: it receives the values
of all variables as `state = (trainable_variables, non_trainable_variables,
optimizer_variables, metrics_variables)` and returns `(logs, state)`.

1. `CustomModel`: a `compute_loss_and_updates` built on `stateless_call` and
   `compute_loss`, differentiated with `jax.value_and_grad`; the optimizer
   step is `optimizer.stateless_apply`; compiled metrics are updated with
   `stateless_update_state` / `stateless_result`.
2. `LowLevelModel`: no compiled loss or metrics; its own `MeanSquaredError`
   loss, `Mean` loss tracker and `MeanAbsoluteError` metric, listed in the
   `metrics` property so they are reset at each epoch.
3. Custom `test_step(state, data)` methods, used by `evaluate()`: the state has
   no optimizer variables there. (Both models need one: the guide's
   `compute_loss_and_updates` replaces the one Keras' built-in `test_step` calls.)

`fit`, callbacks, progress bars and `evaluate` work as usual around them.
Only the import differs from Keras 3 (`import kerasish as keras`).

Run:
    python examples/custom_train_step.py           # 1000 samples, 5 epochs
    python examples/custom_train_step.py --smoke   # 256 samples, 2 epochs
"""

import argparse
import os

os.environ["KERAS_BACKEND"] = "jax"

import jax
import numpy as np

import kerasish as keras


class CustomModel(keras.Model):
    def compute_loss_and_updates(
        self,
        trainable_variables,
        non_trainable_variables,
        x,
        y,
        training=False,
    ):
        y_pred, non_trainable_variables = self.stateless_call(
            trainable_variables,
            non_trainable_variables,
            x,
            training=training,
        )
        loss = self.compute_loss(x, y, y_pred)
        return loss, (y_pred, non_trainable_variables)

    def train_step(self, state, data):
        (
            trainable_variables,
            non_trainable_variables,
            optimizer_variables,
            metrics_variables,
        ) = state
        x, y = data

        # Get the gradient function.
        grad_fn = jax.value_and_grad(self.compute_loss_and_updates, has_aux=True)

        # Compute the gradients.
        (loss, (y_pred, non_trainable_variables)), grads = grad_fn(
            trainable_variables,
            non_trainable_variables,
            x,
            y,
            training=True,
        )

        # Update trainable variables and optimizer variables.
        (
            trainable_variables,
            optimizer_variables,
        ) = self.optimizer.stateless_apply(
            optimizer_variables, grads, trainable_variables
        )

        # Update metrics.
        new_metrics_vars = []
        logs = {}
        for metric in self.metrics:
            this_metric_vars = metrics_variables[
                len(new_metrics_vars) : len(new_metrics_vars) + len(metric.variables)
            ]
            if metric.name == "loss":
                this_metric_vars = metric.stateless_update_state(this_metric_vars, loss)
            else:
                this_metric_vars = metric.stateless_update_state(
                    this_metric_vars, y, y_pred
                )
            logs[metric.name] = metric.stateless_result(this_metric_vars)
            new_metrics_vars += this_metric_vars

        # Return metric logs and updated state variables.
        state = (
            trainable_variables,
            non_trainable_variables,
            optimizer_variables,
            new_metrics_vars,
        )
        return logs, state

    def test_step(self, state, data):
        # Unpack the data.
        x, y = data
        (
            trainable_variables,
            non_trainable_variables,
            metrics_variables,
        ) = state

        # Compute predictions and loss.
        y_pred, non_trainable_variables = self.stateless_call(
            trainable_variables,
            non_trainable_variables,
            x,
            training=False,
        )
        loss = self.compute_loss(x, y, y_pred)

        # Update metrics.
        new_metrics_vars = []
        logs = {}
        for metric in self.metrics:
            this_metric_vars = metrics_variables[
                len(new_metrics_vars) : len(new_metrics_vars) + len(metric.variables)
            ]
            if metric.name == "loss":
                this_metric_vars = metric.stateless_update_state(this_metric_vars, loss)
            else:
                this_metric_vars = metric.stateless_update_state(
                    this_metric_vars, y, y_pred
                )
            logs[metric.name] = metric.stateless_result(this_metric_vars)
            new_metrics_vars += this_metric_vars

        # Return metric logs and updated state variables.
        state = (
            trainable_variables,
            non_trainable_variables,
            new_metrics_vars,
        )
        return logs, state


class LowLevelModel(keras.Model):
    """Tracks its own loss and metric instead of using compiled ones."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.loss_tracker = keras.metrics.Mean(name="loss")
        self.mae_metric = keras.metrics.MeanAbsoluteError(name="mae")
        self.loss_fn = keras.losses.MeanSquaredError()

    def compute_loss_and_updates(
        self,
        trainable_variables,
        non_trainable_variables,
        x,
        y,
        training=False,
    ):
        y_pred, non_trainable_variables = self.stateless_call(
            trainable_variables,
            non_trainable_variables,
            x,
            training=training,
        )
        loss = self.loss_fn(y, y_pred)
        return loss, (y_pred, non_trainable_variables)

    def train_step(self, state, data):
        (
            trainable_variables,
            non_trainable_variables,
            optimizer_variables,
            metrics_variables,
        ) = state
        x, y = data

        grad_fn = jax.value_and_grad(self.compute_loss_and_updates, has_aux=True)
        (loss, (y_pred, non_trainable_variables)), grads = grad_fn(
            trainable_variables,
            non_trainable_variables,
            x,
            y,
            training=True,
        )
        (
            trainable_variables,
            optimizer_variables,
        ) = self.optimizer.stateless_apply(
            optimizer_variables, grads, trainable_variables
        )

        # Update our own metrics.
        loss_tracker_vars = metrics_variables[: len(self.loss_tracker.variables)]
        mae_metric_vars = metrics_variables[len(self.loss_tracker.variables) :]
        loss_tracker_vars = self.loss_tracker.stateless_update_state(
            loss_tracker_vars, loss
        )
        mae_metric_vars = self.mae_metric.stateless_update_state(
            mae_metric_vars, y, y_pred
        )
        logs = {}
        logs[self.loss_tracker.name] = self.loss_tracker.stateless_result(
            loss_tracker_vars
        )
        logs[self.mae_metric.name] = self.mae_metric.stateless_result(mae_metric_vars)
        new_metrics_vars = loss_tracker_vars + mae_metric_vars

        state = (
            trainable_variables,
            non_trainable_variables,
            optimizer_variables,
            new_metrics_vars,
        )
        return logs, state

    def test_step(self, state, data):
        x, y = data
        trainable_variables, non_trainable_variables, metrics_variables = state
        loss, (y_pred, non_trainable_variables) = self.compute_loss_and_updates(
            trainable_variables, non_trainable_variables, x, y, training=False
        )
        loss_tracker_vars = metrics_variables[: len(self.loss_tracker.variables)]
        mae_metric_vars = metrics_variables[len(self.loss_tracker.variables) :]
        loss_tracker_vars = self.loss_tracker.stateless_update_state(
            loss_tracker_vars, loss
        )
        mae_metric_vars = self.mae_metric.stateless_update_state(
            mae_metric_vars, y, y_pred
        )
        logs = {
            self.loss_tracker.name: self.loss_tracker.stateless_result(
                loss_tracker_vars
            ),
            self.mae_metric.name: self.mae_metric.stateless_result(mae_metric_vars),
        }
        state = (
            trainable_variables,
            non_trainable_variables,
            loss_tracker_vars + mae_metric_vars,
        )
        return logs, state

    @property
    def metrics(self):
        # We list our `Metric` objects here so that `reset_states()` can be
        # called automatically at the start of each epoch
        # or at the start of `evaluate()`.
        return [self.loss_tracker, self.mae_metric]


def make_data(num_samples, seed=0):
    """A noisy linear target of 32 random features."""
    w = np.random.default_rng(42).normal(size=(32, 1)).astype("float32") / 4
    rng = np.random.default_rng(seed)
    x = rng.random((num_samples, 32)).astype("float32")
    y = x @ w + 0.05 * rng.normal(size=(num_samples, 1)).astype("float32")
    return x, y


parser = argparse.ArgumentParser(description="Custom train_step with JAX.")
parser.add_argument("--smoke", action="store_true", help="256 samples, 2 epochs")
args = parser.parse_args()

keras.utils.set_random_seed(2)
x, y = make_data(256 if args.smoke else 1000)
x_test, y_test = make_data(64 if args.smoke else 200, seed=1)
epochs = 2 if args.smoke else 5

# 1. A custom train_step and test_step with the compiled loss and metrics.
inputs = keras.Input(shape=(32,))
hidden = keras.layers.Dense(64, activation="relu")(inputs)
outputs = keras.layers.Dense(1)(hidden)
model = CustomModel(inputs, outputs)
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
print("CustomModel: compiled loss and metrics")
model.fit(x, y, epochs=epochs)
loss, mae = model.evaluate(x_test, y_test)
print(f"CustomModel test loss: {loss:.4f} - test mae: {mae:.4f}")

# 2. A lower-level train_step: no compiled loss or metrics.
inputs = keras.Input(shape=(32,))
hidden = keras.layers.Dense(64, activation="relu")(inputs)
outputs = keras.layers.Dense(1)(hidden)
model = LowLevelModel(inputs, outputs)
# We don't pass a loss or metrics here.
model.compile(optimizer="adam")
print("LowLevelModel: its own loss tracker and metric")
model.fit(x, y, epochs=epochs)
results = model.evaluate(x_test, y_test, return_dict=True, verbose=0)
print(
    f"LowLevelModel test loss: {results['loss']:.4f} - test mae: {results['mae']:.4f}"
)
