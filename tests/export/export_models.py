"""The three models the export tests round-trip, and their sample inputs."""

import numpy as np

import kerasish as keras

L = keras.layers


def _randomize_batchnorm(model: keras.Model, rng: np.random.Generator) -> None:
    """Non-trivial moving statistics, so exports must carry the state too."""
    for layer in model.layers:
        if isinstance(layer, L.BatchNormalization):
            gamma, beta, mean, var = layer.get_weights()
            layer.set_weights(
                [
                    rng.normal(size=gamma.shape).astype("float32"),
                    rng.normal(size=beta.shape).astype("float32"),
                    rng.normal(size=mean.shape).astype("float32"),
                    rng.uniform(0.5, 2.0, size=var.shape).astype("float32"),
                ]
            )


def convnet() -> keras.Model:
    model = keras.Sequential(
        [
            keras.Input((8, 8, 3)),
            L.Conv2D(4, 3, activation="relu", padding="same"),
            L.BatchNormalization(),
            L.MaxPooling2D(2),
            L.Conv2D(6, 3, strides=2),
            L.GlobalAveragePooling2D(),
            L.Dropout(0.5),
            L.Dense(5, activation="softmax"),
        ]
    )
    _randomize_batchnorm(model, np.random.default_rng(1))
    return model


def lstm_model() -> keras.Model:
    return keras.Sequential(
        [
            keras.Input((6, 3)),
            L.LSTM(5, return_sequences=True),
            L.LSTM(4),
            L.Dense(2),
        ]
    )


def two_input_model() -> keras.Model:
    image = keras.Input((4,), name="features")
    extra = keras.Input((2,), name="extra")
    x = L.Dense(8, activation="relu")(image)
    x = L.Concatenate()([x, extra])
    return keras.Model([image, extra], L.Dense(3)(x))


def sample_inputs(model: keras.Model, batch: int, seed: int = 0) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [
        rng.normal(size=(batch, *t.shape[1:])).astype("float32") for t in model.inputs
    ]


def predict(model: keras.Model, xs: list[np.ndarray]) -> np.ndarray:
    return model.predict(xs[0] if len(xs) == 1 else xs, verbose=0)
