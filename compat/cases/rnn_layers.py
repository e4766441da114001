"""Recurrent layer cases: SimpleRNN/LSTM/GRU, RNN over cells, Bidirectional,
TimeDistributed, with masks, states, `go_backwards`, `stateful` and `fit`.

Plain forward/gradient cases use the existing "layer" kind (a Sequential on
`Input(shape)`). Kind "rnn" (recorded by `compat/recorders/rnn.py`) builds a
functional model with `build_model(module, case)`, which works with both real
Keras and kerasish:

- `spec["input"]`: `("float", timesteps, features)` (features may be a tuple:
  the frame shape of a ConvLSTM) or `("tokens", timesteps, vocabulary)`;
  float inputs listed as `masked` get the last `b` steps of sample `b` zeroed
  and go through `Masking(0.0)`; token inputs end in zeros (padding) and go
  through `Embedding(mask_zero=...)`.
- `case.layers` are applied in order; the last layer may return a list
  (`return_state`, `merge_mode=None`), which becomes the model's outputs.
- `spec["initial_state"]`: shapes of extra state inputs passed to the first
  recurrent layer as `initial_state=`.
- `spec["embedding_kwargs"]`: extra `Embedding` arguments (e.g. `lora_rank`).
- `spec["batch"]`: batch size (fixed in the `Input` when `stateful`).
- `spec["config_layer"]`: name of a layer whose `get_config()` is recorded.
- `spec["fit"]`: `compile`/`fit` arguments for a History comparison.

`checks`: "forward" (outputs), "grads" (of `sum(y**2)` w.r.t. weights, and
float inputs, through `stateless_call`), "stateful" (outputs of two
consecutive calls on different batches, then after `reset_states()`),
"fit" (History and final weights).
"""

import copy
from types import ModuleType

from compat.cases import Case


def minimal_cell(module: ModuleType, units: int, name: str):
    """A user-written Keras cell (the RNN guide's `MinimalRNNCell`)."""

    class MinimalRNNCell(module.layers.Layer):
        def __init__(self, units, **kwargs):
            super().__init__(**kwargs)
            self.units = units
            self.state_size = units

        def build(self, input_shape):
            self.kernel = self.add_weight(
                shape=(input_shape[-1], self.units),
                initializer="glorot_uniform",
                name="kernel",
            )
            self.recurrent_kernel = self.add_weight(
                shape=(self.units, self.units),
                initializer="orthogonal",
                name="recurrent_kernel",
            )

        def call(self, inputs, states):
            prev_output = states[0]
            h = module.ops.matmul(inputs, self.kernel)
            output = h + module.ops.matmul(prev_output, self.recurrent_kernel)
            return output, [output]

    return MinimalRNNCell(units, name=name)


def _make_layer(module: ModuleType, cls: str, kwargs: dict):
    """A layer from `(class_name, kwargs)`; wrapped layers and cells given as
    `(class_name, kwargs)` pairs (and `("MinimalRNNCell", ...)`) are built too."""
    kwargs = copy.deepcopy(kwargs)
    for key in ("layer", "backward_layer"):
        if isinstance(kwargs.get(key), tuple):
            kwargs[key] = _make_layer(module, *kwargs[key])
    if "cell" in kwargs:
        cells = kwargs["cell"]
        made = [_make_cell(module, *c) for c in cells]
        kwargs["cell"] = made[0] if len(made) == 1 else made
    return getattr(module.layers, cls)(**kwargs)


def _make_cell(module: ModuleType, cls: str, kwargs: dict):
    if cls == "MinimalRNNCell":
        return minimal_cell(module, **kwargs)
    if cls == "StackedRNNCells":
        cells = [_make_cell(module, *c) for c in kwargs["cells"]]
        return module.layers.StackedRNNCells(cells, name=kwargs["name"])
    return getattr(module.layers, cls)(**kwargs)


def build_model(module: ModuleType, case: Case):
    """The case's functional model (same code for Keras and kerasish)."""
    spec = case.spec
    kind, steps, size = spec["input"]
    batch = spec.get("batch", 3) if spec.get("stateful_batch") else None
    dtype = "int32" if kind == "tokens" else "float32"
    if kind == "tokens":
        x_in = module.Input(batch_shape=(batch, steps), dtype=dtype, name="tokens")
    else:
        x_in = module.Input(
            batch_shape=(batch, steps, *_step_shape(size)), name="sequences"
        )
    inputs = [x_in]
    x = x_in
    if kind == "tokens":
        x = module.layers.Embedding(
            size,
            4,
            mask_zero=spec.get("mask_zero", True),
            name="embedding",
            **spec.get("embedding_kwargs", {}),
        )(x)
    elif spec.get("masked"):
        x = module.layers.Masking(0.0, name="masking")(x)
    states = [
        module.Input(batch_shape=(batch, *shape), name=f"state_{i}")
        for i, shape in enumerate(spec.get("initial_state", ()))
    ]
    inputs += states
    for i, (cls, kwargs) in enumerate(case.layers):
        layer = _make_layer(module, cls, kwargs)
        x = layer(x, initial_state=states) if i == 0 and states else layer(x)
    outputs = _flatten(x)
    # One output is passed bare (a list of one would make `fit` expect a list
    # of targets in kerasish; Keras accepts both).
    outputs = outputs[0] if len(outputs) == 1 else outputs
    return module.Model(inputs, outputs, name="rnn_model")


