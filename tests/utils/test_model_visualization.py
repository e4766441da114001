# ruff: noqa: E501
"""Tests for `kerasish/utils/model_visualization.py`.

The expected dot sources are real Keras 3.15.1's `model_to_dot(...).to_string()`
for the same models (pydot 4.0.1), with each node id (`id(layer)`) written as
`ID_<layer name>`.
"""

import sys

import numpy as np
import pytest

import kerasish as keras
from kerasish.utils import model_visualization
from kerasish.utils.model_visualization import model_to_dot, plot_model

L = keras.layers

SEQUENTIAL_ALL_OPTIONS = """\
digraph G {
rankdir=LR;
concentrate=true;
dpi=96;
splines=ortho;
node [shape=record];
ID_d0 [label=<<table border="0" cellborder="1" bgcolor="black" cellpadding="10"><tr><td colspan="4" bgcolor="black"><font point-size="16" color="white"><b>d0</b> (Dense)</font></td></tr><tr><td bgcolor="white" colspan="4"><font point-size="14">Activation: <b>relu</b></font></td></tr><tr><td bgcolor="white"><font point-size="14">Input shape: <b>(None, 4)</b></font></td><td bgcolor="white"><font point-size="14">Output shape: <b>(None, 3)</b></font></td><td bgcolor="white"><font point-size="14">Output dtype: <b>float32</b></font></td><td bgcolor="forestgreen"><font point-size="14" color="white"><b>Trainable</b></font></td></tr></table>>, fontname=Helvetica, border=0, margin=0];
ID_drop [label=<<table border="0" cellborder="1" bgcolor="black" cellpadding="10"><tr><td colspan="4" bgcolor="black"><font point-size="16" color="white"><b>drop</b> (Dropout)</font></td></tr><tr><td bgcolor="white"><font point-size="14">Input shape: <b>(None, 3)</b></font></td><td bgcolor="white"><font point-size="14">Output shape: <b>(None, 3)</b></font></td><td bgcolor="white"><font point-size="14">Output dtype: <b>float32</b></font></td></tr></table>>, fontname=Helvetica, border=0, margin=0];
ID_d1 [label=<<table border="0" cellborder="1" bgcolor="black" cellpadding="10"><tr><td colspan="4" bgcolor="black"><font point-size="16" color="white"><b>d1</b> (Dense)</font></td></tr><tr><td bgcolor="white" colspan="4"><font point-size="14">Activation: <b>linear</b></font></td></tr><tr><td bgcolor="white"><font point-size="14">Input shape: <b>(None, 3)</b></font></td><td bgcolor="white"><font point-size="14">Output shape: <b>(None, 2)</b></font></td><td bgcolor="white"><font point-size="14">Output dtype: <b>float32</b></font></td><td bgcolor="firebrick"><font point-size="14" color="white"><b>Non-trainable</b></font></td></tr></table>>, fontname=Helvetica, border=0, margin=0];
ID_d0 -> ID_drop [penwidth=2];
ID_drop -> ID_d1 [penwidth=2];
}
"""

