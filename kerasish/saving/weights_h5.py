"""`.weights.h5`: a model's variables (and optimizer state) in Keras 3's layout.

The file holds one `<path>/vars` group per saveable of `saveable_tree` (the
model itself at `vars`, layers at `layers/dense/vars`, an RNN cell at
`layers/lstm/cell/vars`, the optimizer at `optimizer/vars`), with datasets
`"0"`, `"1"`, ... in Keras' variable order. Files written by Keras load here
and files written here load in Keras.

Loading reads and validates every needed dataset before assigning any, so a
corrupt file raises a `ValueError` and leaves the model untouched; mismatched
variable counts or shapes are collected and reported as Keras reports them.
"""

from __future__ import annotations

import io
import warnings
from typing import Any

import h5py
import numpy as np

from kerasish.saving import archive, atomic
from kerasish.saving.h5_store import H5Reader, ReadStore, WriteStore
from kerasish.saving.saveable_tree import saveable_entries

WEIGHTS_MEMBER = "model.weights.h5"


def save_weights_only(model: Any, filepath: Any, objects_to_skip: Any = None) -> None:
    """Writes `model`'s state to a `.weights.h5` file, atomically."""
    if not model.built:
        raise ValueError(
            "You are saving a model that has not yet been built. "
            "Try building the model first by calling it on some data or "
            "by using `build()`."
        )
    with atomic.atomic_write(filepath) as f:
        with h5py.File(f, "w") as h5:
            write_state(model, h5, objects_to_skip or ())


def weights_bytes(model: Any) -> bytes:
    """The `.weights.h5` content for `model`, in memory (for `.keras` files)."""
    buffer = io.BytesIO()
    with h5py.File(buffer, "w") as h5:
        write_state(model, h5)
    return buffer.getvalue()


def write_state(model: Any, h5: h5py.File, skip: Any = ()) -> None:
    """Writes every saveable's own variables into the open file `h5`."""
    for path, obj in saveable_entries(model, skip):
        name = getattr(obj, "name", None)
        store = WriteStore(h5, path, name if isinstance(name, str) else None)
        save_own_variables(obj, store)


def load_weights_only(
    model: Any, filepath: Any, skip_mismatch: bool = False, objects_to_skip: Any = None
) -> None:
    """Loads a `.weights.h5` file (or a `.keras` file's weights) into `model`."""
    if not model.built:
        raise ValueError(
            "You are loading weights into a model that has not yet been built. "
            "Try building the model first by calling it on some data or "
            "by using `build()`."
        )
    label = archive.describe(filepath)
    if label.endswith(".keras"):
        with archive.ArchiveReader(filepath) as zf:
            source: Any = io.BytesIO(zf.read(WEIGHTS_MEMBER))
        label = f"{label}/{WEIGHTS_MEMBER}"
    else:
        source = filepath
    with H5Reader(source, label) as reader:
        errors = read_state(model, reader, objects_to_skip or ())
    raise_loading_failure(errors, warn_only=skip_mismatch)


def read_state(model: Any, reader: H5Reader, skip: Any = ()) -> list:
    """Loads every saveable's variables; returns `[(obj, error), ...]` mismatches.

    All stores are read (and validated) first, so a corrupt file raises before
    any variable changes.
    """
    stores = [(obj, reader.get(path)) for path, obj in saveable_entries(model, skip)]
    errors = []
    for obj, store in stores:
        try:
            load_own_variables(obj, store)
        except Exception as e:  # noqa: BLE001 - collected like Keras' failures
            errors.append((obj, e))
    return errors


def raise_loading_failure(errors: list, warn_only: bool = False) -> None:
    """Keras' `_raise_loading_failure`: one ValueError (or warning) for all."""
    if not errors:
        return
    obj, error = errors[0]
    msg = (
        f"A total of {len(errors)} objects could not be loaded. Example error "
        f"message for object {obj}:\n\n{error}\n\nList of objects that could not "
        f"be loaded:\n{[o for o, _ in errors]}"
    )
    if warn_only:
        warnings.warn(msg, stacklevel=3)
    else:
        raise ValueError(msg)


# ------------------------------------------------------------ own variables


def _is_optimizer(obj: Any) -> bool:
    from kerasish.optimizers.base import Optimizer

    return isinstance(obj, Optimizer)


def own_variables(layer: Any) -> list:
    """A layer's own variables in Keras' saving order: trainable, then not."""
    return list(layer._trainable_variables) + list(layer._non_trainable_variables)


def save_own_variables(obj: Any, store: WriteStore) -> None:
    """Keras' `save_own_variables`, or the object's own override."""
    if hasattr(obj, "save_own_variables"):
        obj.save_own_variables(store)
        return
    for i, variable in enumerate(own_variables(obj)):
        store[str(i)] = np.asarray(variable.value)


def load_own_variables(obj: Any, store: ReadStore) -> None:
    """Keras' `load_own_variables`, or the object's own override."""
    if _is_optimizer(obj):
        _load_optimizer_variables(obj, store)
        return
    if hasattr(obj, "load_own_variables"):
        obj.load_own_variables(store)
    else:
        variables = own_variables(obj)
        check_count(obj, variables, store)
        for i, variable in enumerate(variables):
            variable.assign(store[str(i)])
    if callable(getattr(obj, "finalize_state", None)):
        # Keras' preprocessing layers recompute derived state after loading.
        obj.finalize_state()


def check_count(layer: Any, variables: list, store: ReadStore) -> None:
    if len(store) == len(variables):
        return
    if not variables and not layer.built:
        raise ValueError(
            f"Layer '{layer.name}' was never built and thus it doesn't have any "
            f"variables. However the weights file lists {len(store)} variables "
            "for this layer.\nIn most cases, this error indicates that either:\n\n"
            "1. The layer is owned by a parent layer that implements a `build()` "
            "method, but calling the parent's `build()` method did NOT create the "
            f"state of the child layer '{layer.name}'. A `build()` method must "
            "create ALL state for the layer, including the state of any children "
            "layers.\n\n2. You need to implement the `def build_from_config(self, "
            f"config)` method on layer '{layer.name}', to specify how to rebuild "
            "it during loading. In this case, you might also want to implement the "
            "method that generates the build config at saving time, `def "
            "get_build_config(self)`. The method `build_from_config()` is meant to "
            "create the state of the layer (i.e. its variables) upon "
            "deserialization.",
        )
    raise ValueError(
        f"Layer '{layer.name}' expected {len(variables)} variables, but received "
        f"{len(store)} variables during loading. Expected: "
        f"{[v.name for v in variables]}"
    )


def _load_optimizer_variables(optimizer: Any, store: ReadStore) -> None:
    """Keras' `Optimizer.load_own_variables`: a count mismatch only warns."""
    views = optimizer.variables
    if len(store) != len(views):
        msg = (
            f"Skipping variable loading for optimizer '{optimizer.name}', because "
            f"it has {len(views)} variables whereas the saved optimizer has "
            f"{len(store)} variables. "
        )
        if not views:
            msg += "This is likely because the optimizer has not been called/built yet."
        warnings.warn(msg, stacklevel=2)
        return
    values = [store[str(i)] for i in range(len(views))]
    for view, value in zip(views, values, strict=True):
        if tuple(view.shape) != tuple(np.shape(value)):
            view.assign(value)  # raises Keras' assign shape error
    if optimizer.built:
        optimizer.set_weights(values)
    else:
        for view, value in zip(views, values, strict=True):
            view.assign(value)
