"""HDF5 variable stores in Keras 3's layout (`<path>/vars/0`, ...), read safely.

Writing mirrors Keras' `H5IOStore`: a saveable with a name gets a
`<path>/vars` group carrying the attribute `name` even when it has no
variables; datasets are named `"0"`, `"1"`, ... in the saveable's order;
bfloat16 arrays carry the attribute `dtype="bfloat16"`.

Reading never follows soft or external links, refuses external and virtual
datasets, non-numeric dtypes and datasets that declare far more bytes than the
file stores (shape bombs), and caps the total bytes read. Any problem raises
`CorruptFileError` (a `ValueError`) naming the file and the dataset.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import h5py
import ml_dtypes
import numpy as np

from kerasish.core.variables import unwrap
from kerasish.saving import archive

# A dataset may claim more bytes than it stores (compression, fill values) only
# below this size or up to this ratio (Keras uses the same kind of guard).
_BOMB_FLOOR_BYTES = 1 << 24
_MAX_EXPANSION = 1000
_NUMERIC_KINDS = "biuf"


class CorruptFileError(ValueError, OSError):
    """A weights file that is corrupt, truncated or hostile (a `ValueError`, and
    an `OSError` like the h5py error Keras raises for such files)."""


class WriteStore:
    """The dict-like `store` passed to `save_own_variables` (Keras' `H5IOStore`)."""

    def __init__(self, h5: h5py.File, path: str, name: str | None) -> None:
        self._h5 = h5
        self._path = path
        self._group: h5py.Group | None = None
        if name:
            self._create(name)

    def _create(self, name: str | None = None) -> h5py.Group:
        parent = self._h5.require_group(self._path) if self._path else self._h5
        self._group = parent.create_group("vars")
        if name:
            self._group.attrs["name"] = name
        return self._group

    def __setitem__(self, key: str, value: Any) -> None:
        group = self._group if self._group is not None else self._create()
        value = np.asarray(unwrap(value))
        if value.dtype == ml_dtypes.bfloat16:
            dataset = group.create_dataset(key, data=value)
            dataset.attrs["dtype"] = "bfloat16"
        else:
            group[key] = value

    def keys(self) -> list[str]:
        return [] if self._group is None else list(self._group.keys())

    def __len__(self) -> int:
        return len(self.keys())

    def __contains__(self, key: str) -> bool:
        return key in self.keys()


class ReadStore(dict):
    """The dict-like `store` passed to `load_own_variables`: arrays by key,
    already read and validated (an absent group reads as empty, as in Keras)."""


class H5Reader:
    """Validated, link-safe reads of `<path>/vars` groups from an HDF5 file.

    Args:
        source: A path or a readable binary file object.
        label: The file name used in error messages.
    """

    def __init__(self, source: Any, label: str | None = None) -> None:
        self.label = label or archive.describe(source)
        self._budget = archive.MAX_UNCOMPRESSED_BYTES
        try:
            self._h5 = h5py.File(source, "r")
        except FileNotFoundError:
            raise
        except Exception as e:  # noqa: BLE001 - h5py raises many types on bad files
            raise CorruptFileError(
                f"The file {self.label} is not a valid HDF5 weights file: {e}"
            ) from e

    def close(self) -> None:
        self._h5.close()

    def __enter__(self) -> H5Reader:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def get(self, path: str) -> ReadStore:
        """The variables stored for `path` (Keras' `H5IOStore.get`)."""
        try:
            group = self._vars_group(path)
            if (
                group is None
                and path
                and self._child(self._h5, "_layer_checkpoint_dependencies")
            ):
                # Files written by Keras 2.13 name the layer list differently.
                legacy = path.replace("layers", "_layer_checkpoint_dependencies")
                group = self._vars_group(legacy)
            if group is None:
                return ReadStore()
            return ReadStore(
                (key, self._read(group, key, path)) for key in self._keys(group)
            )
        except CorruptFileError:
            raise
        except Exception as e:  # noqa: BLE001 - HDF5 errors on damaged files
            raise CorruptFileError(
                f"The weights file {self.label} is corrupt (while reading "
                f"'{path or '/'}'): {e}"
            ) from e

    def has_path(self, path: str) -> bool:
        return self._group_at(path) is not None

    def _vars_group(self, path: str) -> h5py.Group | None:
        group = self._group_at(path) if path else self._h5
        return None if group is None else self._child(group, "vars")

    def _group_at(self, path: str) -> h5py.Group | None:
        group: Any = self._h5
        for part in path.split("/"):
            group = self._child(group, part)
            if group is None:
                return None
        return group

    def _child(self, group: h5py.Group, name: str) -> h5py.Group | None:
        """Subgroup `name` through a hard link only, else None / an error."""
        if not name or name not in self._keys(group):
            return None
        self._require_hard_link(group, name)
        child = group[name]
        if not isinstance(child, h5py.Group):
            raise CorruptFileError(
                f"The weights file {self.label} is invalid: expected a group at "
                f"'{child.name}', found {type(child).__name__}."
            )
        return child

    def _keys(self, group: h5py.Group) -> Iterator[str]:
        return iter(list(group.keys()))

    def _require_hard_link(self, group: h5py.Group, name: str) -> None:
        link = group.get(name, getlink=True)
        if not isinstance(link, h5py.HardLink):
            raise CorruptFileError(
                f"Not allowed: the weights file {self.label} contains a "
                f"{type(link).__name__} at '{group.name}/{name}'; links are "
                "never followed."
            )

    def _read(self, group: h5py.Group, key: str, path: str) -> np.ndarray:
        self._require_hard_link(group, key)
        dataset = group[key]
        where = f"'{dataset.name}'"
        if not isinstance(dataset, h5py.Dataset):
            raise CorruptFileError(
                f"The weights file {self.label} is invalid: expected a dataset at "
                f"{where}, found {type(dataset).__name__}."
            )
        if dataset.external:
            raise CorruptFileError(
                f"Not allowed: the weights file {self.label} has an external "
                f"dataset at {where}."
            )
        if dataset.is_virtual:
            raise CorruptFileError(
                f"Not allowed: the weights file {self.label} has a virtual dataset "
                f"at {where}."
            )
        if dataset.shape is None:
            raise CorruptFileError(
                f"The weights file {self.label} has an empty (null) dataset at {where}."
            )
        bfloat16 = _is_bfloat16(dataset)
        if dataset.dtype.kind not in _NUMERIC_KINDS and not bfloat16:
            raise CorruptFileError(
                f"The weights file {self.label} has a non-numeric dataset at "
                f"{where} (dtype {dataset.dtype})."
            )
        self._check_size(dataset, where)
        value = dataset[()]
        if bfloat16:
            value = np.frombuffer(
                np.ascontiguousarray(value).tobytes(), ml_dtypes.bfloat16
            )
            value = value.reshape(dataset.shape)
        return np.asarray(value)

    def _check_size(self, dataset: h5py.Dataset, where: str) -> None:
        declared = math.prod(dataset.shape or ()) * dataset.dtype.itemsize
        stored = dataset.id.get_storage_size()
        if declared > _BOMB_FLOOR_BYTES and declared > _MAX_EXPANSION * stored:
            raise CorruptFileError(
                f"Not allowed: the dataset {where} of {self.label} declares "
                f"{declared} bytes but only {stored} are stored; refusing to load a "
                "potential decompression/shape bomb."
            )
        self._budget -= declared
        if self._budget < 0:
            raise CorruptFileError(
                f"The weights file {self.label} holds more than "
                f"{archive.MAX_UNCOMPRESSED_BYTES} bytes of variables "
                "(kerasish.saving.archive.MAX_UNCOMPRESSED_BYTES)."
            )


def _is_bfloat16(dataset: h5py.Dataset) -> bool:
    if dataset.dtype.kind != "V" or dataset.dtype.itemsize != 2:
        return False
    try:
        tag = dataset.attrs.get("dtype")
    except Exception:  # noqa: BLE001 - an unreadable attribute is no tag
        return False
    if isinstance(tag, bytes):
        tag = tag.decode("utf-8", "replace")
    return tag == "bfloat16"
