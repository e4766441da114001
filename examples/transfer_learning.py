"""Transfer learning and fine-tuning: reuse a trained convolutional base on a new task.

Follows the keras.io guide "Transfer learning & fine-tuning"
(https://keras.io/guides/transfer_learning/), without downloading pretrained
weights: the "pretrained" base is a small convnet first trained here to
classify the MNIST digits 0-4. The new task is telling apart the digits 5-9
from only a few labelled images. The guide's workflow:

1. Freeze the base (`base_model.trainable = False`), call it with
   `training=False` so its `BatchNormalization` layers stay in inference mode,
   add a new head, and train only the head.
2. Fine-tune: unfreeze the base (`base_model.trainable = True`), recompile with
   a very low learning rate (recompiling is what makes the change take effect),
   and train the whole model a little longer.

Only the import differs from Keras 3 (`import kerasish as keras`).

Run:
    python examples/transfer_learning.py           # MNIST from ~/.keras/datasets
    python examples/transfer_learning.py --smoke   # generated digits, seconds
"""

import argparse
import os

os.environ["KERAS_BACKEND"] = "jax"

import numpy as np

import kerasish as keras
from kerasish import layers


def make_fake_digits(num_samples, seed=0):
    """Noisy 28x28 images where class `c` is a bright bar in row band `c`."""
    rng = np.random.default_rng(seed)
    labels = rng.permutation(np.arange(num_samples) % 10).astype("uint8")
    images = rng.integers(0, 64, size=(num_samples, 28, 28)).astype("uint8")
    for i, label in enumerate(labels):
        row = 2 + 2 * int(label)
        images[i, row : row + 3, 4:24] = 255
    return images, labels


parser = argparse.ArgumentParser(description="Transfer learning and fine-tuning.")
parser.add_argument(
    "--smoke", action="store_true", help="small generated data, 1 epoch per stage"
)
args = parser.parse_args()

keras.utils.set_random_seed(5)

if args.smoke:
    (x_train, y_train), (x_test, y_test) = (
        make_fake_digits(512),
        make_fake_digits(256, seed=1),
    )
else:
    (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = np.expand_dims(x_train.astype("float32") / 255, -1)
x_test = np.expand_dims(x_test.astype("float32") / 255, -1)

# Task A (pretraining): digits 0-4. Task B (the new task): digits 5-9, few labels.
old_train = y_train < 5
x_old, y_old = x_train[old_train], y_train[old_train]
num_new = 160 if args.smoke else 1000
x_new, y_new = x_train[~old_train][:num_new], y_train[~old_train][:num_new] - 5
x_new_test, y_new_test = x_test[y_test >= 5], y_test[y_test >= 5] - 5
print(len(x_old), "pretraining images,", len(x_new), "images for the new task")

# ---------------------------------------------------------------------------
# Pretraining the base on task A (stands in for downloading ImageNet weights).
# ---------------------------------------------------------------------------
base_model = keras.Sequential(
    [
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(32, 3, activation="relu"),
        layers.BatchNormalization(),
        layers.MaxPooling2D(),
        layers.Conv2D(64, 3, activation="relu"),
        layers.BatchNormalization(),
        layers.MaxPooling2D(),
    ],
    name="base_model",
)
pretraining_model = keras.Sequential(
    [base_model, layers.GlobalAveragePooling2D(), layers.Dense(5)]
)
pretraining_model.compile(
    optimizer=keras.optimizers.Adam(),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=[keras.metrics.SparseCategoricalAccuracy()],
)
print("Pretraining the base on digits 0-4")
pretraining_model.fit(x_old, y_old, batch_size=64, epochs=1 if args.smoke else 3)

# ---------------------------------------------------------------------------
# Stage 1: freeze the base and train a new head on task B.
# ---------------------------------------------------------------------------
base_model.trainable = False

inputs = keras.Input(shape=(28, 28, 1))
# As in the guide, the base is called with `training=False` so that its
# BatchNormalization layers keep the statistics learned in pretraining.
x = base_model(inputs, training=False)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dropout(0.2)(x)  # Regularize with dropout
outputs = layers.Dense(5)(x)
model = keras.Model(inputs, outputs)
model.summary(show_trainable=True)
print("Trainable weights with a frozen base:", len(model.trainable_weights))

model.compile(
    optimizer=keras.optimizers.Adam(),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=[keras.metrics.SparseCategoricalAccuracy()],
)
epochs = 1 if args.smoke else 10
print("Fitting the top layer of the model")
model.fit(x_new, y_new, batch_size=32, epochs=epochs, validation_split=0.2)

# ---------------------------------------------------------------------------
# Stage 2: fine-tune the whole model with a low learning rate.
# ---------------------------------------------------------------------------
base_model.trainable = True
print("Trainable weights after unfreezing:", len(model.trainable_weights))
model.compile(
    optimizer=keras.optimizers.Adam(1e-5),  # Low learning rate
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=[keras.metrics.SparseCategoricalAccuracy()],
)
print("Fitting the end-to-end model")
model.fit(x_new, y_new, batch_size=32, epochs=epochs, validation_split=0.2)

loss, accuracy = model.evaluate(x_new_test, y_new_test, verbose=0)
print(f"Test loss: {loss:.4f}")
print(f"Test accuracy: {accuracy:.4f}")
