import io
import zipfile

import jax
import numpy as np
import pytest

import kerasish as keras
from kerasish import layers
from tests.helpers import tree_allclose

X = np.random.default_rng(0).normal(size=(5, 4)).astype("float32")


def _model():
    return keras.Sequential(
        [keras.Input((4,)), layers.Dense(3, name="d0"),
         layers.BatchNormalization(name="bn")],
        name="m",
    )  # fmt: skip


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    model = _model()
    model.get_layer("bn").moving_mean.assign(np.array([1.0, 2.0, 3.0], "float32"))
    path = tmp_path_factory.mktemp("npz") / "ckpt.npz"
    keras.saving.save_params(path, model.params, model.state)
    return model, path


def test_round_trip_of_trees(saved):
    model, path = saved
    params, state = keras.saving.load_params(path)
    tree_allclose(params, model.params, rtol=0, atol=0)
    tree_allclose(state, model.state, rtol=0, atol=0)
    np.testing.assert_allclose(
        model.apply(params, X, state=state), model.predict(X, verbose=0), rtol=1e-6
    )


def test_plain_numpy_reads_the_file(saved):
    model, path = saved
    with np.load(path, allow_pickle=False) as f:
        assert sorted(f.files) == [
            "params/bn/beta", "params/bn/gamma", "params/d0/bias", "params/d0/kernel",
            "state/bn/moving_mean", "state/bn/moving_variance",
        ]  # fmt: skip
        np.testing.assert_array_equal(
            f["params/d0/kernel"], model.params["d0"]["kernel"]
        )


def test_load_into_a_model(saved):
    model, path = saved
    fresh = _model()
    keras.saving.load_params(path, model=fresh)
    for a, b in zip(fresh.get_weights(), model.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_load_into_a_mismatched_model_changes_nothing(saved):
    _, path = saved
    other = keras.Sequential([keras.Input((4,)), layers.Dense(2, name="d0"),
                              layers.BatchNormalization(name="bn")])  # fmt: skip
    before = other.get_weights()
    with pytest.raises(ValueError, match="has shape \\(4, 2\\), but the file holds"):
        keras.saving.load_params(path, model=other)
    for a, b in zip(other.get_weights(), before, strict=True):
        np.testing.assert_array_equal(a, b)
    missing = keras.Sequential([keras.Input((4,)), layers.Dense(3, name="other")])
    with pytest.raises(ValueError, match="no entry for weight 'other/kernel'"):
        keras.saving.load_params(path, model=missing)


def test_params_without_state_and_jax_leaves(tmp_path):
    params = {"a": {"w": jax.numpy.ones((2,))}, "b": {"v": np.int32(3)}}
    keras.saving.save_params(tmp_path / "p.npz", params)
    loaded, state = keras.saving.load_params(tmp_path / "p.npz")
    assert state == {}
    tree_allclose(loaded, params)


@pytest.mark.parametrize(
    "tree, error, message",
    [
        ({"a/b": np.ones(1)}, ValueError, "contain no '/'"),
        ({"": np.ones(1)}, ValueError, "non-empty"),
        ({1: np.ones(1)}, TypeError, "keys must be strings"),
        ({"a": np.array(["x"])}, TypeError, "numeric array"),
        ({"a": np.array([object()])}, TypeError, "numeric array"),
    ],
)
def test_bad_trees(tmp_path, tree, error, message):
    with pytest.raises(error, match=message):
        keras.saving.save_params(tmp_path / "bad.npz", tree)
    assert not (tmp_path / "bad.npz").exists()


def _npz_with(path, name, payload):
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(name, payload)
    return path


def _npy(array, allow_pickle=False):
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=allow_pickle)
    return buffer.getvalue()


def test_pickled_arrays_are_refused(tmp_path):
    payload = _npy(np.array([{"evil": 1}], dtype=object), allow_pickle=True)
    path = _npz_with(tmp_path / "pickle.npz", "params/a.npy", payload)
    with pytest.raises(ValueError, match="pickle.npz"):
        keras.saving.load_params(path)


def test_header_shape_bomb_is_refused_before_allocation(tmp_path):
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        header, {"descr": "<f4", "fortran_order": False, "shape": (1 << 40,)}
    )
    path = _npz_with(tmp_path / "bomb.npz", "params/a.npy", header.getvalue())
    with pytest.raises(ValueError, match="declares 4398046511104 bytes"):
        keras.saving.load_params(path)


@pytest.mark.parametrize(
    "name",
    ["weights.npy", "params.npy", "other/a.npy", "params/a.txt", "params//a.npy"],
)
def test_unexpected_members(tmp_path, name):
    path = _npz_with(tmp_path / "odd.npz", name, _npy(np.ones(2)))
    with pytest.raises(ValueError, match="unexpected member"):
        keras.saving.load_params(path)


def test_clashing_keys(tmp_path):
    path = tmp_path / "clash.npz"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("params/a.npy", _npy(np.ones(2)))
        zf.writestr("params/a/b.npy", _npy(np.ones(2)))
    with pytest.raises(ValueError, match="clashing keys"):
        keras.saving.load_params(path)
