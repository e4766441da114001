"""Saving compat cases (kind "saving"): `.keras` / `.weights.h5` files both ways.

Each case names a builder below (public Keras API only, so real Keras and
kerasish build the same model), the input shapes and the regression width.
The recorder trains the model one epoch in Keras, saves `.keras` and
`.weights.h5` files into `compat/reference/saving/`, and checks in the same run
that the files kerasish writes (via `compat/saving_writer.py`) load in Keras
with the same predictions. See `compat/README.md`.
"""

from types import ModuleType

import numpy as np

from compat.cases import Case

FILES_DIR = "saving"  # under compat/reference/


def mlp(m: ModuleType):
    return m.Sequential(
        [
            m.Input(shape=(5,)),
            m.layers.Dense(8, activation="relu", name="hidden"),
            m.layers.Dense(3, name="head"),
        ],
        name="mlp",
    )


def convnet_bn(m: ModuleType):
    return m.Sequential(
        [
            m.Input(shape=(6, 6, 2)),
            m.layers.Conv2D(4, 3, name="conv"),
            m.layers.BatchNormalization(name="bn"),
            m.layers.ReLU(name="relu"),
            m.layers.MaxPooling2D(name="pool"),
            m.layers.Flatten(name="flatten"),
            m.layers.Dense(3, name="head"),
        ],
        name="convnet",
    )


def stacked_rnn(m: ModuleType):
    return m.Sequential(
        [
            m.Input(shape=(5, 3)),
            m.layers.LSTM(4, return_sequences=True, name="lstm"),
            m.layers.GRU(3, name="gru"),
            m.layers.Dense(3, name="head"),
        ],
        name="stacked_rnn",
    )


def conv_lstm(m: ModuleType):
    return m.Sequential(
        [
            m.Input(shape=(3, 4, 4, 1)),
            m.layers.ConvLSTM2D(2, 2, padding="same", name="conv_lstm"),
            m.layers.Flatten(name="flatten"),
            m.layers.Dense(3, name="head"),
        ],
        name="conv_lstm",
    )


def lora(m: ModuleType):
    """LoRA on Dense and EinsumDense: files hold the merged kernels."""
    return m.Sequential(
        [
            m.Input(shape=(5,)),
            m.layers.Dense(4, activation="tanh", lora_rank=2, name="dense"),
            m.layers.EinsumDense(
                "ab,bc->ac", 3, bias_axes="c", lora_rank=2, lora_alpha=4, name="ein"
            ),
        ],
        name="lora",
    )


def two_input(m: ModuleType):
    left = m.Input(shape=(4,), name="left")
    right = m.Input(shape=(3,), name="right")
    a = m.layers.Dense(5, activation="tanh", name="dense_left")(left)
    b = m.layers.Dense(5, name="dense_right")(right)
    merged = m.layers.Concatenate(name="concat")([a, b])
    out = m.layers.Dense(3, name="head")(merged)
    return m.Model(inputs=[left, right], outputs=out, name="two_input")


BUILDERS = {
    "mlp": mlp,
    "convnet_bn": convnet_bn,
    "stacked_rnn": stacked_rnn,
    "conv_lstm": conv_lstm,
    "lora": lora,
    "two_input": two_input,
}


def build(module: ModuleType, case: Case):
    """The case's model, built with `module` (real Keras or kerasish)."""
    return BUILDERS[case.spec["builder"]](module)


def data(case: Case) -> tuple[list[np.ndarray], np.ndarray]:
    """`(xs, y)`: float inputs (one array per model input) and float targets."""
    rng = np.random.default_rng(case.seed)
    n = case.spec["n"]
    xs = [
        rng.normal(size=(n, *shape)).astype("float32") for shape in case.spec["inputs"]
    ]
    y = rng.normal(size=(n, 3)).astype("float32")
    return xs, y


def model_inputs(xs: list[np.ndarray]):
    """One array for a one-input model, else the list."""
    return xs[0] if len(xs) == 1 else list(xs)


def _case(name: str, builder: str, inputs: tuple) -> Case:
    return Case(
        name=name,
        kind="saving",
        seed=11,
        spec={
            "builder": builder,
            "inputs": inputs,
            "n": 8,
            "compile": {"optimizer": ("Adam", {"learning_rate": 0.01}), "loss": "mse"},
            "fit": {"batch_size": 4, "epochs": 1, "shuffle": False},
        },
    )


CASES = [
    _case("saving_mlp", "mlp", ((5,),)),
    _case("saving_convnet_bn", "convnet_bn", ((6, 6, 2),)),
    _case("saving_stacked_rnn", "stacked_rnn", ((5, 3),)),
    _case("saving_conv_lstm", "conv_lstm", ((3, 4, 4, 1),)),
    _case("saving_lora", "lora", ((5,),)),
    _case("saving_two_input", "two_input", ((4,), (3,))),
]
