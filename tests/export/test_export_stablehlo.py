"""`format="stablehlo"`: exported files reproduce `predict` through the loader."""

import json
import subprocess
import sys

import numpy as np
import pytest

import kerasish as keras
from kerasish.export import load_stablehlo
from kerasish.export.stablehlo_loader import MAGIC, read_artifact
from tests.export.export_models import predict, sample_inputs

NAMES = ["convnet", "lstm", "two_input"]


@pytest.fixture(scope="module")
def exported(models, tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("stablehlo")
    paths = {}
    for name in NAMES:
        paths[name] = str(folder / f"{name}.stablehlo")
        models[name].export(paths[name], format="stablehlo", verbose=False)
    return paths


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("batch", [1, 5])
def test_reloaded_matches_predict_for_any_batch_size(models, exported, name, batch):
    model = models[name]
    xs = sample_inputs(model, batch, seed=batch)
    reloaded = load_stablehlo(exported[name])
    np.testing.assert_allclose(
        np.asarray(reloaded(*xs)), predict(model, xs), rtol=1e-4, atol=1e-6
    )
    np.testing.assert_allclose(
        np.asarray(reloaded.serve(*xs)), predict(model, xs), rtol=1e-4, atol=1e-6
    )


def test_header_describes_inputs_and_outputs(exported):
    header, payload = read_artifact(exported["two_input"])
    assert header["format"] == "kerasish.stablehlo"
    assert header["inputs"] == [
        {"name": "features", "shape": [None, 4], "dtype": "float32"},
        {"name": "extra", "shape": [None, 2], "dtype": "float32"},
    ]
    assert header["outputs"] == [
        {"name": "output_0", "shape": [None, 3], "dtype": "float32"}
    ]
    assert len(payload) > 0


def test_inputs_by_name_and_cast_from_lists(models, exported):
    model = models["two_input"]
    xs = sample_inputs(model, 2)
    reloaded = load_stablehlo(exported["two_input"])
    out = reloaded({"extra": xs[1].tolist(), "features": xs[0].astype("float64")})
    np.testing.assert_allclose(np.asarray(out), predict(model, xs), rtol=1e-4)


@pytest.mark.parametrize(
    "args, message",
    [
        ((np.zeros((2, 4)),), "expects 2 input"),
        ((np.zeros((2, 4)), np.zeros((2, 3))), "Input 'extra' has an incompatible"),
        ((np.zeros((2, 4)), np.zeros((3, 2))), "same batch size"),
        ((np.zeros((2, 4)), np.array([["a", "b"]] * 2)), "must hold numbers"),
        (({"features": np.zeros((2, 4))},), "Missing: \\['extra'\\]"),
    ],
)
def test_bad_inputs_raise_value_error(exported, args, message):
    reloaded = load_stablehlo(exported["two_input"])
    with pytest.raises(ValueError, match=message):
        reloaded(*args)


def test_not_an_artifact_is_rejected(tmp_path):
    path = tmp_path / "model.stablehlo"
    path.write_bytes(b"\x80\x04pickle")
    with pytest.raises(ValueError, match="not a kerasish StableHLO artifact"):
        load_stablehlo(path)
    header = json.dumps({"format": "other"}).encode()
    path.write_bytes(MAGIC + len(header).to_bytes(8, "little") + header)
    with pytest.raises(ValueError, match="Unsupported artifact format"):
        load_stablehlo(path)


def test_loader_runs_without_kerasish_layers_or_models(models, exported):
    """A fresh process that cannot import kerasish.layers/models still serves."""
    model = models["convnet"]
    xs = sample_inputs(model, 3)
    code = f"""
import sys, json, numpy as np
class Block:
    def find_spec(self, name, path=None, target=None):
        if name in ("keras", "tensorflow") or name.startswith(BLOCKED):
            raise ImportError("blocked: " + name)
BLOCKED = ("kerasish.layers", "kerasish.models", "kerasish.ops",
           "kerasish.trainers", "keras.", "tensorflow.")
sys.meta_path.insert(0, Block())
from kerasish.export import load_stablehlo
x = np.asarray(json.loads(sys.stdin.read()), dtype="float32")
y = np.asarray(load_stablehlo({exported["convnet"]!r})(x))
loaded = sorted(m for m in sys.modules if m.startswith("kerasish"))
print(json.dumps({{"y": y.tolist(), "modules": loaded}}))
"""
    result = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(xs[0].tolist()),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    answer = json.loads(result.stdout)
    assert answer["modules"] == [
        "kerasish",
        "kerasish.export",
        "kerasish.export.stablehlo_loader",
    ]
    np.testing.assert_allclose(answer["y"], predict(model, xs), rtol=1e-4, atol=1e-6)


def test_layer_that_cannot_be_traced_is_named_and_no_file_left(tmp_path):
    class BatchBranch(keras.layers.Layer):
        """Python control flow on the batch size: fine for concrete batches,
        not for the symbolic batch of an export."""

        def call(self, x):
            return x * (2.0 if x.shape[0] > 2 else 1.0)

    model = keras.Sequential([keras.Input((3,)), BatchBranch(name="branch")])
    path = tmp_path / "bad.stablehlo"
    with pytest.raises(ValueError, match="Layer 'branch' \\(of type BatchBranch\\)"):
        model.export(path, format="stablehlo")
    assert list(tmp_path.iterdir()) == []


def test_input_signature_with_fixed_batch(models, tmp_path):
    model = models["lstm"]
    path = tmp_path / "fixed.stablehlo"
    signature = [keras.InputSpec(shape=(2, 6, 3), dtype="float32", name="seq")]
    model.export(path, format="stablehlo", input_signature=signature, verbose=False)
    reloaded = load_stablehlo(path)
    assert reloaded.inputs == [{"name": "seq", "shape": (2, 6, 3), "dtype": "float32"}]
    xs = sample_inputs(model, 2)
    np.testing.assert_allclose(
        np.asarray(reloaded(*xs)), predict(model, xs), rtol=1e-4, atol=1e-6
    )
    with pytest.raises(ValueError, match="incompatible shape"):
        reloaded(*sample_inputs(model, 3))
