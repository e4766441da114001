"""Regression on tabular data: an MLP behind a `Normalization` layer and `adapt`.

Follows the pattern of the Keras preprocessing-layers guide
(https://keras.io/guides/preprocessing_layers/) and the "Basic regression"
tutorial: a `layers.Normalization` layer learns each feature's mean and
variance from the training data with `adapt()`, and is the first layer of a
small `Sequential` MLP predicting the median house value of a California
district (in units of $100,000) from 8 numeric features. The normalizer
is part of the model, so raw features go straight into `fit` and `predict`.

Only the import differs from Keras 3 (`import kerasish as keras`).

Run:
    python examples/tabular_mlp.py           # california_housing from ~/.keras/datasets
    python examples/tabular_mlp.py --smoke   # generated data, a few seconds
"""

import argparse
import os

os.environ["KERAS_BACKEND"] = "jax"

import numpy as np

import kerasish as keras
from kerasish import layers


def make_fake_housing(num_samples, seed=0):
    """8 features on very different scales and a noisy price in dollars."""
    rng = np.random.default_rng(seed)
    scales = np.array([1.0, 10.0, 100.0, 1000.0, 0.1, 5.0, 50.0, 2.0])
    x = (rng.normal(size=(num_samples, 8)) * scales + 3 * scales).astype("float32")
    z = (x - 3 * scales) / scales
    price = 2.0 + z[:, 0] - 0.5 * z[:, 3] + 0.3 * z[:, 5] ** 2
    price += 0.1 * rng.normal(size=num_samples)
    return x, (price * 100_000).astype("float32")


parser = argparse.ArgumentParser(description="MLP regression on tabular data.")
parser.add_argument(
    "--smoke", action="store_true", help="small generated data, 2 epochs"
)
args = parser.parse_args()

keras.utils.set_random_seed(42)

if args.smoke:
    (x_train, y_train), (x_test, y_test) = (
        make_fake_housing(320),
        make_fake_housing(64, seed=1),
    )
else:
    (x_train, y_train), (x_test, y_test) = keras.datasets.california_housing.load_data()
print("x_train shape:", x_train.shape, "x_test shape:", x_test.shape)

# House values in units of $100,000 keep the regression target near 1.
y_train = y_train / 100_000
y_test = y_test / 100_000

# The normalizer learns each feature's mean and variance from the training set.
normalizer = layers.Normalization(axis=-1)
normalizer.adapt(x_train)
normalized = np.asarray(normalizer(x_train))
print("Normalized training features: mean", np.round(normalized.mean(), 3), end=", ")
print("std", np.round(normalized.std(), 3))

model = keras.Sequential(
    [
        keras.Input(shape=(x_train.shape[1],)),
        normalizer,
        layers.Dense(64, activation="relu"),
        layers.Dense(64, activation="relu"),
        layers.Dense(1),
    ]
)
model.summary()

model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.001),
    loss="mean_squared_error",
    metrics=["mean_absolute_error"],
)
model.fit(
    x_train,
    y_train,
    batch_size=32,
    epochs=2 if args.smoke else 50,
    validation_split=0.2,
)

test_loss, test_mae = model.evaluate(x_test, y_test, verbose=0)
print(f"Test loss (MSE): {test_loss:.4f}")
print(f"Test MAE: {test_mae:.4f} (x $100,000)")
predictions = model.predict(x_test[:3], verbose=0)
print("Predicted:", np.round(predictions[:, 0], 2), "true:", np.round(y_test[:3], 2))
