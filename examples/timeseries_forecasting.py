"""Time-series forecasting with an LSTM on sliding windows of a multivariate signal.

Follows the keras.io tutorial "Timeseries forecasting for weather prediction"
(https://keras.io/examples/timeseries/timeseries_weather_forecasting/) on a
generated "weather" record instead of the Jena climate download: hourly
temperature, pressure and humidity with daily and yearly cycles and noise.
Features are normalized with the training split's statistics, and
`keras.utils.timeseries_dataset_from_array` cuts the record into windows of
the past 5 days (one reading every 6 hours) whose target is the temperature
12 hours after the window. An `LSTM(32)` + `Dense(1)` model is trained with
`EarlyStopping` and compared with the naive "same as the last reading" forecast.

Only the import differs from Keras 3 (`import kerasish as keras`). Keras itself
returns a `tf.data.Dataset` here (so it needs TensorFlow installed); kerasish
returns a `keras.utils.PyDataset` yielding the same batches.

Run:
    python examples/timeseries_forecasting.py           # 2 years of readings
    python examples/timeseries_forecasting.py --smoke   # 3 months, 2 epochs
"""

import argparse
import os

os.environ["KERAS_BACKEND"] = "jax"

import numpy as np

import kerasish as keras
from kerasish import layers


def make_weather(num_hours, seed=0):
    """Hourly (temperature, pressure, humidity) with daily and yearly cycles."""
    rng = np.random.default_rng(seed)
    hours = np.arange(num_hours)
    daily = np.sin(2 * np.pi * hours / 24)
    yearly = np.sin(2 * np.pi * hours / (24 * 365))
    weather_front = np.cumsum(rng.normal(scale=0.3, size=num_hours))
    weather_front -= np.convolve(weather_front, np.ones(72) / 72, mode="same")
    temperature = 10 + 8 * yearly + 4 * daily + weather_front
    pressure = 1000 - 2 * weather_front + rng.normal(scale=0.5, size=num_hours)
    humidity = 70 - 10 * daily + 3 * weather_front + rng.normal(size=num_hours)
    return np.stack([temperature, pressure, humidity], axis=-1).astype("float32")


parser = argparse.ArgumentParser(description="LSTM time-series forecasting.")
parser.add_argument(
    "--smoke", action="store_true", help="3 months of readings, 2 epochs"
)
args = parser.parse_args()

keras.utils.set_random_seed(3)

features = make_weather(24 * 90 if args.smoke else 24 * 365 * 2)
print("Readings:", features.shape, "(hours, [temperature, pressure, humidity])")

split_fraction = 0.715
train_split = int(split_fraction * len(features))
step = 6  # one reading every 6 hours inside a window
past = 120  # look at the last 5 days
future = 12  # predict the temperature 12 hours after the window
learning_rate = 0.001
batch_size = 64 if args.smoke else 256
epochs = 2 if args.smoke else 10

# Normalize with the training split's statistics only.
mean = features[:train_split].mean(axis=0)
std = features[:train_split].std(axis=0)
features = (features - mean) / std
train_data = features[:train_split]
val_data = features[train_split:]

# The window starting at hour i covers hours [i, i + past) and its target is
# the temperature at hour i + past + future.
start = past + future
sequence_length = past // step

x_train = train_data[: len(train_data) - start]
y_train = features[start : start + len(x_train), :1]
dataset_train = keras.utils.timeseries_dataset_from_array(
    x_train,
    y_train,
    sequence_length=sequence_length,
    sampling_rate=step,
    batch_size=batch_size,
)

x_val = val_data[: len(val_data) - start]
y_val = features[train_split + start :, :1]
dataset_val = keras.utils.timeseries_dataset_from_array(
    x_val,
    y_val,
    sequence_length=sequence_length,
    sampling_rate=step,
    batch_size=batch_size,
)

for batch in dataset_train:
    inputs, targets = batch
    break
print("Input shape:", tuple(inputs.shape))
print("Target shape:", tuple(targets.shape))

inputs = keras.Input(shape=(sequence_length, features.shape[-1]))
lstm_out = layers.LSTM(32)(inputs)
outputs = layers.Dense(1)(lstm_out)

model = keras.Model(inputs=inputs, outputs=outputs)
model.compile(optimizer=keras.optimizers.Adam(learning_rate=learning_rate), loss="mse")
model.summary()

es_callback = keras.callbacks.EarlyStopping(
    monitor="val_loss", min_delta=0, patience=5, restore_best_weights=True
)
history = model.fit(
    dataset_train,
    epochs=epochs,
    validation_data=dataset_val,
    callbacks=[es_callback],
)

val_mse = model.evaluate(dataset_val, verbose=0)
# Naive forecast: the temperature of the last reading in the window.
naive_errors = []
for batch in dataset_val:
    x, y = batch
    x, y = np.asarray(x), np.asarray(y)
    naive_errors.append((x[:, -1, :1] - y) ** 2)
naive_mse = float(np.concatenate(naive_errors).mean())
print(f"Validation MSE (normalized temperature): {val_mse:.4f}")
print(f"Naive last-reading forecast MSE: {naive_mse:.4f}")

x, y = next(iter(dataset_val))
predictions = model.predict(x, verbose=0)
for i in range(3):
    truth = float(np.asarray(y)[i, 0]) * std[0] + mean[0]
    guess = float(predictions[i, 0]) * std[0] + mean[0]
    print(f"True temperature {truth:6.2f} C, predicted {guess:6.2f} C")
