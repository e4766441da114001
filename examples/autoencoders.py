"""Autoencoders on MNIST: a dense autoencoder and a convolutional denoising one.

Follows the keras.io tutorial "Convolutional autoencoder for image denoising"
(https://keras.io/examples/vision/autoencoder/) and the dense autoencoder of
the Keras blog post "Building Autoencoders in Keras":

1. A dense autoencoder squeezes each 784-pixel image into a 32-number code
   (`Dense(32, relu)`) and reconstructs it (`Dense(784, sigmoid)`); the encoder
   is a second `keras.Model` sharing the same layers.
2. A convolutional autoencoder (`Conv2D` + `MaxPooling2D` encoder,
   `Conv2DTranspose` decoder) is trained to map noisy images to clean ones.

Both use the functional API, Adam and binary crossentropy on pixels in [0, 1].
Only the import differs from Keras 3 (`import kerasish as keras`).

Run:
    python examples/autoencoders.py           # MNIST from ~/.keras/datasets
    python examples/autoencoders.py --smoke   # generated digits, a few seconds
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


def add_noise(images, noise_factor=0.4, seed=0):
    """Adds Gaussian noise and clips back to [0, 1]."""
    rng = np.random.default_rng(seed)
    noisy = images + noise_factor * rng.normal(size=images.shape)
    return np.clip(noisy, 0.0, 1.0).astype("float32")


parser = argparse.ArgumentParser(description="Dense and convolutional autoencoders.")
parser.add_argument(
    "--smoke", action="store_true", help="small generated data, 1 epoch each"
)
args = parser.parse_args()

keras.utils.set_random_seed(0)

if args.smoke:
    (x_train, _), (x_test, _) = make_fake_digits(256), make_fake_digits(64, seed=1)
else:
    (x_train, _), (x_test, _) = keras.datasets.mnist.load_data()
x_train = x_train.astype("float32") / 255.0
x_test = x_test.astype("float32") / 255.0
print("x_train shape:", x_train.shape, "x_test shape:", x_test.shape)

# ---------------------------------------------------------------------------
# 1. A dense autoencoder: 784 -> 32 -> 784.
# ---------------------------------------------------------------------------
encoding_dim = 32
flat_train = x_train.reshape((len(x_train), 784))
flat_test = x_test.reshape((len(x_test), 784))

input_img = keras.Input(shape=(784,))
encoded = layers.Dense(encoding_dim, activation="relu")(input_img)
decoded = layers.Dense(784, activation="sigmoid")(encoded)
autoencoder = keras.Model(input_img, decoded, name="dense_autoencoder")
encoder = keras.Model(input_img, encoded, name="encoder")
autoencoder.summary()

autoencoder.compile(optimizer="adam", loss="binary_crossentropy")
autoencoder.fit(
    flat_train,
    flat_train,
    epochs=1 if args.smoke else 50,
    batch_size=256,
    shuffle=True,
    validation_data=(flat_test, flat_test),
)
codes = encoder.predict(flat_test, verbose=0)
print("Codes shape:", codes.shape, "mean activation:", float(codes.mean()))
dense_loss = autoencoder.evaluate(flat_test, flat_test, verbose=0)
print("Dense autoencoder test loss:", dense_loss)

# ---------------------------------------------------------------------------
# 2. A convolutional denoising autoencoder: noisy image -> clean image.
# ---------------------------------------------------------------------------
x_train = np.reshape(x_train, (len(x_train), 28, 28, 1))
x_test = np.reshape(x_test, (len(x_test), 28, 28, 1))
noisy_train = add_noise(x_train, seed=1)
noisy_test = add_noise(x_test, seed=2)

inputs = keras.Input(shape=(28, 28, 1))
# Encoder
x = layers.Conv2D(32, (3, 3), activation="relu", padding="same")(inputs)
x = layers.MaxPooling2D((2, 2), padding="same")(x)
x = layers.Conv2D(32, (3, 3), activation="relu", padding="same")(x)
x = layers.MaxPooling2D((2, 2), padding="same")(x)
# Decoder
x = layers.Conv2DTranspose(32, (3, 3), strides=2, activation="relu", padding="same")(x)
x = layers.Conv2DTranspose(32, (3, 3), strides=2, activation="relu", padding="same")(x)
x = layers.Conv2D(1, (3, 3), activation="sigmoid", padding="same")(x)
denoiser = keras.Model(inputs, x, name="conv_denoising_autoencoder")
denoiser.compile(optimizer="adam", loss="binary_crossentropy")
denoiser.summary()

denoiser.fit(
    x=noisy_train,
    y=x_train,
    epochs=1 if args.smoke else 20,
    batch_size=128,
    shuffle=True,
    validation_data=(noisy_test, x_test),
)
denoised = denoiser.predict(noisy_test, verbose=0)
noisy_mse = float(np.mean((noisy_test - x_test) ** 2))
denoised_mse = float(np.mean((denoised - x_test) ** 2))
print(
    f"Pixel MSE to the clean images: noisy {noisy_mse:.4f}, denoised {denoised_mse:.4f}"
)
conv_loss = denoiser.evaluate(noisy_test, x_test, verbose=0)
print("Convolutional denoising autoencoder test loss:", conv_loss)
