"""Making new layers and models via subclassing.

Follows the keras.io guide "Making new layers and models via subclassing"
(https://keras.io/guides/making_new_layers_and_models_via_subclassing/):

- `Linear`: a layer that creates its weights lazily in `build()` with
  `add_weight`, so it adapts to whatever input size it first sees, and
  implements `get_config` so it can be re-created from its config.
- `ComputeSum`: a layer with a non-trainable weight updated with `assign`.
- `ActivityRegularizationLayer`: a layer adding a loss with `add_loss`.
- `MLPBlock`: a layer made of other layers, tracked automatically.
- `MLP`: a subclassed `keras.Model` (`__init__` + `call(inputs, training)`)
  trained with `compile`/`fit`/`evaluate` to classify MNIST digits.

Only the import differs from Keras 3 (`import kerasish as keras`).

Run:
    python examples/custom_layer_model.py           # MNIST from ~/.keras/datasets
    python examples/custom_layer_model.py --smoke   # generated digits, seconds
"""

import argparse
import os

os.environ["KERAS_BACKEND"] = "jax"

import numpy as np

import kerasish as keras
from kerasish import layers, ops


def make_fake_digits(num_samples, seed=0):
    """Noisy 28x28 images where class `c` is a bright bar in row band `c`."""
    rng = np.random.default_rng(seed)
    labels = rng.permutation(np.arange(num_samples) % 10).astype("uint8")
    images = rng.integers(0, 64, size=(num_samples, 28, 28)).astype("uint8")
    for i, label in enumerate(labels):
        row = 2 + 2 * int(label)
        images[i, row : row + 3, 4:24] = 255
    return images, labels


class Linear(layers.Layer):
    """`y = w.x + b`, with weights created on the first call."""

    def __init__(self, units=32, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(
            shape=(input_shape[-1], self.units),
            initializer="random_normal",
            trainable=True,
        )
        self.b = self.add_weight(
            shape=(self.units,), initializer="zeros", trainable=True
        )

    def call(self, inputs):
        return ops.matmul(inputs, self.w) + self.b

    def get_config(self):
        config = super().get_config()
        config.update({"units": self.units})
        return config


class ComputeSum(layers.Layer):
    """Keeps a running sum of its inputs in a non-trainable weight."""

    def __init__(self, input_dim):
        super().__init__()
        self.total = self.add_weight(
            initializer="zeros", shape=(input_dim,), trainable=False
        )

    def call(self, inputs):
        self.total.assign_add(ops.sum(inputs, axis=0))
        return self.total


class ActivityRegularizationLayer(layers.Layer):
    """Adds `rate * mean(inputs)` to the model's losses."""

    def __init__(self, rate=1e-2):
        super().__init__()
        self.rate = rate

    def call(self, inputs):
        self.add_loss(self.rate * ops.mean(inputs))
        return inputs


class MLPBlock(layers.Layer):
    """Three `Linear` layers; nested layers are tracked automatically."""

    def __init__(self, units=64):
        super().__init__()
        self.linear_1 = Linear(units)
        self.linear_2 = Linear(units)
        self.regularization = ActivityRegularizationLayer(1e-2)

    def call(self, inputs):
        x = self.linear_1(inputs)
        x = ops.relu(x)
        x = self.linear_2(x)
        x = ops.relu(x)
        return self.regularization(x)


class MLP(keras.Model):
    """A subclassed model: layers in `__init__`, the forward pass in `call`."""

    def __init__(self, num_classes=10, **kwargs):
        super().__init__(**kwargs)
        self.block = MLPBlock(64)
        self.dropout = layers.Dropout(0.2)
        self.classifier = Linear(num_classes)

    def call(self, inputs, training=False):
        x = self.block(inputs)
        x = self.dropout(x, training=training)
        return ops.softmax(self.classifier(x))


parser = argparse.ArgumentParser(description="Custom layers and a subclassed model.")
parser.add_argument(
    "--smoke", action="store_true", help="small generated data, 2 epochs"
)
args = parser.parse_args()

keras.utils.set_random_seed(11)

# A layer builds its weights on the first call, from the input shape.
x = ops.ones((2, 2))
linear_layer = Linear(4)
y = linear_layer(x)
print("Linear output:", np.asarray(y).shape, "weights:", len(linear_layer.weights))
print("Config:", linear_layer.get_config())
clone = Linear.from_config(linear_layer.get_config())
print("Re-created from config:", clone.units, "units")

# Non-trainable weights are updated with assign.
my_sum = ComputeSum(2)
x = ops.ones((2, 2))
print("Running sum:", np.asarray(my_sum(x)))
print("Running sum:", np.asarray(my_sum(x)))
print("Non-trainable weights:", len(my_sum.non_trainable_weights))

# Losses added with add_loss are collected by the outer layer.
block = MLPBlock()
y = block(ops.ones(shape=(3, 64)))
print("MLPBlock weights:", len(block.weights), "losses:", len(block.losses))

if args.smoke:
    (x_train, y_train), (x_test, y_test) = (
        make_fake_digits(512),
        make_fake_digits(128, seed=1),
    )
else:
    (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 784).astype("float32") / 255
x_test = x_test.reshape(-1, 784).astype("float32") / 255

model = MLP()
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=1e-3),
    loss=keras.losses.SparseCategoricalCrossentropy(),
    metrics=[keras.metrics.SparseCategoricalAccuracy(name="accuracy")],
)
model.fit(x_train, y_train, batch_size=64, epochs=2 if args.smoke else 5)
model.summary()

loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"Test loss: {loss:.4f}")
print(f"Test accuracy: {accuracy:.4f}")
