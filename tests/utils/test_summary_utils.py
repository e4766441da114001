"""Tests for `kerasish/utils/summary_utils.py` against real Keras 3.15.1 output.

Every `EXPECTED_*` literal was captured from Keras 3.15.1 (`model.summary()` with
stdout redirected to a file, `COLUMNS` unset, so an 80-column console) on real
models; the fake models below carry the same names, shapes and weights.
"""

# ruff: noqa: E501

import math

import numpy as np
import pytest

from kerasish.utils import summary_utils


class _Weight:
    def __init__(self, shape, dtype="float32"):
        self.shape = tuple(shape)
        self.dtype = dtype


class _Layer:
    def __init__(
        self, name, shape=None, weights=(), non_trainable=(), built=True, layers=None
    ):
        self.name = name
        self._summary_output_shape = shape
        self._own = [_Weight(s) for s in weights]
        self._own_non_trainable = [_Weight(s) for s in non_trainable]
        self.built = built
        self.trainable = True
        if layers is not None:
            self.layers = layers

    @property
    def weights(self):
        subs = [w for layer in getattr(self, "layers", []) for w in layer.weights]
        return self._own + self._own_non_trainable + subs

    @property
    def trainable_weights(self):
        if not self.trainable:
            return []
        subs = [
            w for layer in getattr(self, "layers", []) for w in layer.trainable_weights
        ]
        return self._own + subs

    @property
    def non_trainable_weights(self):
        trainable = {id(w) for w in self.trainable_weights}
        return [w for w in self.weights if id(w) not in trainable]

    def count_params(self):
        return sum(math.prod(w.shape) for w in self.weights)


def _layer(cls_name, *args, **kwargs):
    """A fake layer whose `type(layer).__name__` is `cls_name`."""
    return type(cls_name, (_Layer,), {})(*args, **kwargs)


class _Optimizer:
    def __init__(self, variables, built=True):
        self.variables = variables
        self.built = built


class _Model:
    def __init__(self, name, layers, sequential_like=True, optimizer=None):
        self.name = name
        self.layers = layers
        self._is_sequential_like = sequential_like
        self.optimizer = optimizer
        self.compiled = optimizer is not None
        self.built = all(layer.built for layer in layers)

    @property
    def trainable_weights(self):
        return [w for layer in self.layers for w in layer.trainable_weights]

    @property
    def non_trainable_weights(self):
        return [w for layer in self.layers for w in layer.non_trainable_weights]

    @property
    def weights(self):
        return [w for layer in self.layers for w in layer.weights]


def _mlp(name="sequential"):
    return _Model(
        name,
        [
            _layer("Flatten", "flatten", (None, 64)),
            _layer("Dense", "dense", (None, 64), weights=[(64, 64), (64,)]),
            _layer("Dropout", "dropout", (None, 64)),
            _layer("Dense", "dense_1", (None, 10), weights=[(64, 10), (10,)]),
        ],
    )


def _adam_variables(model):
    # Keras' Adam: iterations (int64), learning_rate, then m and v per weight.
    slots = [_Weight(w.shape) for w in model.trainable_weights for _ in range(2)]
    return [_Weight((), "int64"), _Weight(())] + slots


def _nested():
    inner = _layer(
        "Sequential",
        "inner",
        (None, 2),
        layers=[
            _layer("Dense", "inner_dense", (None, 3), weights=[(4, 3), (3,)]),
            _layer("Dense", "inner_dense_2", (None, 2), weights=[(3, 2), (2,)]),
        ],
    )
    head = _layer("Dense", "head", (None, 1), weights=[(2, 1), (1,)])
    return _Model("outer", [inner, head])


@pytest.fixture(autouse=True)
def _console_80(monkeypatch):
    # What Keras sees with stdout redirected and `COLUMNS` unset: 80 columns.
    monkeypatch.setenv("COLUMNS", "80")


def _summary(model, capsys, **kwargs):
    summary_utils.print_summary(model, **kwargs)
    return capsys.readouterr().out


def test_sequential(capsys):
    assert _summary(_mlp(), capsys) == EXPECTED_BASIC