def _step_shape(size) -> tuple:
    """One time step's shape: `features`, or a tuple (ConvLSTM frames)."""
    return size if isinstance(size, tuple) else (size,)


def _flatten(x) -> list:
    if isinstance(x, list | tuple):
        return [leaf for item in x for leaf in _flatten(item)]
    return [x]


FWD_GRADS = ("forward", "forward_train", "grads")


def _layer(name, cls, input_shape, **kwargs):
    return Case(
        name,
        "layer",
        layers=((cls, {"name": "r0", **kwargs}),),
        input_shape=input_shape,
        checks=FWD_GRADS,
    )


def _rnn(name, layers, input_spec, checks=("forward", "grads"), **spec):
    return Case(
        name,
        "rnn",
        layers=tuple(layers),
        checks=checks,
        spec=spec | {"input": input_spec},
    )


SEQ = ("float", 5, 3)
TOKENS = ("tokens", 6, 9)
LSTM_FIT = {
    "compile": {"optimizer": ("Adam", {"learning_rate": 0.01}), "loss": "mse"},
    "fit": {"batch_size": 4, "epochs": 2, "shuffle": False},
    "n": 8,
    "targets": 2,
}

CASES = [
    # Plain forward and gradients (Sequential on Input(shape), kind "layer").
    _layer("rnn_simple_rnn", "SimpleRNN", (5, 3), units=4),
    _layer(
        "rnn_simple_rnn_seq_relu",
        "SimpleRNN",
        (5, 3),
        units=3,
        activation="relu",
        return_sequences=True,
    ),
    _layer("rnn_lstm", "LSTM", (5, 3), units=4),
    _layer(
        "rnn_lstm_seq_backwards",
        "LSTM",
        (5, 3),
        units=3,
        return_sequences=True,
        go_backwards=True,
    ),
    _layer(
        "rnn_lstm_no_bias_no_forget",
        "LSTM",
        (4, 2),
        units=3,
        use_bias=False,
        unit_forget_bias=False,
    ),
    _layer(
        "rnn_lstm_unroll", "LSTM", (4, 3), units=3, unroll=True, return_sequences=True
    ),
    _layer("rnn_lstm_implementation_1", "LSTM", (4, 3), units=3, implementation=1),
    _layer("rnn_gru", "GRU", (5, 3), units=4),
    _layer(
        "rnn_gru_reset_before",
        "GRU",
        (5, 3),
        units=4,
        reset_after=False,
        return_sequences=True,
    ),
    _layer(
        "rnn_gru_backwards_hard_sigmoid",
        "GRU",
        (5, 3),
        units=3,
        go_backwards=True,
        recurrent_activation="hard_sigmoid",
    ),
    _layer(
        "rnn_conv_lstm2d", "ConvLSTM2D", (3, 5, 4, 2), filters=2, kernel_size=(3, 2)
    ),
    _layer(
        "rnn_conv_lstm2d_same_strided_seq_backwards",
        "ConvLSTM2D",
        (3, 5, 5, 1),
        filters=2,
        kernel_size=3,
        padding="same",
        strides=2,
        return_sequences=True,
        go_backwards=True,
    ),
    _layer(
        "rnn_conv_lstm1d_channels_first_dilated_no_bias",
        "ConvLSTM1D",
        (3, 2, 7),
        filters=3,
        kernel_size=2,
        dilation_rate=2,
        data_format="channels_first",
        use_bias=False,
        unit_forget_bias=False,
        activation="relu",
    ),
    _layer(
        "rnn_conv_lstm3d_same",
        "ConvLSTM3D",
        (2, 3, 3, 3, 1),
        filters=2,
        kernel_size=2,
        padding="same",
    ),
    # Functional models (kind "rnn").
    *[
        _rnn(
            f"rnn_bidirectional_{mode}",
            [
                (
                    "Bidirectional",
                    {
                        "layer": (
                            "LSTM",
                            {"units": 3, "return_sequences": seq, "name": "inner"},
                        ),
                        "merge_mode": mode,
                        "name": "bi",
                    },
                )
            ],
            SEQ,
        )
        for mode, seq in (
            ("concat", True),
            ("sum", False),
            ("mul", True),
            ("ave", False),
        )
    ],
    _rnn(
        "rnn_time_distributed_dense",
        [
            (
                "TimeDistributed",
                {
                    "layer": (
                        "Dense",
                        {"units": 2, "activation": "tanh", "name": "td_dense"},
                    ),
                    "name": "td",
                },
            )
        ],
        SEQ,
    ),
    _rnn(
        "rnn_lstm_masked_seq",
        [("LSTM", {"units": 3, "return_sequences": True, "name": "lstm"})],
        SEQ,
        masked=True,
    ),
    _rnn(
        "rnn_gru_masked_backwards",
        [
            (
                "GRU",
                {
                    "units": 3,
                    "go_backwards": True,
                    "return_sequences": True,
                    "name": "gru",
                },
            )
        ],
        SEQ,
        masked=True,
    ),
    _rnn(
        "rnn_simple_rnn_masked_unroll",
        [
            (
                "SimpleRNN",
                {"units": 3, "unroll": True, "return_sequences": True, "name": "srnn"},
            )
        ],
        SEQ,
        masked=True,
    ),
    _rnn(
        "rnn_embedding_lstm_state",
        [("LSTM", {"units": 3, "return_state": True, "name": "lstm"})],
        TOKENS,
        config_layer="lstm",
    ),
    _rnn(
        "rnn_embedding_gru_reset_before_state",
        [
            (
                "GRU",
                {
                    "units": 3,
                    "return_state": True,
                    "return_sequences": True,
                    "reset_after": False,
                    "name": "gru",
                },
            )
        ],
        TOKENS,
        config_layer="gru",
    ),
    _rnn(
        "rnn_embedding_bidirectional_concat",
        [
            (
                "Bidirectional",
                {
                    "layer": (
                        "LSTM",
                        {"units": 3, "return_sequences": True, "name": "inner"},
                    ),
                    "name": "bi",
                },
            ),
            ("LSTM", {"units": 2, "name": "top"}),
        ],
        TOKENS,
        config_layer="bi",
    ),
    _rnn(
        "rnn_masked_bidirectional_none_state",
        [
            (
                "Bidirectional",
                {
                    "layer": (
                        "GRU",
                        {
                            "units": 2,
                            "return_sequences": True,
                            "return_state": True,
                            "name": "inner",
                        },
                    ),
                    "merge_mode": None,
                    "name": "bi",
                },
            ),
        ],
        SEQ,
        masked=True,
    ),
    _rnn(
        "rnn_bidirectional_backward_layer",
        [
            (
                "Bidirectional",
                {
                    "layer": ("SimpleRNN", {"units": 2, "name": "fwd"}),
                    "backward_layer": (
                        "SimpleRNN",
                        {"units": 3, "go_backwards": True, "name": "bwd"},
                    ),
                    "name": "bi",
                },
            ),
        ],
        SEQ,
        config_layer="bi",
    ),
    _rnn(
        "rnn_masked_time_distributed",
        [
            (
                "TimeDistributed",
                {"layer": ("Dense", {"units": 2, "name": "td_dense"}), "name": "td"},
            ),
            ("LSTM", {"units": 2, "name": "lstm"}),
        ],
        SEQ,
        masked=True,
        config_layer="td",
    ),
    _rnn(
        "rnn_stacked_cells",
        [
            (
                "RNN",
                {
                    "cell": [
                        ("LSTMCell", {"units": 3, "name": "c0"}),
                        ("GRUCell", {"units": 2, "name": "c1"}),
                        ("SimpleRNNCell", {"units": 2, "name": "c2"}),
                    ],
                    "return_sequences": True,
                    "return_state": True,
                    "name": "stack",
                },
            )
        ],
        SEQ,
        masked=True,
        config_layer="stack",
    ),
    _rnn(
        "rnn_stacked_cells_explicit",
        [
            (
                "RNN",
                {
                    "cell": [
                        (
                            "StackedRNNCells",
                            {
                                "cells": [
                                    ("LSTMCell", {"units": 2, "name": "c0"}),
                                    ("LSTMCell", {"units": 3, "name": "c1"}),
                                ],
                                "name": "stacked",
                            },
                        )
                    ],
                    "name": "stack",
                },
            )
        ],
        SEQ,
        config_layer="stack",
    ),
    _rnn(
        "rnn_custom_cell",
        [
            (
                "RNN",
                {
                    "cell": [("MinimalRNNCell", {"units": 3, "name": "minimal"})],
                    "return_sequences": True,
                    "name": "custom",
                },
            )
        ],
        SEQ,
        masked=True,
    ),
    _rnn(
        "rnn_lstm_initial_state",
        [
            (
                "LSTM",
                {
                    "units": 3,
                    "return_sequences": True,
                    "return_state": True,
                    "name": "lstm",
                },
            )
        ],
        SEQ,
        initial_state=[(3,), (3,)],
    ),
    _rnn(
        "rnn_lstm_stateful",
        [
            (
                "LSTM",
                {
                    "units": 3,
                    "stateful": True,
                    "return_sequences": True,
                    "name": "lstm",
                },
            )
        ],
        SEQ,
        checks=("stateful",),
        stateful_batch=True,
        batch=3,
        config_layer="lstm",
    ),
    _rnn(
        "rnn_gru_stateful_state",
        [("GRU", {"units": 2, "stateful": True, "return_state": True, "name": "gru"})],
        SEQ,
        checks=("stateful",),
        stateful_batch=True,
        batch=3,
    ),
    _rnn(
        "rnn_conv_lstm2d_initial_state",
        [
            (
                "ConvLSTM2D",
                {
                    "filters": 2,
                    "kernel_size": 3,
                    "padding": "same",
                    "return_state": True,
                    "name": "conv_lstm",
                },
            )
        ],
        ("float", 3, (4, 4, 1)),
        initial_state=[(4, 4, 2), (4, 4, 2)],
        config_layer="conv_lstm",
    ),
    _rnn(
        "rnn_conv_lstm2d_stateful",
        [
            (
                "ConvLSTM2D",
                {"filters": 2, "kernel_size": 2, "stateful": True, "name": "conv_lstm"},
            )
        ],
        ("float", 3, (3, 3, 1)),
        checks=("stateful",),
        stateful_batch=True,
        batch=2,
    ),
    _rnn(
        "rnn_conv_lstm2d_fit",
        [
            ("ConvLSTM2D", {"filters": 2, "kernel_size": 2, "name": "conv_lstm"}),
            ("Flatten", {"name": "flat"}),
            ("Dense", {"units": 2, "name": "head"}),
        ],
        ("float", 3, (3, 3, 1)),
        checks=("forward", "fit"),
        fit=LSTM_FIT,
    ),
    _rnn(
        "rnn_lstm_fit_masked",
        [
            ("LSTM", {"units": 4, "name": "lstm"}),
            ("Dense", {"units": 2, "name": "head"}),
        ],
        SEQ,
        checks=("forward", "fit"),
        masked=True,
        fit=LSTM_FIT,
    ),
    _rnn(
        "rnn_embedding_lstm_lora_fit",
        [
            ("LSTM", {"units": 3, "name": "lstm"}),
            ("Dense", {"units": 4, "lora_rank": 2, "name": "dense"}),
            (
                "EinsumDense",
                {
                    "equation": "ab,bc->ac",
                    "output_shape": 2,
                    "bias_axes": "c",
                    "lora_rank": 2,
                    "lora_alpha": 4,
                    "name": "ein",
                },
            ),
        ],
        TOKENS,
        checks=("forward", "grads", "fit"),
        embedding_kwargs={"lora_rank": 2, "lora_alpha": 8},
        config_layer="ein",
        fit=LSTM_FIT,
    ),
    _rnn(
        "rnn_embedding_bidirectional_fit",
        [
            (
                "Bidirectional",
                {
                    "layer": (
                        "GRU",
                        {"units": 3, "return_sequences": True, "name": "inner"},
                    ),
                    "name": "bi",
                },
            ),
            ("SimpleRNN", {"units": 3, "name": "top"}),
            ("Dense", {"units": 2, "name": "head"}),
        ],
        TOKENS,
        checks=("forward", "fit"),
        fit=LSTM_FIT,
    ),
]


def rnn_data(case: Case) -> dict:
    """Inputs (and fit targets) of an "rnn" case, drawn from `case.seed`."""
    import numpy as np

    spec = case.spec
    rng = np.random.default_rng(case.seed)
    kind, steps, size = spec["input"]
    n = spec.get("batch", 3)
    if "stateful" in case.checks:
        n *= 2
    if "fit" in case.checks:
        n = spec["fit"]["n"]
    if kind == "tokens":
        x = rng.integers(1, size, (n, steps)).astype(np.int32)
        x[1 % n, 1] = 0  # a masked step in the middle of a sequence
    else:
        x = rng.normal(size=(n, steps, *_step_shape(size))).astype(np.float32)
    if kind == "tokens" or spec.get("masked"):
        for b in range(n):
            pad = b % (steps - 1)
            if pad:
                x[b, steps - pad :] = 0
    xs = [x] + [
        rng.normal(size=(n, *shape)).astype(np.float32)
        for shape in spec.get("initial_state", ())
    ]
    data = {"x": xs}
    if "fit" in case.checks:
        targets = spec["fit"]["targets"]
        data["y_true"] = rng.normal(size=(n, targets)).astype(np.float32)
    return data
