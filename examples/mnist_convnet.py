"""Simple MNIST convnet: a small Conv2D/MaxPooling2D classifier for handwritten digits.

Follows the keras.io tutorial "Simple MNIST convnet"
(https://keras.io/examples/vision/mnist_convnet/): two convolution blocks,
`Flatten`, `Dropout(0.5)` and a softmax `Dense` layer, trained with Adam on
one-hot labels (batch 128, 15 epochs, 10% of the training set held out for
validation). It reaches about 99% test accuracy.

Only the import differs from the Keras 3 tutorial (`import kerasish as keras`).

Run:
    python examples/mnist_convnet.py           # MNIST from ~/.keras/datasets
    python examples/mnist_convnet.py --smoke   # generated digits, a few seconds
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


parser = argparse.ArgumentParser(description="Simple MNIST convnet.")
parser.add_argument(
    "--smoke", action="store_true", help="small generated data, 1 epoch"
)
args = parser.parse_args()

keras.utils.set_random_seed(1337)

# Model / data parameters
num_classes = 10
input_shape = (28, 28, 1)

# Load the data and split it between train and test sets
if args.smoke:
    (x_train, y_train), (x_test, y_test) = (
        make_fake_digits(284),
        make_fake_digits(64, seed=1),
    )
else:
    (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()

# Scale images to the [0, 1] range
x_train = x_train.astype("float32") / 255
x_test = x_test.astype("float32") / 255
# Make sure images have shape (28, 28, 1)
x_train = np.expand_dims(x_train, -1)
x_test = np.expand_dims(x_test, -1)
print("x_train shape:", x_train.shape)
print(x_train.shape[0], "train samples")
print(x_test.shape[0], "test samples")

# convert class vectors to binary class matrices
y_train = keras.utils.to_categorical(y_train, num_classes)
y_test = keras.utils.to_categorical(y_test, num_classes)

model = keras.Sequential(
    [
        keras.Input(shape=input_shape),
        layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Flatten(),
        layers.Dropout(0.5),
        layers.Dense(num_classes, activation="softmax"),
    ]
)
model.summary()

batch_size = 128
epochs = 1 if args.smoke else 15

model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=batch_size, epochs=epochs, validation_split=0.1)

score = model.evaluate(x_test, y_test, verbose=0)
print("Test loss:", score[0])
print("Test accuracy:", score[1])
