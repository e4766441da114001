import h5py
import numpy as np
import pytest

import kerasish as keras
from kerasish import layers
from kerasish.saving import saving_api


@pytest.fixture(scope="module")
def model():
    return keras.Sequential([keras.Input((4,)), layers.Dense(3, name="d0")], name="m")


def test_public_names():
    assert keras.saving.save_model is saving_api.save_model
    assert keras.models.load_model is saving_api.load_model
    assert keras.models.save_model is saving_api.save_model
    assert keras.saving.load_weights is saving_api.load_weights
    assert keras.saving.save_weights is saving_api.save_weights


@pytest.mark.parametrize("name", ["x.h5", "x.weights", "x.keras"])
def test_save_weights_needs_weights_h5(model, name):
    with pytest.raises(ValueError) as info:
        model.save_weights(name)
    assert str(info.value) == (
        f"The filename must end in `.weights.h5`. Received: filepath={name}"
    )


def test_sharded_weights_are_not_supported(model, tmp_path):
    with pytest.raises(ValueError, match="must end in `.weights.json`"):
        model.save_weights(tmp_path / "x.keras", max_shard_size=1)
    with pytest.raises(NotImplementedError, match="sharded"):
        model.save_weights(tmp_path / "x.weights.json", max_shard_size=1)
    with pytest.raises(NotImplementedError, match="sharded"):
        model.load_weights(tmp_path / "x.weights.json")


def test_load_weights_formats(model, tmp_path):
    with pytest.raises(ValueError) as info:
        model.load_weights("x.txt")
    assert str(info.value) == (
        "File format not supported: filepath=x.txt. Keras 3 only supports V3 "
        "`.keras` files, `.weights.h5` files, legacy H5 format files "
        "(`.h5` extension), or Orbax checkpoints."
    )
    with pytest.raises(FileNotFoundError):
        model.load_weights(tmp_path / "missing.weights.h5")
    with pytest.raises(FileNotFoundError):
        model.load_weights(tmp_path / "missing.keras")
    with pytest.raises(ValueError, match="`by_name` only supports"):
        model.load_weights("x.weights.h5", by_name=True)
    with pytest.raises(ValueError, match="`objects_to_skip` only supports"):
        model.load_weights("x.keras", objects_to_skip=[])
    with pytest.raises(ValueError, match="Invalid keyword arguments"):
        model.load_weights("x.weights.h5", strict=True)


def test_save_model_extensions(model, tmp_path):
    with pytest.raises(ValueError, match="Invalid filepath extension for saving"):
        model.save(tmp_path / "x.txt")
    with pytest.raises(NotImplementedError, match="legacy HDF5"):
        model.save(tmp_path / "x.h5")
    with pytest.raises(ValueError, match="should not end in `.keras`"):
        model.save(tmp_path / "x.keras", zipped=False)
    with pytest.raises(ValueError, match="not supported: \\['foo'\\]"):
        model.save(tmp_path / "x.keras", foo=1)
    with pytest.raises(ValueError, match="`save_format` argument is deprecated"):
        model.save(tmp_path / "x.tf", save_format="tf")


def test_load_model_errors(model, tmp_path):
    with pytest.raises(ValueError) as info:
        keras.models.load_model(tmp_path / "missing.keras")
    assert str(info.value).startswith(
        f"File not found: filepath={tmp_path}/missing.keras"
    )
    with pytest.raises(ValueError, match="File format not supported: filepath=x.txt"):
        keras.models.load_model("x.txt")
    not_zip = tmp_path / "broken.keras"
    not_zip.write_bytes(b"PK\x03\x04 but truncated")
    with pytest.raises(ValueError, match="broken.keras is not a valid `.keras` file"):
        keras.models.load_model(not_zip)
    model.save_weights(tmp_path / "w.weights.h5")
    with pytest.raises(ValueError) as info:
        keras.models.load_model(tmp_path / "w.weights.h5")
    assert (
        str(info.value)
        == f"No model config found in the file at {tmp_path}/w.weights.h5."
    )
    with h5py.File(tmp_path / "legacy.h5", "w") as f:
        f.attrs["model_config"] = "{}"
    with pytest.raises(NotImplementedError, match="legacy HDF5"):
        keras.models.load_model(tmp_path / "legacy.h5")


def test_overwrite_prompt(model, tmp_path, monkeypatch, capsys):
    path = tmp_path / "m.weights.h5"
    path.write_bytes(b"old")
    answers = iter(["maybe", "n"])
    prompts = []
    monkeypatch.setattr("builtins.input", lambda p: prompts.append(p) or next(answers))
    model.save_weights(path, overwrite=False)
    assert path.read_bytes() == b"old"
    assert prompts == [
        f"[WARNING] {path} already exists - overwrite? [y/n]",
        'Enter "y" (overwrite) or "n" (cancel).',
    ]
    monkeypatch.setattr("builtins.input", lambda p: "y")
    model.save_weights(path, overwrite=False)
    assert capsys.readouterr().out == "[TIP] Next time specify overwrite=True!\n"
    assert path.read_bytes() != b"old"
    fresh = keras.Sequential([keras.Input((4,)), layers.Dense(3, name="d0")])
    fresh.load_weights(path)
    np.testing.assert_array_equal(fresh.get_weights()[0], model.get_weights()[0])