FUNCTIONAL_SHAPES_NO_NAMES = """\
digraph G {
rankdir=TB;
concentrate=true;
dpi=200;
splines=ortho;
node [shape=record];
ID_a [label=<<table border="0" cellborder="1" bgcolor="black" cellpadding="10"><tr><td colspan="2" bgcolor="black"><font point-size="16" color="white"><b>InputLayer</b></font></td></tr><tr><td bgcolor="white"><font point-size="14">Output shape: <b>(None, 2)</b></font></td></tr></table>>, fontname=Helvetica, border=0, margin=0];
ID_b [label=<<table border="0" cellborder="1" bgcolor="black" cellpadding="10"><tr><td colspan="2" bgcolor="black"><font point-size="16" color="white"><b>InputLayer</b></font></td></tr><tr><td bgcolor="white"><font point-size="14">Output shape: <b>(None, 3)</b></font></td></tr></table>>, fontname=Helvetica, border=0, margin=0];
ID_da [label=<<table border="0" cellborder="1" bgcolor="black" cellpadding="10"><tr><td colspan="2" bgcolor="black"><font point-size="16" color="white"><b>Dense</b></font></td></tr><tr><td bgcolor="white"><font point-size="14">Input shape: <b>(None, 2)</b></font></td><td bgcolor="white"><font point-size="14">Output shape: <b>(None, 3)</b></font></td></tr></table>>, fontname=Helvetica, border=0, margin=0];
ID_shared [label=<<table border="0" cellborder="1" bgcolor="black" cellpadding="10"><tr><td colspan="2" bgcolor="black"><font point-size="16" color="white"><b>Dense</b></font></td></tr><tr><td bgcolor="white"><font point-size="14">Input shape: <b>(None, 3)</b></font></td><td bgcolor="white"><font point-size="14">Output shape: <b>(None, 3)</b></font></td></tr></table>>, fontname=Helvetica, border=0, margin=0];
ID_cat [label=<<table border="0" cellborder="1" bgcolor="black" cellpadding="10"><tr><td colspan="2" bgcolor="black"><font point-size="16" color="white"><b>Concatenate</b></font></td></tr><tr><td bgcolor="white"><font point-size="14">Input shape: <b>[(None, 3), (None, 3)]</b></font></td><td bgcolor="white"><font point-size="14">Output shape: <b>(None, 6)</b></font></td></tr></table>>, fontname=Helvetica, border=0, margin=0];
ID_out [label=<<table border="0" cellborder="1" bgcolor="black" cellpadding="10"><tr><td colspan="2" bgcolor="black"><font point-size="16" color="white"><b>Dense</b></font></td></tr><tr><td bgcolor="white"><font point-size="14">Input shape: <b>(None, 6)</b></font></td><td bgcolor="white"><font point-size="14">Output shape: <b>(None, 1)</b></font></td></tr></table>>, fontname=Helvetica, border=0, margin=0];
ID_a -> ID_da [penwidth=2];
ID_b -> ID_shared [penwidth=2];
ID_da -> ID_cat [penwidth=2];
ID_shared -> ID_cat [penwidth=2];
ID_cat -> ID_out [penwidth=2];
}
"""

NESTED_EXPANDED = """\
digraph G {
rankdir=TB;
concentrate=true;
dpi=200;
splines=ortho;
node [shape=record];
ID_x [label=<<table border="0" cellborder="1" bgcolor="black" cellpadding="10"><tr><td colspan="2" bgcolor="black"><font point-size="16" color="white"><b>x</b> (InputLayer)</font></td></tr><tr><td bgcolor="white"><font point-size="14">Output shape: <b>(None, 4)</b></font></td></tr></table>>, fontname=Helvetica, border=0, margin=0];
subgraph cluster_inner {
style=dashed;
label=inner;
labeljust=l;
ID_i0 [label=<<table border="0" cellborder="1" bgcolor="black" cellpadding="10"><tr><td colspan="2" bgcolor="black"><font point-size="16" color="white"><b>i0</b> (Dense)</font></td></tr><tr><td bgcolor="white"><font point-size="14">Input shape: <b>(None, 4)</b></font></td><td bgcolor="white"><font point-size="14">Output shape: <b>(None, 3)</b></font></td></tr></table>>, fontname=Helvetica, border=0, margin=0];
ID_i1 [label=<<table border="0" cellborder="1" bgcolor="black" cellpadding="10"><tr><td colspan="2" bgcolor="black"><font point-size="16" color="white"><b>i1</b> (Dense)</font></td></tr><tr><td bgcolor="white"><font point-size="14">Input shape: <b>(None, 3)</b></font></td><td bgcolor="white"><font point-size="14">Output shape: <b>(None, 2)</b></font></td></tr></table>>, fontname=Helvetica, border=0, margin=0];
ID_i0 -> ID_i1 [penwidth=2];
}
ID_head [label=<<table border="0" cellborder="1" bgcolor="black" cellpadding="10"><tr><td colspan="2" bgcolor="black"><font point-size="16" color="white"><b>head</b> (Dense)</font></td></tr><tr><td bgcolor="white"><font point-size="14">Input shape: <b>(None, 2)</b></font></td><td bgcolor="white"><font point-size="14">Output shape: <b>(None, 1)</b></font></td></tr></table>>, fontname=Helvetica, border=0, margin=0];
ID_x -> ID_i0 [penwidth=2];
ID_i1 -> ID_head [penwidth=2];
}
"""


def _dot_source(dot, model) -> str:
    """`dot.to_string()` with node ids replaced by `ID_<layer name>`."""
    text = dot.to_string()
    names = {}

    def walk(m):
        names[str(id(m))] = m.name
        for layer in getattr(m, "_layers", None) or m.layers:
            names[str(id(layer))] = layer.name
            if hasattr(layer, "layers"):
                walk(layer)

    walk(model)
    for node_id, name in names.items():
        text = text.replace(node_id, f"ID_{name}")
    return text.strip()


