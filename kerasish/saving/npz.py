"""The pure-JAX checkpoint route: `model.params` / `model.state` in a plain `.npz`.

The file is an ordinary NumPy `.npz` (one `.npy` member per leaf, no pickle):
leaf `params["dense"]["kernel"]` is stored under the key
`"params/dense/kernel"`, the state tree under `"state/..."`. Any NumPy reads it
(`np.load(path, allow_pickle=False)`), and it is independent of Keras' file
formats.

Example:

```python
keras.saving.save_params("ckpt.npz", model.params, model.state)

params, state = keras.saving.load_params("ckpt.npz")
y = model.apply(params, x, state=state)       # the pure face

keras.saving.load_params("ckpt.npz", model=model)  # or back into the variables
```

The same with NumPy alone (what these helpers do, minus the checks):

```python
flat = {f"params/{'/'.join(p)}": v for p, v in flatten(model.params)}
np.savez("ckpt.npz", **flat)
with np.load("ckpt.npz", allow_pickle=False) as f:
    params = unflatten({k[len("params/"):]: f[k] for k in f if k.startswith("params/")})
```
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import numpy as np

from kerasish.saving import archive, atomic
from kerasish.saving.h5_store import CorruptFileError

_ROOTS = ("params", "state")


def save_params(filepath: Any, params: dict, state: dict | None = None) -> None:
    """Saves parameter trees to a plain `.npz` file, atomically.

    Args:
        filepath: Destination path (conventionally ending in `.npz`).
        params: Nested dicts of arrays, e.g. `model.params`.
        state: Optional nested dicts of arrays, e.g. `model.state`.

    Raises:
        TypeError: a tree holds something other than string-keyed dicts and
            numeric arrays.
        ValueError: a key is empty or contains `"/"`.
    """
    arrays: dict[str, np.ndarray] = {}
    for root, tree in (("params", params), ("state", state)):
        if tree is None:
            continue
        for path, leaf in _flatten(tree, (root,)):
            value = np.asarray(leaf)
            if value.dtype.kind not in "biufc":
                raise TypeError(
                    f"Leaf '{'/'.join(path)}' must be a numeric array. Received: "
                    f"dtype={value.dtype}"
                )
            arrays["/".join(path)] = value
    with atomic.atomic_write(filepath) as f:
        np.savez(f, **arrays)


def load_params(filepath: Any, model: Any = None) -> tuple[dict, dict]:
    """Loads the trees written by `save_params`, without unpickling anything.

    Args:
        filepath: Path (or binary file object) of the `.npz` file.
        model: Optional built model; its variables are set from the trees
            (every variable must be present, with its shape).

    Returns:
        `(params, state)`; `state` is `{}` when none was saved.

    Raises:
        ValueError: the file is corrupt, hostile (pickled objects, bad names,
            oversized members) or does not fit `model`.
    """
    trees: dict[str, dict] = {"params": {}, "state": {}}
    label = archive.describe(filepath)
    with archive.ArchiveReader(filepath) as zf:
        for member in zf.namelist():
            parts = _key_parts(member, label)
            value = _read_array(zf.read(member), member, label)
            node = trees[parts[0]]
            for key in parts[1:-1]:
                node = node.setdefault(key, {})
                if not isinstance(node, dict):
                    raise CorruptFileError(f"The file {label} has clashing keys.")
            if parts[-1] in node:
                raise CorruptFileError(f"The file {label} has clashing keys.")
            node[parts[-1]] = value
    if model is not None:
        _assign(model, trees["params"], trees["state"])
    return trees["params"], trees["state"]


def _flatten(tree: Any, prefix: tuple) -> Iterator[tuple[tuple, Any]]:
    if not isinstance(tree, dict):
        yield prefix, tree
        return
    for key, value in tree.items():
        if not isinstance(key, str):
            raise TypeError(
                f"Tree keys must be strings. Received: {key!r} under "
                f"'{'/'.join(prefix)}'"
            )
        if not key or "/" in key:
            raise ValueError(
                f"Tree keys must be non-empty and contain no '/'. Received: {key!r}"
            )
        yield from _flatten(value, (*prefix, key))


def _key_parts(member: str, label: str) -> list[str]:
    if not member.endswith(".npy"):
        raise CorruptFileError(
            f"The file {label} has an unexpected member {member!r} (expected "
            "'.npy' arrays written by `save_params`)."
        )
    parts = member[: -len(".npy")].split("/")
    if parts[0] not in _ROOTS or len(parts) < 2 or not all(parts):
        raise CorruptFileError(
            f"The file {label} has an unexpected member {member!r} (keys start with "
            "'params/' or 'state/')."
        )
    return parts


def _read_array(data: bytes, member: str, label: str) -> np.ndarray:
    buffer = io.BytesIO(data)
    try:
        version = np.lib.format.read_magic(buffer)
        reader = getattr(np.lib.format, f"read_array_header_{version[0]}_0")
        shape, _, dtype = reader(buffer)
    except Exception as e:  # noqa: BLE001 - NumPy raises many types on bad headers
        raise CorruptFileError(
            f"The member {member!r} of {label} is not a valid array: {e}"
        ) from e
    declared = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    if dtype.hasobject or declared != len(data) - buffer.tell():
        # Checked before NumPy allocates `shape`: a tiny member cannot make it
        # reserve a huge array, and object arrays (pickles) are never read.
        raise CorruptFileError(
            f"The member {member!r} of {label} is corrupt: its header declares "
            f"{declared} bytes of {dtype} but {len(data) - buffer.tell()} follow."
        )
    try:
        value = np.lib.format.read_array(io.BytesIO(data), allow_pickle=False)
    except Exception as e:  # noqa: BLE001 - NumPy raises many types on bad headers
        raise CorruptFileError(
            f"The member {member!r} of {label} is not a valid array: {e}"
        ) from e
    if value.dtype.kind not in "biufc":
        raise CorruptFileError(
            f"The member {member!r} of {label} is not numeric (dtype {value.dtype})."
        )
    return value


def _assign(model: Any, params: dict, state: dict) -> None:
    """Sets every model variable from the trees, checking all before any write."""
    from kerasish.models import pure

    trainable, non_trainable = pure.split_layout(model)
    pairs = [(v, pure.lookup(params, p)) for p, v in trainable]
    pairs += [(v, pure.lookup(state, p)) for p, v in non_trainable]
    for variable, value in pairs:
        if tuple(variable.shape) != tuple(np.shape(value)):
            raise ValueError(
                f"Weight '{variable.path}' has shape {tuple(variable.shape)}, but "
                f"the file holds shape {tuple(np.shape(value))}."
            )
    for variable, value in pairs:
        variable.assign(value)
