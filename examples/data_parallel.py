"""Data-parallel training: the quickstart MLP with its batches split over devices.

Written as Keras 3 code; only the import differs. On a machine with several
GPUs it uses all of them. On CPU, ask XLA for 4 host devices:

    XLA_FLAGS=--xla_force_host_platform_device_count=4 python examples/data_parallel.py
"""

import os

os.environ["KERAS_BACKEND"] = "jax"

import kerasish as keras
from kerasish import layers

devices = keras.distribution.list_devices()
print(f"Devices: {devices}")

# Set the distribution before creating the model: variables are laid out
# (here replicated) on the device mesh when they are created.
distribution = keras.distribution.DataParallel(devices=devices)
keras.distribution.set_distribution(distribution)
keras.utils.set_random_seed(42)

(x_train, y_train), (x_test, y_test) = keras.datasets.digits.load_data()
x_train = x_train.reshape(-1, 64).astype("float32") / 16.0
x_test = x_test.reshape(-1, 64).astype("float32") / 16.0

model = keras.Sequential(
    [
        keras.Input((64,)),
        layers.Dense(128, activation="relu"),
        layers.BatchNormalization(),
        layers.Dropout(0.2),
        layers.Dense(10, activation="softmax"),
    ]
)
model.compile(
    optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"]
)
print(f"Kernel sharding: {model.layers[0].kernel.value.sharding}")

# `batch_size` is the global batch: each of the N devices gets batch_size / N
# samples per step. Batches (and the last partial one) must split evenly, so
# `steps_per_epoch` drops the partial batch here.
batch_size = 16 * len(devices)
model.fit(
    x_train,
    y_train,
    batch_size=batch_size,
    epochs=10,
    steps_per_epoch=len(x_train) // batch_size,
    verbose=2,
)
n_test = len(x_test) - len(x_test) % len(devices)
loss, accuracy = model.evaluate(
    x_test[:n_test], y_test[:n_test], batch_size=n_test, verbose=0
)
print(f"Test accuracy: {accuracy:.4f}")
model.save_weights("/tmp/data_parallel.weights.h5")
print("Saved weights (gathered from the devices) to /tmp/data_parallel.weights.h5")