def test_long_names_wrap_and_ellipsize(capsys):
    model = _Model(
        "wrapping_model",
        [
            _layer(
                "Dense",
                "a_very_long_dense_layer_name_that_wraps",
                (None, 32),
                weights=[(16, 32), (32,)],
            ),
            _layer(
                "BatchNormalization",
                "batch_normalization",
                (None, 32),
                weights=[(32,), (32,)],
                non_trainable=[(32,), (32,)],
            ),
            _layer(
                "Dense",
                "averyveryveryverylongnamewithoutanybreaksatallxx",
                (None, 3),
                weights=[(32, 3), (3,)],
            ),
        ],
    )
    assert _summary(model, capsys) == EXPECTED_WRAP


def test_unbuilt(capsys):
    model = _Model(
        "unbuilt",
        [
            _layer("Dense", "dense_a", None, built=False),
            _layer("Dense", "dense_b", None, built=False),
        ],
    )
    assert _summary(model, capsys) == EXPECTED_UNBUILT


def test_show_trainable_with_frozen_layer(capsys):
    model = _mlp()
    model.layers[1].trainable = False
    assert _summary(model, capsys, show_trainable=True) == EXPECTED_TRAINABLE


def test_optimizer_params_only_once_built(capsys):
    model = _mlp()
    model.optimizer = _Optimizer(_adam_variables(model), built=False)
    model.compiled = True
    # Compiled but not yet trained: no optimizer line, as for an uncompiled model.
    assert _summary(model, capsys) == EXPECTED_BASIC
    model.optimizer.built = True
    assert _summary(model, capsys) == EXPECTED_TRAINED


def test_print_fn_gets_whole_summary_once(capsys):
    model = _mlp()
    model.optimizer = _Optimizer(_adam_variables(model))
    model.compiled = True
    calls = []
    summary_utils.print_summary(model, print_fn=lambda *a, **k: calls.append((a, k)))
    # Keras 3 calls `print_fn` once, with every line (newline-terminated).
    assert calls == [((EXPECTED_TRAINED,), {})]
    assert capsys.readouterr().out == ""


def test_line_length_and_positions(capsys):
    model = _mlp()
    model.optimizer = _Optimizer(_adam_variables(model))
    model.compiled = True
    out = _summary(model, capsys, line_length=60, positions=[0.5, 0.8, 1.0])
    assert out == EXPECTED_LINE_LENGTH
    assert _summary(model, capsys, layer_range=["dense", "dropout"]) == EXPECTED_RANGE


def test_functional_connected_to(capsys):
    def dense(name, shape, n_in, n_out, inbound):
        layer = _layer("Dense", name, shape, weights=[(n_in, n_out), (n_out,)])
        layer._summary_connections = inbound
        return layer

    add = _layer("Add", "add", (None, 4))
    add._summary_connections = ["left[0][0]", "right[0][0]"]
    model = _Model(
        "func",
        [
            _layer("InputLayer", "inp", (None, 8)),
            dense("left", (None, 4), 8, 4, ["inp[0][0]"]),
            dense("right", (None, 4), 8, 4, ["inp[0][0]"]),
            add,
            dense("out", (None, 2), 4, 2, ["add[0][0]"]),
        ],
        sequential_like=False,
    )
    assert _summary(model, capsys) == EXPECTED_FUNCTIONAL


def test_expand_nested(capsys):
    assert _summary(_nested(), capsys, expand_nested=True) == EXPECTED_NESTED
    out = _summary(_nested(), capsys, expand_nested=True, show_trainable=True)
    assert out == EXPECTED_NESTED_TRAINABLE


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        # Wider than the console: rich crops every line at 80 columns.
        ({"line_length": 120}, "WIDE"),
        # Headers wrap and are bottom-aligned; "Param #" is right-justified.
        ({"line_length": 40}, "NARROW"),
        # Absolute positions overflow; rich shrinks all columns evenly.
        ({"positions": [30, 50, 65]}, "ABS_POSITIONS"),
        # Positions short of 1.0: rich spreads the spare width by ratio.
        ({"positions": [0.3, 0.5, 0.7]}, "SHORT_POSITIONS"),
    ],
)
def test_widths(capsys, kwargs, expected):
    assert _summary(_nested(), capsys, **kwargs) == globals()[f"EXPECTED_{expected}"]


def test_long_model_name_folds(capsys):
    name = (
        "a_model_with_an_extremely_long_name_that_will_definitely_need_wrapping"
        "_in_the_console_xyz"
    )
    model = _Model(name, [_layer("Dense", "d", (None, 1), weights=[(3, 1), (1,)])])
    assert _summary(model, capsys) == EXPECTED_LONGNAME


