import json
import os
import zipfile

import numpy as np
import pytest

import kerasish as keras
from kerasish import layers
from kerasish.saving import keras_file, weights_h5

X = np.random.default_rng(0).normal(size=(16, 4)).astype("float32")
Y = np.random.default_rng(1).normal(size=(16, 2)).astype("float32")


def _mlp():
    return keras.Sequential(
        [keras.Input((4,)), layers.Dense(3, activation="relu", name="d0"),
         layers.Dense(2, name="d1")],
        name="mlp",
    )  # fmt: skip


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """An Adam-trained MLP after one epoch, saved; and the same model trained on."""
    keras.utils.set_random_seed(0)
    model = _mlp()
    model.compile(optimizer="adam", loss="mse", metrics=["mae"])
    model.fit(X, Y, batch_size=4, epochs=1, shuffle=False, verbose=0)
    path = tmp_path_factory.mktemp("k") / "mlp.keras"
    model.save(path)
    snapshot = model.get_weights()
    model.fit(X, Y, batch_size=4, epochs=2, shuffle=False, verbose=0)
    return path, snapshot, model


def test_archive_members_in_keras_order(saved):
    path, _, _ = saved
    with zipfile.ZipFile(path) as zf:
        assert zf.namelist() == ["metadata.json", "config.json", "model.weights.h5"]
        assert {i.compress_type for i in zf.infolist()} == {zipfile.ZIP_STORED}
        metadata = json.loads(zf.read("metadata.json"))
        config = json.loads(zf.read("config.json"))
    assert list(metadata) == ["keras_version", "date_saved"]
    assert metadata["keras_version"] == "3.15.1"
    assert config["class_name"] == "Sequential"
    assert config["compile_config"]["optimizer"]["class_name"] == "Adam"
    assert config["compile_config"]["loss"] == "mse"


def test_load_restores_model_compile_and_optimizer(saved):
    path, snapshot, _ = saved
    loaded = keras.models.load_model(path)
    assert isinstance(loaded, keras.Sequential)
    assert [layer.name for layer in loaded.layers] == ["d0", "d1"]
    for a, b in zip(loaded.get_weights(), snapshot, strict=True):
        np.testing.assert_array_equal(a, b)
    assert loaded.compiled and loaded.optimizer.built
    assert int(loaded.optimizer.iterations) == 4


def test_fit_continues_as_if_never_saved(saved):
    path, _, uninterrupted = saved
    loaded = keras.saving.load_model(path)
    loaded.fit(X, Y, batch_size=4, epochs=2, shuffle=False, verbose=0)
    assert int(loaded.optimizer.iterations) == int(uninterrupted.optimizer.iterations)
    for a, b in zip(loaded.get_weights(), uninterrupted.get_weights(), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-7)
    for a, b in zip(
        loaded.optimizer.variables, uninterrupted.optimizer.variables, strict=True
    ):
        np.testing.assert_allclose(a.numpy(), b.numpy(), rtol=1e-6, atol=1e-7)


def test_compile_false(saved):
    path, snapshot, _ = saved
    loaded = keras.models.load_model(path, compile=False)
    assert not loaded.compiled
    np.testing.assert_array_equal(loaded.get_weights()[0], snapshot[0])


def test_two_input_functional_round_trip(tmp_path):
    a = keras.Input((3,), name="a")
    b = keras.Input((4,), name="b")
    x = layers.Concatenate(name="cat")(
        [layers.Dense(2, name="da")(a), layers.Dense(2, name="db")(b)]
    )
    model = keras.Model([a, b], layers.Dense(1, name="out")(x), name="two")
    xs = [X[:, :3], X]
    model.save(tmp_path / "two.keras")
    loaded = keras.models.load_model(tmp_path / "two.keras")
    assert [layer.name for layer in loaded.layers] == [
        "a",
        "b",
        "da",
        "db",
        "cat",
        "out",
    ]
    np.testing.assert_allclose(
        loaded.predict(xs, verbose=0), model.predict(xs, verbose=0)
    )


def test_directory_format(saved, tmp_path):
    _, _, model = saved
    target = tmp_path / "as_dir"
    model.save(target, zipped=False)
    assert sorted(os.listdir(target)) == [
        "config.json",
        "metadata.json",
        "model.weights.h5",
    ]
    loaded = keras.models.load_model(target)
    np.testing.assert_array_equal(loaded.get_weights()[0], model.get_weights()[0])


def test_failed_save_keeps_previous_file(saved, tmp_path, monkeypatch):
    path, snapshot, model = saved
    target = tmp_path / "keep.keras"
    target.write_bytes(path.read_bytes())
    original = weights_h5.write_state

    def write_then_fail(model, h5, skip=()):
        original(model, h5, skip)
        raise OSError("disk full")

    monkeypatch.setattr(weights_h5, "write_state", write_then_fail)
    with pytest.raises(OSError, match="disk full"):
        model.save(target)
    with pytest.raises(OSError, match="disk full"):
        model.save_weights(tmp_path / "keep.weights.h5")
    monkeypatch.undo()
    assert sorted(os.listdir(tmp_path)) == ["keep.keras"]
    loaded = keras.models.load_model(target)
    np.testing.assert_array_equal(loaded.get_weights()[0], snapshot[0])


def _rewrite(source, target, **replace):
    with zipfile.ZipFile(source) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    members.update(replace)
    with zipfile.ZipFile(target, "w") as zf:
        for name, data in members.items():
            if data is not None:
                zf.writestr(name, data)
    return target


@pytest.mark.parametrize(
    "replace, message",
    [
        ({"config.json": b"{not json"}, "config.json of .*bad.keras is not valid JSON"),
        ({"config.json": b"[1, 2]"}, "must hold a JSON object"),
        ({"config.json": b"[" * 100000 + b"]" * 100000}, "config.json"),
        ({"config.json": None}, "no member 'config.json'"),
        ({"model.weights.h5": None}, "Expected a model.weights.h5"),
        ({"model.weights.h5": b"garbage"}, "bad.keras/model.weights.h5 is not a valid"),
    ],
)
def test_damaged_archives_raise_value_error(saved, tmp_path, replace, message):
    path = _rewrite(saved[0], tmp_path / "bad.keras", **replace)
    with pytest.raises(ValueError, match=message):
        keras.models.load_model(path)


def test_pickled_npz_weights_are_refused(saved, tmp_path):
    path = _rewrite(
        saved[0], tmp_path / "npz.keras", **{"model.weights.h5": None,
                                             "model.weights.npz": b"x"}
    )  # fmt: skip
    with pytest.raises(ValueError, match="never loads pickles"):
        keras.models.load_model(path)


def test_weights_of_a_keras_file_load_into_a_model(saved):
    path, snapshot, _ = saved
    model = _mlp()
    model.load_weights(path)
    np.testing.assert_array_equal(model.get_weights()[1], snapshot[1])


def test_unbuilt_model_warns_when_saved(tmp_path):
    model = keras.Sequential([layers.Dense(2, name="late")], name="unbuilt")
    with pytest.warns(UserWarning, match="not yet been built"):
        model.save(tmp_path / "u.keras")
    loaded = keras.models.load_model(tmp_path / "u.keras")
    assert not loaded.built and loaded.name == "unbuilt"


def test_members_helper_is_used_for_both_formats(saved):
    _, _, model = saved
    names = [name for name, _ in keras_file._members(model)]
    assert names == ["metadata.json", "config.json", "model.weights.h5"]
