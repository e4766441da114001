"""A tiny deterministic regression fit shared by the callback tests.

Reference values in the tests were observed from real Keras 3.15.1 (JAX
backend) on exactly this problem: the same data, these initial weights, SGD,
`batch_size=4`, `shuffle=False`.
"""

import contextlib
import io

import numpy as np

import kerasish as keras

X = np.array(
    [
        [0.1, 0.2],
        [0.3, -0.1],
        [-0.2, 0.4],
        [0.5, 0.5],
        [-0.3, -0.2],
        [0.2, -0.4],
        [0.0, 0.3],
        [0.4, 0.1],
    ],
    "float32",
)
Y = (X @ np.array([[1.0], [-2.0]], "float32") + 0.5).astype("float32")
XV = np.array([[0.2, 0.1], [-0.1, 0.3], [0.3, 0.3], [-0.4, 0.0]], "float32")
YV = (XV @ np.array([[-1.0], [1.0]], "float32") + 0.2).astype("float32")
INITIAL_WEIGHTS = [np.array([[0.3], [-0.2]], "float32"), np.array([0.1], "float32")]

# Keras 3.15.1's plain 10-epoch run (lr=0.5): val_loss is best at epoch 3.
LOSS = [
    0.326338529586792,
    0.32964426279067993,
    0.21344110369682312,
    0.13949742913246155,
    0.09219194203615189,
]
VAL_LOSS = [
    0.1400398313999176,
    0.12131105363368988,
    0.11740181595087051,
    0.12186118960380554,
    0.13068713247776031,
]
# Keras' weights after epochs 2, 3 and 5 of that run.
WEIGHTS_EPOCH_2 = [[[0.4562358260154724], [-0.7290710210800171]], [0.6145284175872803]]
WEIGHTS_EPOCH_3 = [[[0.490194708108902], [-0.9742717742919922]], [0.5980165004730225]]
WEIGHTS_EPOCH_5 = [[[0.5655895471572876], [-1.3262641429901123]], [0.5722154974937439]]


def make_model(lr=0.5, metrics=None):
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(lr), loss="mse", metrics=metrics)
    model.set_weights(INITIAL_WEIGHTS)
    return model


def run(callbacks, epochs=8, lr=0.5, metrics=None, val=True):
    """Fits a fresh model; returns `(model, history, captured stdout)`."""
    model = make_model(lr, metrics)
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        history = model.fit(
            X,
            Y,
            batch_size=4,
            epochs=epochs,
            shuffle=False,
            verbose=0,
            validation_data=(XV, YV) if val else None,
            callbacks=callbacks,
        )
    return model, history, buffer.getvalue()


def weights_close(model, expected):
    got = model.get_weights()
    return len(got) == len(expected) and all(
        np.allclose(g, np.asarray(e, "float32"), rtol=1e-6, atol=1e-7)
        for g, e in zip(got, expected, strict=True)
    )
