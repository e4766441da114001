"""`format="onnx"`: exported files reproduce `predict` in onnxruntime."""

import numpy as np
import pytest

import kerasish as keras
from tests.export.export_models import predict, sample_inputs

onnx = pytest.importorskip("onnx", reason="needs the `onnx` extra (jax2onnx)")
ort = pytest.importorskip("onnxruntime", reason="needs the `onnx` extra")

L = keras.layers
NAMES = ["convnet", "lstm", "two_input"]


def _session(path: str) -> "ort.InferenceSession":
    options = ort.SessionOptions()
    options.log_severity_level = 3  # jax2onnx leaves unused initializers in scans
    return ort.InferenceSession(str(path), options)


def _run(path: str, xs: list[np.ndarray]) -> np.ndarray:
    session = _session(path)
    feed = {i.name: x for i, x in zip(session.get_inputs(), xs, strict=True)}
    (y,) = session.run(None, feed)
    return y


@pytest.fixture(scope="module")
def exported(models, tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("onnx")
    paths = {}
    for name in NAMES:
        paths[name] = str(folder / f"{name}.onnx")
        models[name].export(paths[name], format="onnx", verbose=False)
    return paths


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("batch", [1, 5])
def test_onnxruntime_matches_predict_for_any_batch_size(models, exported, name, batch):
    model = models[name]
    xs = sample_inputs(model, batch, seed=batch)
    np.testing.assert_allclose(
        _run(exported[name], xs), predict(model, xs), rtol=1e-4, atol=1e-6
    )


def test_graph_has_keras_input_names_and_a_symbolic_batch(exported):
    graph = onnx.load(exported["two_input"]).graph
    inputs = {
        i.name: [d.dim_param or d.dim_value for d in i.type.tensor_type.shape.dim]
        for i in graph.input
    }
    assert inputs == {"features": ["batch", 4], "extra": ["batch", 2]}
    assert [o.name for o in graph.output] == ["output_0"]
    onnx.checker.check_model(onnx.load(exported["two_input"]))


@pytest.mark.parametrize(
    "pooling, shape",
    [
        (L.MaxPooling1D(2), (8, 3)),
        (L.MaxPooling2D(3, strides=2, padding="same"), (7, 7, 2)),
        (L.MaxPooling2D(2, data_format="channels_first"), (2, 6, 6)),
        (L.MaxPooling3D(2), (4, 4, 4, 2)),
    ],
    ids=["1d", "2d_same", "2d_channels_first", "3d"],
)
def test_max_pooling_runs_in_onnxruntime(pooling, shape, tmp_path):
    """jax2onnx alone emits MaxPool over 4-5 axes, which onnxruntime rejects."""
    model = keras.Sequential([keras.Input(shape), pooling])
    xs = sample_inputs(model, 3)
    path = tmp_path / "pool.onnx"
    model.export(path, format="onnx", verbose=False)
    np.testing.assert_allclose(_run(path, xs), predict(model, xs), rtol=1e-6)


def test_layer_jax2onnx_cannot_lower_is_named_and_no_file_left(tmp_path):
    model = keras.Sequential([keras.Input((4, 4, 4, 2)), L.Conv3D(2, 2, name="c3")])
    path = tmp_path / "model.onnx"
    with pytest.raises(ValueError, match="Layer 'c3' \\(of type Conv3D\\) cannot be"):
        model.export(path, format="onnx")
    assert list(tmp_path.iterdir()) == []


def test_opset_version_is_used(models, tmp_path):
    path = tmp_path / "opset.onnx"
    models["two_input"].export(path, format="onnx", verbose=False, opset_version=21)
    assert onnx.load(path).opset_import[0].version == 21


def test_verbose_prints_keras_message(models, tmp_path, capsys):
    path = tmp_path / "model.onnx"
    models["two_input"].export(path, format="onnx")
    assert capsys.readouterr().out == f"Saved artifact at '{path}'.\n"


def test_passthrough_output_is_named(tmp_path):
    """An inference-time Dropout returns its input: the output still gets a name."""
    model = keras.Sequential([keras.Input((3,)), L.Dropout(0.5)])
    path = tmp_path / "identity.onnx"
    model.export(path, format="onnx", verbose=False)
    assert [o.name for o in _session(path).get_outputs()] == ["output_0"]
    xs = sample_inputs(model, 2)
    np.testing.assert_allclose(_run(path, xs), xs[0])
