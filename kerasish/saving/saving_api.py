"""`keras.saving.save_model` / `load_model` / `save_weights` / `load_weights`."""

from __future__ import annotations

import logging
import os
import zipfile
from typing import Any

from kerasish.saving import keras_file, weights_h5

_logger = logging.getLogger("kerasish")

_LEGACY_H5 = (".h5", ".hdf5")


def save_model(
    model: Any,
    filepath: Any,
    overwrite: bool = True,
    zipped: bool | None = None,
    **kwargs: Any,
) -> None:
    """Saves a model as a `.keras` file.

    The file is a zip archive holding `metadata.json`, `config.json` (the
    architecture and compile arguments) and `model.weights.h5` (the weights and
    the optimizer state), in Keras 3's format: real Keras loads it, and
    `load_model` loads Keras' files. The file is written atomically: an
    interrupted save leaves any previous file at `filepath` intact.

    Args:
        model: The model to save.
        filepath: `str` or `pathlib.Path` ending in `.keras` (or a directory
            with `zipped=False`).
        overwrite: Whether to overwrite an existing file, or ask the user via
            an interactive prompt.
        zipped: Whether to save as a zip archive (default) or as a directory.

    Raises:
        ValueError: for an unsupported extension or argument.

    Example:

    ```python
    model.save("model.keras")
    loaded_model = keras.saving.load_model("model.keras")
    ```
    """
    kwargs.pop("include_optimizer", True)
    save_format = kwargs.pop("save_format", False)
    path = str(filepath)
    if save_format:
        if path.endswith((*_LEGACY_H5, ".keras")):
            _logger.warning(
                "The `save_format` argument is deprecated in Keras 3. We recommend "
                "removing this argument as it can be inferred from the file path. "
                f"Received: save_format={save_format}"
            )
        else:
            raise ValueError(
                "The `save_format` argument is deprecated in Keras 3. Please remove "
                "this argument and pass a file path with either `.keras` or `.h5` "
                f"extension.Received: save_format={save_format}"
            )
    if kwargs:
        raise ValueError(
            f"The following argument(s) are not supported: {list(kwargs.keys())}"
        )
    zipped = True if zipped is None else zipped
    if os.path.exists(path) and not overwrite and not _ask_to_overwrite(path):
        return
    if zipped and path.endswith(".keras"):
        return keras_file.save_model(model, filepath)
    if not zipped:
        if path.endswith(".keras"):
            raise ValueError(
                "When using `zipped=False`, the `filepath` argument should not end "
                f"in `.keras`. Received: filepath={path}"
            )
        return keras_file.save_model_to_dir(model, path)
    if path.endswith(_LEGACY_H5):
        raise NotImplementedError(
            "kerasish does not write the legacy HDF5 model format ('.h5'). Save "
            f"a `.keras` file instead. Received: filepath={path}"
        )
    raise ValueError(
        "Invalid filepath extension for saving. Please add either a `.keras` "
        "extension for the native Keras format (recommended) or a `.h5` extension. "
        "Use `model.export(filepath)` if you want to export a SavedModel for use "
        f"with TFLite/TFServing/etc. Received: filepath={path}."
    )


def load_model(
    filepath: Any,
    custom_objects: dict | None = None,
    compile: bool = True,
    safe_mode: bool = True,
) -> Any:
    """Loads a model saved via `model.save()` (by kerasish or Keras 3).

    Loading never runs code from the file: configs are rebuilt only from
    kerasish's built-in classes, registered objects and `custom_objects`; no
    pickle, eval or marshal is used (Python lambdas stored by Keras load only
    with `safe_mode=False`). Corrupt, truncated or hostile files raise a
    `ValueError` naming the file and the problem.

    Args:
        filepath: `str` or `pathlib.Path`, a `.keras` file or a directory
            written with `zipped=False`.
        custom_objects: Dict mapping names to custom classes or functions.
        compile: Whether to compile the model after loading (restoring the
            optimizer state, so `fit` continues where it stopped).
        safe_mode: Whether to refuse Python lambda deserialization.

    Returns:
        The model, compiled if it was saved compiled and `compile=True`.
    """
    path = str(filepath)
    is_keras_dir = os.path.isdir(path) and os.path.exists(
        os.path.join(path, keras_file.CONFIG_MEMBER)
    )
    if path.endswith(".keras") and os.path.isfile(path):
        if not zipfile.is_zipfile(path):
            raise ValueError(
                f"The file {path} is not a valid `.keras` file: it is not a zip "
                "archive (it may be truncated or corrupt)."
            )
        return keras_file.load_model(filepath, custom_objects, compile, safe_mode)
    if is_keras_dir:
        return keras_file.load_model_from_dir(path, custom_objects, compile, safe_mode)
    if path.endswith(_LEGACY_H5):
        return _refuse_legacy_h5(path)
    if path.endswith(".keras"):
        raise ValueError(
            f"File not found: filepath={path}. Please ensure the file is an "
            "accessible `.keras` zip file."
        )
    raise ValueError(
        f"File format not supported: filepath={path}. Keras 3 only supports V3 "
        "`.keras` files, legacy H5 format files (`.h5` extension). Note that the "
        "legacy SavedModel format is not supported by `load_model()` in Keras 3. "
        "In order to reload a TensorFlow SavedModel as an inference-only layer in "
        f"Keras 3, use `keras.layers.TFSMLayer({path}, "
        "call_endpoint='serving_default')` (note that your `call_endpoint` might "
        "have a different name)."
    )


