"""Loading the datasets' pickled files without running code from them.

Keras' imdb/reuters `.npz` files hold ragged sequences as `dtype=object` arrays
(stored as pickle streams) and the CIFAR batches are Python pickles of dicts of
NumPy arrays. `np.load(allow_pickle=True)` or `pickle.load` would let a
tampered file run any callable (`os.system`, `builtins.eval`, ...) through a
`__reduce__` gadget. Here every pickle is read by `RestrictedUnpickler`, which
resolves only the globals NumPy needs to rebuild an array (`numpy.ndarray`,
`numpy.dtype`, `multiarray._reconstruct`, and `multiarray.scalar` for NumPy
scalars) and `_codecs.encode` (how Python 3's protocol-2 pickles spell bytes;
it only converts a string) and refuses everything else. Plain containers,
numbers, strings and bytes need no globals. Numeric `.npy` members never
reach pickle at all.
"""

from __future__ import annotations

import codecs
import io
import pickle
import zipfile
from typing import IO, Any

import numpy as np

# Both `numpy.core` (NumPy < 2) and `numpy._core` (NumPy >= 2) spellings occur
# in real files; they are resolved to the objects of the installed NumPy
# directly, which also avoids NumPy 2's `numpy.core` deprecation warning.
_ALLOWED_GLOBALS = {
    ("numpy", "ndarray"): np.ndarray,
    ("numpy", "dtype"): np.dtype,
    ("numpy.core.multiarray", "_reconstruct"): np.ndarray.__reduce__(np.zeros(0))[0],
    ("numpy._core.multiarray", "_reconstruct"): np.ndarray.__reduce__(np.zeros(0))[0],
    ("numpy.core.multiarray", "scalar"): np.float64(0).__reduce__()[0],
    ("numpy._core.multiarray", "scalar"): np.float64(0).__reduce__()[0],
    ("_codecs", "encode"): codecs.encode,
}


class RestrictedUnpickler(pickle.Unpickler):
    """A `pickle.Unpickler` that can only rebuild NumPy arrays and plain data.

    Args:
        file: A binary file object positioned at the start of a pickle stream.
        **kwargs: Passed to `pickle.Unpickler` (e.g. `encoding="bytes"` for the
            Python 2 CIFAR pickles).

    Raises:
        pickle.UnpicklingError: from `load()`, when the stream references any
            other global (a class or function).
    """

    def find_class(self, module: str, name: str) -> Any:
        allowed = _ALLOWED_GLOBALS.get((module, name))
        if allowed is None:
            raise pickle.UnpicklingError(
                f"Refusing to deserialize `{module}.{name}` while loading a Keras "
                "dataset: only NumPy arrays may be stored in it. The file may be "
                "corrupted or malicious; delete it and download it again."
            )
        return allowed


def load_pickle(file: IO[bytes], encoding: str = "ASCII") -> Any:
    """Reads one pickle stream from `file` with `RestrictedUnpickler`."""
    return RestrictedUnpickler(file, encoding=encoding).load()


def _read_npy(file: IO[bytes]) -> np.ndarray:
    """Reads one `.npy` stream; object arrays go through the restricted unpickler."""
    version = np.lib.format.read_magic(file)
    if version == (1, 0):
        shape, fortran_order, dtype = np.lib.format.read_array_header_1_0(file)
    else:
        # The 2.0 and 3.0 headers share the 4-byte length layout (3.0 only
        # encodes the header text as UTF-8), so the 2.0 reader reads both.
        shape, fortran_order, dtype = np.lib.format.read_array_header_2_0(file)
    if not dtype.hasobject:
        file.seek(0)
        return np.lib.format.read_array(file, allow_pickle=False)
    array = load_pickle(file, encoding="latin1")
    if not isinstance(array, np.ndarray) or array.shape != shape:
        raise ValueError(
            "Expected the pickled object array of an `.npy` member to be a NumPy "
            f"array of shape {shape}. Received: {type(array).__name__}"
        )
    del fortran_order
    return array


def load_npz(path: str) -> dict[str, np.ndarray]:
    """Loads every array of an `.npz` archive, object arrays included, safely.

    A drop-in for `dict(np.load(path, allow_pickle=True))` on Keras' dataset
    files that can never execute code stored in the file.

    Args:
        path: Path to the `.npz` file.

    Returns:
        A dict mapping each member name (without `.npy`) to its array.
    """
    arrays = {}
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            if member.endswith(".npy"):
                arrays[member[: -len(".npy")]] = _read_npy(
                    io.BytesIO(archive.read(member))
                )
    return arrays