def test_terminal_width_caps_default_line_length(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    assert _summary(_mlp(), capsys) == EXPECTED_COLUMNS200_BASIC


def test_rank_one_and_multi_output_shapes():
    fmt = summary_utils.format_output_shape
    # Keras quirk: no trailing comma for a rank-1 shape.
    assert fmt((None,)) == "(None)"
    assert fmt((None, 26, 26, 32)) == "(None, 26, 26, 32)"
    assert fmt(None) == "?"
    assert fmt([(None, 3), (None, 4)]) == "[(None, 3), (None, 4)]"
    assert fmt({"a": (None, 3), "b": (2,)}) == "{a: (None, 3), b: (2)}"
    assert fmt([(None, 3)]) == "(None, 3)"


def test_readable_memory_size():
    assert summary_utils.readable_memory_size(0) == "0.00 B"
    assert summary_utils.readable_memory_size(1023) == "1023.00 B"
    assert summary_utils.readable_memory_size(34826 * 4) == "136.04 KB"
    assert summary_utils.readable_memory_size(3 * 1024**3) == "3.00 GB"


def test_weight_memory_size_counts_each_weight_once():
    w = _Weight((10, 10))
    weights = [w, w, _Weight((4,), "bfloat16"), _Weight((8,), "bool")]
    assert summary_utils.weight_memory_size(weights) == 400 + 8 + 1
    assert summary_utils.weight_memory_size([_Weight((2,), np.dtype("int8"))]) == 2
    with pytest.raises(ValueError, match="Invalid dtype"):
        summary_utils.weight_memory_size([_Weight((2,), "string")])


def test_layer_range_errors():
    model = _mlp()
    with pytest.raises(ValueError, match="length 2"):
        summary_utils.print_summary(model, layer_range=["dense"])
    with pytest.raises(ValueError, match="do not match"):
        summary_utils.print_summary(model, layer_range=["nope", "dense"])
    # Reversed bounds select the span between them, as Keras does.
    bounds = summary_utils.get_layer_index_bound_by_layer_name(
        model.layers, ["dropout", "flatten"]
    )
    assert bounds == [0, 3]


def test_insufficient_width():
    with pytest.raises(ValueError, match="Insufficient console width"):
        summary_utils.print_summary(_mlp(), line_length=8)


EXPECTED_BASIC = """\
Model: "sequential"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ flatten (Flatten)               │ (None, 64)             │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense (Dense)                   │ (None, 64)             │         4,160 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dropout (Dropout)               │ (None, 64)             │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense_1 (Dense)                 │ (None, 10)             │           650 │
└─────────────────────────────────┴────────────────────────┴───────────────┘
 Total params: 4,810 (18.79 KB)
 Trainable params: 4,810 (18.79 KB)
 Non-trainable params: 0 (0.00 B)
"""

EXPECTED_WRAP = """\
Model: "wrapping_model"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ a_very_long_dense_layer_name_t… │ (None, 32)             │           544 │
│ (Dense)                         │                        │               │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ batch_normalization             │ (None, 32)             │           128 │
│ (BatchNormalization)            │                        │               │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ averyveryveryverylongnamewitho… │ (None, 3)              │            99 │
│ (Dense)                         │                        │               │
└─────────────────────────────────┴────────────────────────┴───────────────┘
 Total params: 771 (3.01 KB)
 Trainable params: 707 (2.76 KB)
 Non-trainable params: 64 (256.00 B)
"""

EXPECTED_UNBUILT = """\
Model: "unbuilt"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ dense_a (Dense)                 │ ?                      │   0 (unbuilt) │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense_b (Dense)                 │ ?                      │   0 (unbuilt) │
└─────────────────────────────────┴────────────────────────┴───────────────┘
 Total params: 0 (0.00 B)
 Trainable params: 0 (0.00 B)
 Non-trainable params: 0 (0.00 B)
"""

EXPECTED_TRAINABLE = """\
Model: "sequential"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━┓
┃ Layer (type)                ┃ Output Shape          ┃    Param # ┃ Trai… ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━┩
│ flatten (Flatten)           │ (None, 64)            │          0 │   -   │
├─────────────────────────────┼───────────────────────┼────────────┼───────┤
│ dense (Dense)               │ (None, 64)            │      4,160 │   N   │
├─────────────────────────────┼───────────────────────┼────────────┼───────┤
│ dropout (Dropout)           │ (None, 64)            │          0 │   -   │
├─────────────────────────────┼───────────────────────┼────────────┼───────┤
│ dense_1 (Dense)             │ (None, 10)            │        650 │   Y   │
└─────────────────────────────┴───────────────────────┴────────────┴───────┘
 Total params: 4,810 (18.79 KB)
 Trainable params: 650 (2.54 KB)
 Non-trainable params: 4,160 (16.25 KB)
"""

EXPECTED_TRAINED = """\
Model: "sequential"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ flatten (Flatten)               │ (None, 64)             │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense (Dense)                   │ (None, 64)             │         4,160 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dropout (Dropout)               │ (None, 64)             │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense_1 (Dense)                 │ (None, 10)             │           650 │
└─────────────────────────────────┴────────────────────────┴───────────────┘
 Total params: 14,432 (56.38 KB)
 Trainable params: 4,810 (18.79 KB)
 Non-trainable params: 0 (0.00 B)
 Optimizer params: 9,622 (37.59 KB)
"""

EXPECTED_LINE_LENGTH = """\
Model: "sequential"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━┳━━━━━━━━━━━┓
┃ Layer (type)                ┃ Output Shape   ┃   Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━╇━━━━━━━━━━━┩
│ flatten (Flatten)           │ (None, 64)     │         0 │
├─────────────────────────────┼────────────────┼───────────┤
│ dense (Dense)               │ (None, 64)     │     4,160 │
├─────────────────────────────┼────────────────┼───────────┤
│ dropout (Dropout)           │ (None, 64)     │         0 │
├─────────────────────────────┼────────────────┼───────────┤
│ dense_1 (Dense)             │ (None, 10)     │       650 │
└─────────────────────────────┴────────────────┴───────────┘
 Total params: 14,432 (56.38 KB)
 Trainable params: 4,810 (18.79 KB)
 Non-trainable params: 0 (0.00 B)
 Optimizer params: 9,622 (37.59 KB)
"""

EXPECTED_RANGE = """\
Model: "sequential"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ dense (Dense)                   │ (None, 64)             │         4,160 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dropout (Dropout)               │ (None, 64)             │             0 │
└─────────────────────────────────┴────────────────────────┴───────────────┘
 Total params: 14,432 (56.38 KB)
 Trainable params: 4,810 (18.79 KB)
 Non-trainable params: 0 (0.00 B)
 Optimizer params: 9,622 (37.59 KB)
"""

EXPECTED_FUNCTIONAL = """\
Model: "func"
┏━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┓
┃ Layer (type)        ┃ Output Shape      ┃    Param # ┃ Connected to      ┃
┡━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━┩
│ inp (InputLayer)    │ (None, 8)         │          0 │ -                 │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ left (Dense)        │ (None, 4)         │         36 │ inp[0][0]         │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ right (Dense)       │ (None, 4)         │         36 │ inp[0][0]         │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ add (Add)           │ (None, 4)         │          0 │ left[0][0],       │
│                     │                   │            │ right[0][0]       │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ out (Dense)         │ (None, 2)         │         10 │ add[0][0]         │
└─────────────────────┴───────────────────┴────────────┴───────────────────┘
 Total params: 82 (328.00 B)
 Trainable params: 82 (328.00 B)
 Non-trainable params: 0 (0.00 B)
"""

EXPECTED_NESTED = """\
Model: "outer"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ inner (Sequential)              │ (None, 2)              │            23 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│    └ inner_dense (Dense)        │ (None, 3)              │            15 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│    └ inner_dense_2 (Dense)      │ (None, 2)              │             8 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ head (Dense)                    │ (None, 1)              │             3 │
└─────────────────────────────────┴────────────────────────┴───────────────┘
 Total params: 26 (104.00 B)
 Trainable params: 26 (104.00 B)
 Non-trainable params: 0 (0.00 B)
"""

EXPECTED_NESTED_TRAINABLE = """\
Model: "outer"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━┓
┃ Layer (type)                ┃ Output Shape          ┃    Param # ┃ Trai… ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━┩
│ inner (Sequential)          │ (None, 2)             │         23 │   Y   │
├─────────────────────────────┼───────────────────────┼────────────┼───────┤
│    └ inner_dense (Dense)    │ (None, 3)             │         15 │   Y   │
├─────────────────────────────┼───────────────────────┼────────────┼───────┤
│    └ inner_dense_2 (Dense)  │ (None, 2)             │          8 │   Y   │
├─────────────────────────────┼───────────────────────┼────────────┼───────┤
│ head (Dense)                │ (None, 1)             │          3 │   Y   │
└─────────────────────────────┴───────────────────────┴────────────┴───────┘
 Total params: 26 (104.00 B)
 Trainable params: 26 (104.00 B)
 Non-trainable params: 0 (0.00 B)
"""

EXPECTED_WIDE = (
    'Model: "outer"\n'
    "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━\n"
    "┃ Layer (type)                                        ┃ Output Shape            \n"
    "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━\n"
    "│ inner (Sequential)                                  │ (None, 2)               \n"
    "├─────────────────────────────────────────────────────┼─────────────────────────\n"
    "│ head (Dense)                                        │ (None, 1)               \n"
    "└─────────────────────────────────────────────────────┴─────────────────────────\n"
    " Total params: 26 (104.00 B)\n"
    " Trainable params: 26 (104.00 B)\n"
    " Non-trainable params: 0 (0.00 B)\n"
)

EXPECTED_NARROW = """\
Model: "outer"
┏━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━┓
┃                 ┃ Output     ┃ Param ┃
┃ Layer (type)    ┃ Shape      ┃     # ┃
┡━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━┩
│ inner           │ (None, 2)  │    23 │
│ (Sequential)    │            │       │
├─────────────────┼────────────┼───────┤
│ head (Dense)    │ (None, 1)  │     3 │
└─────────────────┴────────────┴───────┘
 Total params: 26 (104.00 B)
 Trainable params: 26 (104.00 B)
 Non-trainable params: 0 (0.00 B)
"""

EXPECTED_ABS_POSITIONS = """\
Model: "outer"
┏━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ Layer (type)           ┃ Output Shape           ┃                Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━┩
│ inner (Sequential)     │ (None, 2)              │                     23 │
├────────────────────────┼────────────────────────┼────────────────────────┤
│ head (Dense)           │ (None, 1)              │                      3 │
└────────────────────────┴────────────────────────┴────────────────────────┘
 Total params: 26 (104.00 B)
 Trainable params: 26 (104.00 B)
 Non-trainable params: 0 (0.00 B)
"""

EXPECTED_SHORT_POSITIONS = """\
Model: "outer"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━┓
┃ Layer (type)                 ┃ Output Shape         ┃            Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━┩
│ inner (Sequential)           │ (None, 2)            │                 23 │
├──────────────────────────────┼──────────────────────┼────────────────────┤
│ head (Dense)                 │ (None, 1)            │                  3 │
└──────────────────────────────┴──────────────────────┴────────────────────┘
 Total params: 26 (104.00 B)
 Trainable params: 26 (104.00 B)
 Non-trainable params: 0 (0.00 B)
"""

EXPECTED_LONGNAME = (
    "Model: \n"
    '"a_model_with_an_extremely_long_name_that_will_definitely_need_wrapping_in_the_c\n'
    'onsole_xyz"\n'
    "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓\n"
    "┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃\n"
    "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩\n"
    "│ d (Dense)                       │ (None, 1)              │             4 │\n"
    "└─────────────────────────────────┴────────────────────────┴───────────────┘\n"
    " Total params: 4 (16.00 B)\n"
    " Trainable params: 4 (16.00 B)\n"
    " Non-trainable params: 0 (0.00 B)\n"
)

EXPECTED_COLUMNS200_BASIC = """\
Model: "sequential"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓
┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩
│ flatten (Flatten)                    │ (None, 64)                  │               0 │
├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
│ dense (Dense)                        │ (None, 64)                  │           4,160 │
├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
│ dropout (Dropout)                    │ (None, 64)                  │               0 │
├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
│ dense_1 (Dense)                      │ (None, 10)                  │             650 │
└──────────────────────────────────────┴─────────────────────────────┴─────────────────┘
 Total params: 4,810 (18.79 KB)
 Trainable params: 4,810 (18.79 KB)
 Non-trainable params: 0 (0.00 B)
"""
