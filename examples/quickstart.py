"""Quickstart: a Keras-style MLP on the 8x8 digits shipped with kerasish.

Written exactly as a Keras 3 tutorial; only the import differs.
Run: python examples/quickstart.py
"""

import os

os.environ["KERAS_BACKEND"] = "jax"

import numpy as np

import kerasish as keras
from kerasish import layers

keras.utils.set_random_seed(42)

(x_train, y_train), (x_test, y_test) = keras.datasets.digits.load_data()
x_train = x_train.reshape(-1, 64).astype("float32") / 16.0
x_test = x_test.reshape(-1, 64).astype("float32") / 16.0
print(f"{len(x_train)} train samples, {len(x_test)} test samples")

model = keras.Sequential(
    [
        keras.Input((64,)),
        layers.Dense(128, activation="relu"),
        layers.Dropout(0.2),
        layers.Dense(10, activation="softmax"),
    ]
)
model.summary()

model.compile(
    optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"]
)
model.fit(x_train, y_train, batch_size=32, epochs=30, validation_split=0.1)

loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"Test loss: {loss:.4f}")
print(f"Test accuracy: {accuracy:.4f}")
predictions = model.predict(x_test[:3], verbose=0)
print("Predicted digits:", np.argmax(predictions, axis=-1), "true:", y_test[:3])
