"""`Model.export`: format dispatch and Keras-style errors, atomic files."""

import importlib.util
import os

import numpy as np
import pytest

import kerasish as keras
from kerasish.export import load_stablehlo
from tests.export.export_models import predict, sample_inputs


def test_unknown_format_lists_supported_formats(models, tmp_path):
    with pytest.raises(ValueError) as info:
        models["two_input"].export(tmp_path / "m", format="pickle")
    assert str(info.value) == (
        "Unrecognized format=pickle. Supported formats are: ['tf_saved_model', "
        "'onnx', 'openvino', 'litert', 'torch', 'stablehlo']."
    )


@pytest.mark.parametrize(
    "format, message",
    [
        ("litert", "LiteRT export requires TensorFlow or PyTorch backend."),
        ("torch", "Torch export requires PyTorch backend."),
        ("openvino", "OpenVINO export is not supported by kerasish"),
    ],
)
def test_formats_of_other_backends_raise(models, tmp_path, format, message):
    with pytest.raises(ValueError, match=message):
        models["two_input"].export(tmp_path / "m", format=format)


def test_default_format_needs_tensorflow(models, tmp_path):
    try:
        installed = importlib.util.find_spec("tensorflow") is not None
    except ImportError:  # the compat suite's import blocker
        installed = False
    if installed:
        pytest.skip("TensorFlow is installed; this checks the error without it")
    with pytest.raises(ImportError, match="requires the tensorflow module"):
        models["two_input"].export(tmp_path / "saved")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("format", ["stablehlo", "onnx"])
def test_unbuilt_model_raises_keras_message(tmp_path, format):
    model = keras.Sequential([keras.layers.Dense(2)])
    if format == "onnx":
        pytest.importorskip("jax2onnx")
    with pytest.raises(
        ValueError,
        match="The model provided has not yet been built. It must be built "
        "before export.",
    ):
        model.export(tmp_path / "m", format=format)


def test_missing_directory_is_a_value_error(models, tmp_path):
    path = tmp_path / "missing" / "model.stablehlo"
    with pytest.raises(ValueError, match="directory of `filepath` does not exist"):
        models["two_input"].export(path, format="stablehlo")


def test_failed_export_keeps_the_previous_file(tmp_path):
    class BatchBranch(keras.layers.Layer):
        def call(self, x):
            return x * (2.0 if x.shape[0] > 2 else 1.0)

    path = tmp_path / "model.stablehlo"
    path.write_bytes(b"previous")
    model = keras.Sequential([keras.Input((3,)), BatchBranch()])
    with pytest.raises(ValueError, match="cannot be exported to StableHLO"):
        model.export(path, format="stablehlo")
    assert path.read_bytes() == b"previous"
    assert os.listdir(tmp_path) == ["model.stablehlo"]


def test_subclassed_model_exports_its_first_call_shape(tmp_path):
    class TwoDense(keras.Model):
        def __init__(self):
            super().__init__()
            self.hidden = keras.layers.Dense(4, activation="relu")
            self.out = keras.layers.Dense(2)

        def call(self, x):
            return self.out(self.hidden(x))

    model = TwoDense()
    xs = [np.ones((3, 5), "float32")]
    model(xs[0])
    path = tmp_path / "sub.stablehlo"
    model.export(path, format="stablehlo", verbose=False)
    reloaded = load_stablehlo(path)
    assert reloaded.inputs[0]["shape"] == (None, 5)
    np.testing.assert_allclose(np.asarray(reloaded(*xs)), predict(model, xs), rtol=1e-5)


def test_never_called_subclassed_model_raises(tmp_path):
    class OneDense(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = keras.layers.Dense(2)

        def call(self, x):
            return self.dense(x)

    with pytest.raises(ValueError, match="has not yet been built"):
        OneDense().export(tmp_path / "m", format="stablehlo")


def test_verbose_message_and_pathlib(models, tmp_path, capsys):
    model = models["two_input"]
    path = tmp_path / "m.stablehlo"
    model.export(path, format="stablehlo")
    assert capsys.readouterr().out == f"Saved artifact at '{path}'.\n"
    xs = sample_inputs(model, 2)
    np.testing.assert_allclose(
        np.asarray(load_stablehlo(path)(*xs)), predict(model, xs), rtol=1e-5
    )