def save_weights(
    model: Any,
    filepath: Any,
    overwrite: bool = True,
    max_shard_size: float | None = None,
    **kwargs: Any,
) -> None:
    """Saves the model's weights (and optimizer state) to a `.weights.h5` file.

    The layout is Keras 3's (`layers/<class>/vars/0`, ..., `optimizer/vars/...`),
    so Keras reads the file. Written atomically.

    Args:
        model: A built model.
        filepath: `str` or `pathlib.Path` ending in `.weights.h5`.
        overwrite: Whether to overwrite an existing file, or ask.
        max_shard_size: Sharded saving; not supported by kerasish.
    """
    path = str(filepath)
    if max_shard_size is None and not path.endswith(".weights.h5"):
        raise ValueError(
            f"The filename must end in `.weights.h5`. Received: filepath={path}"
        )
    if max_shard_size is not None:
        if not path.endswith(("weights.h5", "weights.json")):
            raise ValueError(
                "The filename must end in `.weights.json` when `max_shard_size` is "
                f"specified. Received: filepath={path}"
            )
        raise NotImplementedError(
            "kerasish does not write sharded weights (`max_shard_size`). Received: "
            f"max_shard_size={max_shard_size}"
        )
    if os.path.exists(path) and not overwrite and not _ask_to_overwrite(path):
        return
    weights_h5.save_weights_only(model, filepath, **kwargs)


def load_weights(
    model: Any, filepath: Any, skip_mismatch: bool = False, **kwargs: Any
) -> None:
    """Loads weights from a `.weights.h5` or `.keras` file (Keras' or kerasish's).

    Weights are matched by the model's structure (Keras' attribute paths), not
    by layer names. Mismatched variable counts or shapes raise one ValueError
    listing the objects, or only warn with `skip_mismatch=True`.

    Args:
        model: A built model.
        filepath: `str` or `pathlib.Path`.
        skip_mismatch: Whether to skip (with a warning) layers whose weights
            do not match instead of raising.
    """
    path = str(filepath)
    objects_to_skip = kwargs.pop("objects_to_skip", None)
    by_name = kwargs.pop("by_name", None)
    if kwargs:
        raise ValueError(f"Invalid keyword arguments: {kwargs}")
    if path.endswith(".keras"):
        if objects_to_skip is not None:
            raise ValueError(
                "`objects_to_skip` only supports loading '.weights.h5' files."
                f"Received: {filepath}"
            )
    if path.endswith((".keras", ".weights.h5", ".weights.json")):
        if by_name is not None:
            raise ValueError(
                "`by_name` only supports loading legacy '.h5' or '.hdf5' files. "
                f"Received: {filepath}"
            )
        if path.endswith(".weights.json"):
            raise NotImplementedError(
                f"kerasish does not read sharded weights. Received: filepath={path}"
            )
        weights_h5.load_weights_only(
            model,
            filepath,
            skip_mismatch=skip_mismatch,
            objects_to_skip=objects_to_skip,
        )
        return
    if path.endswith(_LEGACY_H5):
        raise NotImplementedError(
            "kerasish does not read legacy HDF5 weight files ('.h5' without "
            f"'.weights'). Received: filepath={path}"
        )
    raise ValueError(
        f"File format not supported: filepath={path}. Keras 3 only supports V3 "
        "`.keras` files, `.weights.h5` files, legacy H5 format files "
        "(`.h5` extension), or Orbax checkpoints."
    )


def _refuse_legacy_h5(path: str) -> Any:
    """Keras' answer for an `.h5` without a model config; else not supported."""
    import h5py

    try:
        with h5py.File(path, "r") as f:
            has_config = "model_config" in f.attrs
    except FileNotFoundError:
        raise
    except Exception as e:  # noqa: BLE001 - any HDF5 failure means a bad file
        raise ValueError(f"The file {path} is not a valid HDF5 file: {e}") from e
    if not has_config:
        raise ValueError(f"No model config found in the file at {path}.")
    raise NotImplementedError(
        "kerasish does not load the legacy HDF5 model format ('.h5'). Re-save the "
        f"model as a `.keras` file with Keras. Received: filepath={path}"
    )


def _ask_to_overwrite(filepath: str) -> bool:
    """Keras' interactive overwrite prompt."""
    answer = input(f"[WARNING] {filepath} already exists - overwrite? [y/n]")
    answer = answer.strip().lower()
    while answer not in ("y", "n"):
        answer = input('Enter "y" (overwrite) or "n" (cancel).').strip().lower()
    if answer == "n":
        return False
    print("[TIP] Next time specify overwrite=True!")
    return True
