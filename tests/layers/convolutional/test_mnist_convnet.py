"""The keras.io "simple MNIST convnet", shrunk, trains on MNIST-shaped data."""

import numpy as np

import kerasish as keras
from kerasish import layers


def test_simple_mnist_convnet_trains():
    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.random(size=(64, 12, 12, 1), dtype=np.float32)
    labels = rng.integers(0, 10, 64)
    x[np.arange(64), labels, labels % 12, 0] += 3.0  # a learnable signal
    y = keras.utils.to_categorical(labels, 10)
    model = keras.Sequential(
        [
            keras.Input(shape=(12, 12, 1)),
            layers.Conv2D(8, kernel_size=(3, 3), activation="relu"),
            layers.MaxPooling2D(pool_size=(2, 2)),
            layers.Conv2D(16, kernel_size=(3, 3), activation="relu"),
            layers.MaxPooling2D(pool_size=(2, 2)),
            layers.Flatten(),
            layers.Dropout(0.5),
            layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"]
    )
    history = model.fit(x, y, batch_size=16, epochs=8, verbose=0)
    losses = history.history["loss"]
    assert losses[-1] < losses[0] - 0.1, losses
    assert model.evaluate(x, y, verbose=0)[0] < losses[0]
