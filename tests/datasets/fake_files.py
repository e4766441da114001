"""Tiny files in the exact formats of Keras' dataset downloads (for offline tests)."""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import pickle
import struct
import tarfile

import numpy as np

# A tiny IMDB: word ranks per review (1 = most frequent word), ragged.
IMDB_X_TRAIN = [[1, 2, 3], [4, 1], [5, 6, 7, 8], [2], [9, 1, 1, 2, 3]]
IMDB_Y_TRAIN = [0, 1, 1, 0, 1]
IMDB_X_TEST = [[1, 9], [3, 3, 3], [10], [2, 4, 6, 8]]
IMDB_Y_TEST = [1, 0, 1, 0]
REUTERS_X = [[1, 2], [3, 4, 5], [6], [1, 1, 7, 2], [8, 3], [2, 9, 10], [4], [5, 5]]
REUTERS_Y = [3, 4, 3, 19, 1, 3, 45, 4]


def sha256(path: str) -> str:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def md5(path: str) -> str:
    with open(path, "rb") as f:
        return hashlib.md5(f.read()).hexdigest()


def object_array(sequences: list) -> np.ndarray:
    """A 1-D object array of lists, as in Keras' imdb.npz / reuters.npz."""
    array = np.empty(len(sequences), dtype=object)
    for i, seq in enumerate(sequences):
        array[i] = list(seq)
    return array


def write_imdb(datadir: str) -> str:
    path = os.path.join(datadir, "imdb.npz")
    np.savez(
        path,
        x_train=object_array(IMDB_X_TRAIN),
        y_train=np.array(IMDB_Y_TRAIN, dtype=np.int64),
        x_test=object_array(IMDB_X_TEST),
        y_test=np.array(IMDB_Y_TEST, dtype=np.int64),
    )
    return path


def write_reuters(datadir: str) -> str:
    path = os.path.join(datadir, "reuters.npz")
    np.savez(path, x=object_array(REUTERS_X), y=np.array(REUTERS_Y, dtype=np.int64))
    return path


def mnist_arrays(n_train: int = 6, n_test: int = 4) -> dict[str, np.ndarray]:
    rng = np.random.RandomState(0)
    return {
        "x_train": rng.randint(0, 256, (n_train, 28, 28)).astype(np.uint8),
        "y_train": rng.randint(0, 10, n_train).astype(np.uint8),
        "x_test": rng.randint(0, 256, (n_test, 28, 28)).astype(np.uint8),
        "y_test": rng.randint(0, 10, n_test).astype(np.uint8),
    }


def write_mnist(datadir: str) -> str:
    path = os.path.join(datadir, "mnist.npz")
    np.savez_compressed(path, **mnist_arrays())
    return path


def write_fashion_mnist(datadir: str) -> dict[str, np.ndarray]:
    """Writes the four gzipped IDX files into `datadir/fashion-mnist/`."""
    arrays = mnist_arrays(n_train=5, n_test=3)
    folder = os.path.join(datadir, "fashion-mnist")
    os.makedirs(folder, exist_ok=True)
    for split, prefix in (("train", "train"), ("test", "t10k")):
        x, y = arrays[f"x_{split}"], arrays[f"y_{split}"]
        labels = struct.pack(">II", 2049, len(y)) + y.tobytes()
        images = struct.pack(">IIII", 2051, len(x), 28, 28) + x.tobytes()
        for name, payload in (("labels-idx1", labels), ("images-idx3", images)):
            with gzip.open(
                os.path.join(folder, f"{prefix}-{name}-ubyte.gz"), "wb"
            ) as f:
                f.write(payload)
    return arrays


def write_regression(datadir: str, fname: str, n: int, features: int) -> dict:
    rng = np.random.RandomState(1)
    arrays = {"x": rng.rand(n, features), "y": rng.rand(n) * 50}
    np.savez(os.path.join(datadir, fname), **arrays)
    return arrays


def _pickled(batch: dict) -> bytes:
    # Byte keys and a uint8 `data` array, as in the (Python 2) CIFAR pickles.
    return pickle.dumps(batch, protocol=3)


def _add(tar: tarfile.TarFile, name: str, payload: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(payload)
    tar.addfile(info, io.BytesIO(payload))


def cifar_batch(n: int, seed: int, label_keys: tuple[str, ...]) -> dict:
    rng = np.random.RandomState(seed)
    batch = {b"data": rng.randint(0, 256, (n, 3072)).astype(np.uint8)}
    for key in label_keys:
        batch[key.encode()] = [int(v) for v in rng.randint(0, 100, n)]
    return batch


def write_cifar10(datadir: str, n: int = 2) -> dict[str, dict]:
    """The cached archive `cifar-10-batches-py-target_archive` (a tar.gz)."""
    batches = {f"data_batch_{i}": cifar_batch(n, i, ("labels",)) for i in range(1, 6)}
    batches["test_batch"] = cifar_batch(n, 9, ("labels",))
    path = os.path.join(datadir, "cifar-10-batches-py-target_archive")
    with tarfile.open(path, "w:gz") as tar:
        for name, batch in batches.items():
            _add(tar, f"cifar-10-batches-py/{name}", _pickled(batch))
    return batches


def write_cifar100(datadir: str, n: int = 3) -> dict[str, dict]:
    keys = ("fine_labels", "coarse_labels")
    batches = {"train": cifar_batch(n, 1, keys), "test": cifar_batch(n, 2, keys)}
    path = os.path.join(datadir, "cifar-100-python-target_archive")
    with tarfile.open(path, "w:gz") as tar:
        for name, batch in batches.items():
            _add(tar, f"cifar-100-python/{name}", _pickled(batch))
    return batches
