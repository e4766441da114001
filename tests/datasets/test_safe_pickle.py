"""Tests for `kerasish/datasets/safe_pickle.py`: arrays load, code never runs."""

import io
import os
import pickle

import numpy as np
import pytest

from kerasish.datasets import safe_pickle
from tests.datasets import fake_files


class _Evil:
    def __reduce__(self):
        return (os.system, ("touch /tmp/kerasish-pwned",))


def test_load_npz_numeric_and_object_arrays(tmp_path):
    path = str(tmp_path / "a.npz")
    ragged = fake_files.object_array([[1, 2], [3]])
    np.savez(path, ragged=ragged, numbers=np.arange(3.0))
    arrays = safe_pickle.load_npz(path)
    assert arrays["ragged"].dtype == object and arrays["ragged"].tolist() == [
        [1, 2],
        [3],
    ]
    np.testing.assert_array_equal(arrays["numbers"], [0.0, 1.0, 2.0])


@pytest.mark.parametrize(
    "payload",
    [_Evil(), {"x": _Evil()}, [np.zeros(2), _Evil()]],
    ids=["object", "nested-dict", "nested-list"],
)
def test_refuses_any_other_global(payload):
    stream = io.BytesIO(pickle.dumps(payload))
    with pytest.raises(pickle.UnpicklingError, match="Refusing to deserialize"):
        safe_pickle.load_pickle(stream)
    assert not os.path.exists("/tmp/kerasish-pwned")


def test_refuses_builtins_eval():
    stream = io.BytesIO(b"cbuiltins\neval\n(S'1+1'\ntR.")
    with pytest.raises(pickle.UnpicklingError, match="`builtins.eval`"):
        safe_pickle.load_pickle(stream)


def test_numpy_1_spelling_of_reconstruct():
    # Files written by NumPy < 2 name `numpy.core.multiarray._reconstruct`.
    data = pickle.dumps(np.array([[1, 2]], dtype=np.int32), protocol=2)
    data = data.replace(b"numpy._core.multiarray", b"numpy.core.multiarray")
    np.testing.assert_array_equal(safe_pickle.load_pickle(io.BytesIO(data)), [[1, 2]])
