import h5py
import ml_dtypes
import numpy as np
import pytest

from kerasish.saving import archive, h5_store
from kerasish.saving.h5_store import CorruptFileError, H5Reader, WriteStore


def _file(tmp_path, build, name="w.weights.h5"):
    path = tmp_path / name
    with h5py.File(path, "w") as f:
        build(f)
    return path


def _dense(f):
    vars_ = f.create_group("layers/dense/vars")
    vars_["0"] = np.ones((2, 3), "float32")
    vars_["1"] = np.zeros((3,), "float32")
    return vars_


def test_write_store_layout(tmp_path):
    path = tmp_path / "w.h5"
    with h5py.File(path, "w") as f:
        WriteStore(f, "", "model")
        store = WriteStore(f, "layers/dense", "d0")
        store["0"] = np.ones(2, "float32")
        assert store.keys() == ["0"] and len(store) == 1 and "0" in store
        WriteStore(f, "layers/unnamed", None)  # no name, no variables: no group
        late = WriteStore(f, "layers/late", None)
        late["0"] = np.int32(3)
    with h5py.File(path) as f:
        assert dict(f["vars"].attrs) == {"name": "model"}
        assert dict(f["layers/dense/vars"].attrs) == {"name": "d0"}
        assert "unnamed" not in f["layers"]
        assert dict(f["layers/late/vars"].attrs) == {}
        assert f["layers/late/vars/0"][()] == 3


def test_reads_entries_and_missing_paths(tmp_path):
    path = _file(tmp_path, _dense)
    with H5Reader(path) as reader:
        store = reader.get("layers/dense")
        assert sorted(store) == ["0", "1"]
        np.testing.assert_array_equal(store["0"], np.ones((2, 3)))
        assert reader.get("layers/other") == {}
        assert reader.get("") == {}
        assert reader.has_path("layers/dense") and not reader.has_path("nope")


def test_bfloat16_round_trip(tmp_path):
    path = tmp_path / "bf.h5"
    value = np.array([1.5, -2.0, 3.25], ml_dtypes.bfloat16)
    with h5py.File(path, "w") as f:
        WriteStore(f, "layers/dense", "d")["0"] = value
    with h5py.File(path) as f:
        assert f["layers/dense/vars/0"].attrs["dtype"] == "bfloat16"
    with H5Reader(path) as reader:
        out = reader.get("layers/dense")["0"]
    assert out.dtype == ml_dtypes.bfloat16
    np.testing.assert_array_equal(out.astype("float32"), value.astype("float32"))


def test_legacy_keras_213_layer_names(tmp_path):
    def build(f):
        f.create_group("_layer_checkpoint_dependencies/dense/vars")["0"] = np.ones(2)

    with H5Reader(_file(tmp_path, build)) as reader:
        assert list(reader.get("layers/dense")) == ["0"]


def _soft_group(f):
    _dense(f)
    f["layers/alias"] = h5py.SoftLink("/layers/dense")


def _external_group(f):
    f["layers/dense"] = h5py.ExternalLink("other.h5", "/x")


def _soft_dataset(f):
    vars_ = _dense(f)
    vars_["2"] = h5py.SoftLink("/layers/dense/vars/0")


def _external_dataset(f):
    vars_ = f.create_group("layers/dense/vars")
    vars_.create_dataset("0", shape=(3,), dtype="f4", external=[("raw.bin", 0, 12)])


def _virtual_dataset(f):
    f["source"] = np.arange(4, dtype="float32")
    layout = h5py.VirtualLayout(shape=(4,), dtype="float32")
    layout[:] = h5py.VirtualSource(f["source"])
    f.create_group("layers/dense/vars").create_virtual_dataset("0", layout)


def _string_dataset(f):
    f.create_group("layers/dense/vars")["0"] = "not a number"


def _compound_dataset(f):
    f.create_group("layers/dense/vars")["0"] = np.zeros(2, dtype=[("a", "f4")])


def _null_dataset(f):
    f.create_group("layers/dense/vars")["0"] = h5py.Empty("f4")


def _shape_bomb(f):
    f.create_group("layers/dense/vars").create_dataset(
        "0", shape=(1 << 23,), dtype="f4", chunks=(1 << 16,), compression="gzip"
    )


def _dataset_as_group(f):
    f.create_group("layers")["dense"] = np.ones(2)


def _group_as_dataset(f):
    f.create_group("layers/dense/vars/0")


@pytest.mark.parametrize(
    "build, path, message",
    [
        (_soft_group, "layers/alias", "SoftLink at '/layers/alias'"),
        (_external_group, "layers/dense", "ExternalLink at '/layers/dense'"),
        (_soft_dataset, "layers/dense", "SoftLink at '/layers/dense/vars/2'"),
        (_external_dataset, "layers/dense", "external dataset"),
        (_virtual_dataset, "layers/dense", "virtual dataset"),
        (_string_dataset, "layers/dense", "non-numeric dataset"),
        (_compound_dataset, "layers/dense", "non-numeric dataset"),
        (_null_dataset, "layers/dense", "empty \\(null\\) dataset"),
        (_shape_bomb, "layers/dense", "shape bomb"),
        (_dataset_as_group, "layers/dense", "expected a group"),
        (_group_as_dataset, "layers/dense", "expected a dataset"),
    ],
)
def test_hostile_files_raise_value_error(tmp_path, build, path, message):
    with H5Reader(_file(tmp_path, build)) as reader:
        with pytest.raises(CorruptFileError, match=message) as info:
            reader.get(path)
    assert isinstance(info.value, ValueError)
    assert "w.weights.h5" in str(info.value)


def test_total_bytes_are_capped(tmp_path, monkeypatch):
    path = _file(tmp_path, _dense)
    monkeypatch.setattr(archive, "MAX_UNCOMPRESSED_BYTES", 30)
    with H5Reader(path) as reader:
        with pytest.raises(CorruptFileError, match="more than 30 bytes"):
            reader.get("layers/dense")


def test_not_an_hdf5_file(tmp_path):
    path = tmp_path / "junk.weights.h5"
    path.write_bytes(b"definitely not hdf5" * 10)
    with pytest.raises(CorruptFileError, match="junk.weights.h5 is not a valid HDF5"):
        H5Reader(path)
    with pytest.raises(FileNotFoundError):
        H5Reader(tmp_path / "missing.weights.h5")


def test_corrupt_error_is_a_value_error():
    assert issubclass(h5_store.CorruptFileError, ValueError)