@pytest.fixture(scope="module")
def sequential():
    model = keras.Sequential(
        [
            keras.Input((4,)),
            L.Dense(3, activation="relu", name="d0"),
            L.Dropout(0.5, name="drop"),
            L.Dense(2, name="d1"),
        ],
        name="seq",
    )
    model.layers[2].trainable = False
    return model


def test_sequential_all_options(sequential):
    dot = model_to_dot(
        sequential,
        show_shapes=True,
        show_dtype=True,
        show_layer_activations=True,
        show_trainable=True,
        rankdir="LR",
        dpi=96,
    )
    assert _dot_source(dot, sequential) == SEQUENTIAL_ALL_OPTIONS.strip()


def test_functional_shapes_without_names():
    a = keras.Input((2,), name="a")
    b = keras.Input((3,), name="b")
    shared = L.Dense(3, name="shared")
    c = L.Concatenate(name="cat")([L.Dense(3, name="da")(a), shared(b)])
    model = keras.Model([a, b], L.Dense(1, activation="sigmoid", name="out")(c))
    dot = model_to_dot(model, show_shapes=True, show_layer_names=False)
    assert _dot_source(dot, model) == FUNCTIONAL_SHAPES_NO_NAMES.strip()


def test_nested_sequential_expanded():
    inner = keras.Sequential(
        [keras.Input((4,)), L.Dense(3, name="i0"), L.Dense(2, name="i1")],
        name="inner",
    )
    x = keras.Input((4,), name="x")
    model = keras.Model(x, L.Dense(1, name="head")(inner(x)), name="outer")
    dot = model_to_dot(model, expand_nested=True, show_shapes=True)
    assert _dot_source(dot, model) == NESTED_EXPANDED.strip()
    collapsed = _dot_source(model_to_dot(model), model)
    assert (
        "ID_x -> ID_inner [penwidth=2];\nID_inner -> ID_head [penwidth=2];" in collapsed
    )


def test_subclassed_model_is_one_node():
    class Sub(keras.Model):
        def __init__(self):
            super().__init__(name="sub")
            self.d = L.Dense(2, name="sd")

        def call(self, x):
            return self.d(x)

    model = Sub()
    model(np.ones((1, 3), "float32"))
    source = _dot_source(model_to_dot(model), model)
    assert "ID_sub [label=" in source and "->" not in source


def test_argument_errors(sequential):
    with pytest.raises(ValueError, match="`layer_range` is no longer supported"):
        model_to_dot(sequential, layer_range=["d0", "d1"])
    with pytest.raises(ValueError, match="Unrecognized keyword arguments: {'foo': 1}"):
        model_to_dot(sequential, foo=1)
    with pytest.raises(ValueError, match="This model has not yet been built"):
        model_to_dot(keras.Sequential([L.Dense(2)]))


def test_clear_errors_without_pydot_or_graphviz(sequential, monkeypatch):
    monkeypatch.setattr(model_visualization, "_import_pydot", lambda: None)
    assert not model_visualization.check_pydot()
    with pytest.raises(
        ImportError,
        match="You must install pydot \\(`pip install pydot`\\) for `plot_model`",
    ):
        plot_model(sequential)
    with pytest.raises(ImportError, match="for model_to_dot to work"):
        model_to_dot(sequential)
    monkeypatch.undo()
    monkeypatch.setattr(model_visualization, "check_graphviz", lambda: False)
    with pytest.raises(ImportError, match="You must install graphviz"):
        plot_model(sequential)
    # Inside IPython Keras prints the message instead of raising.
    monkeypatch.setitem(sys.modules, "IPython.core.magics.namespace", object())
    assert plot_model(sequential) is None


def test_plot_model_writes_the_rendered_file(sequential, monkeypatch, tmp_path):
    written = {}

    def fake_write(self, path, format):
        written["call"] = (path, format)

    import pydot

    monkeypatch.setattr(model_visualization, "check_graphviz", lambda: True)
    monkeypatch.setattr(pydot.Dot, "write", fake_write)
    monkeypatch.setitem(sys.modules, "IPython", None)
    assert plot_model(sequential, to_file=tmp_path / "m.svg") is None
    assert written["call"] == (str(tmp_path / "m.svg"), "svg")
    plot_model(sequential, to_file=str(tmp_path / "m"))
    assert written["call"][1] == "png"
