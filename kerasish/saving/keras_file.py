"""`.keras` files: Keras 3's zip of `metadata.json`, `config.json` and weights.

The archive is written uncompressed, members in Keras' order, atomically
(temp file + rename). The config is `serialize_keras_object(model)` (with the
compile config); the weights member is the `.weights.h5` layout of
`weights_h5`, optimizer state included. Loading reads members by exact name
through `archive.ArchiveReader` (bounded, nothing extracted), rebuilds the model
with the safe `deserialize_keras_object` (no pickle, eval or marshal unless
`safe_mode=False` asks for Python lambdas), recompiles it, builds its
optimizer and restores every variable, so `fit` continues where it stopped.
"""

from __future__ import annotations

import datetime
import io
import json
import os
import warnings
from typing import Any

from kerasish.saving import archive, atomic, weights_h5
from kerasish.saving.h5_store import CorruptFileError, H5Reader

CONFIG_MEMBER = "config.json"
METADATA_MEMBER = "metadata.json"
WEIGHTS_MEMBER = weights_h5.WEIGHTS_MEMBER
NPZ_WEIGHTS_MEMBER = "model.weights.npz"
# The Keras version the files claim to come from: kerasish writes the format
# of this release, and real Keras reads the files as its own.
KERAS_VERSION = "3.15.1"


def save_model(model: Any, target: Any) -> None:
    """Writes `model` as a `.keras` archive to a path (atomically) or a file."""
    if not model.built:
        warnings.warn(
            "You are saving a model that has not yet been built. "
            "It might not contain any weights yet. "
            "Consider building the model first by calling it "
            "on some data.",
            stacklevel=3,
        )
    archive.write_archive(target, _members(model))


def _members(model: Any) -> list[tuple[str, bytes]]:
    """`[(name, bytes)]` of the three members, in the order Keras writes them."""
    from kerasish.saving import serialization_lib

    with serialization_lib.ObjectSharingScope():
        config = serialization_lib.serialize_keras_object(model)
    metadata = {
        "keras_version": KERAS_VERSION,
        "date_saved": datetime.datetime.now().strftime("%Y-%m-%d@%H:%M:%S"),
    }
    return [
        (METADATA_MEMBER, json.dumps(metadata).encode()),
        (CONFIG_MEMBER, json.dumps(config).encode()),
        (WEIGHTS_MEMBER, weights_h5.weights_bytes(model)),
    ]


def load_model(
    source: Any,
    custom_objects: dict | None = None,
    compile: bool = True,
    safe_mode: bool = True,
) -> Any:
    """Rebuilds a model from a `.keras` archive (a path or a binary file)."""
    label = archive.describe(source)
    with archive.ArchiveReader(source) as zf:
        config_bytes = zf.read(CONFIG_MEMBER)
        if WEIGHTS_MEMBER in zf:
            weights = zf.read(WEIGHTS_MEMBER)
        elif NPZ_WEIGHTS_MEMBER in zf:
            raise ValueError(
                f"The file {label} stores its weights as {NPZ_WEIGHTS_MEMBER}, "
                "which holds pickled objects; kerasish never loads pickles. "
                "Re-save the model with the default h5 weights format."
            )
        else:
            raise ValueError(
                f"Expected a {WEIGHTS_MEMBER} or {NPZ_WEIGHTS_MEMBER} file in {label}."
            )
    # Validate the weights file before building anything from the config.
    reader = H5Reader(io.BytesIO(weights), f"{label}/{WEIGHTS_MEMBER}")
    with reader:
        model = model_from_config(
            config_bytes, label, custom_objects, compile, safe_mode
        )
        build_optimizer(model)
        errors = weights_h5.read_state(model, reader)
    weights_h5.raise_loading_failure(errors)
    return model


def save_model_to_dir(model: Any, dirpath: str) -> None:
    """Writes the three members as files of the directory `dirpath`
    (`save_model(..., zipped=False)`); each file is replaced atomically."""
    os.makedirs(dirpath, exist_ok=True)
    members = _members(model)
    for name, data in members:
        atomic.write_bytes(os.path.join(dirpath, name), data)


def load_model_from_dir(
    dirpath: str, custom_objects: Any, compile: bool, safe_mode: bool
) -> Any:
    """Rebuilds a model saved with `zipped=False`."""
    if not os.path.exists(dirpath):
        raise ValueError(f"Directory doesn't exist: {dirpath}")
    if not os.path.isdir(dirpath):
        raise ValueError(f"Path isn't a directory: {dirpath}")
    config_path = os.path.join(dirpath, CONFIG_MEMBER)
    if os.path.getsize(config_path) > archive.MAX_UNCOMPRESSED_BYTES:
        raise CorruptFileError(f"The file {config_path} is too large.")
    with open(config_path, "rb") as f:
        config_bytes = f.read()
    weights_path = os.path.join(dirpath, WEIGHTS_MEMBER)
    if not os.path.exists(weights_path):
        raise ValueError(f"Expected a {WEIGHTS_MEMBER} or {NPZ_WEIGHTS_MEMBER} file.")
    with H5Reader(weights_path) as reader:
        model = model_from_config(
            config_bytes, config_path, custom_objects, compile, safe_mode
        )
        build_optimizer(model)
        errors = weights_h5.read_state(model, reader)
    weights_h5.raise_loading_failure(errors)
    return model


def model_from_config(
    config_bytes: bytes,
    label: str,
    custom_objects: dict | None,
    compile: bool,
    safe_mode: bool,
) -> Any:
    """The model `config.json` describes (Keras' `_model_from_config`)."""
    from kerasish.saving import serialization_lib

    try:
        config = json.loads(config_bytes)
    except (ValueError, RecursionError) as e:
        raise CorruptFileError(
            f"The {CONFIG_MEMBER} of {label} is not valid JSON: {e}"
        ) from e
    if not isinstance(config, dict):
        raise CorruptFileError(
            f"The {CONFIG_MEMBER} of {label} must hold a JSON object describing a "
            f"model. Received: {type(config).__name__}"
        )
    if not compile:
        config["compile_config"] = None
    try:
        with serialization_lib.ObjectSharingScope():
            model = serialization_lib.deserialize_keras_object(
                config, custom_objects, safe_mode=safe_mode
            )
    except (ValueError, TypeError):
        raise  # Keras' own errors (unknown class, bad argument), unchanged
    except Exception as e:  # noqa: BLE001 - anything else means a damaged config
        raise CorruptFileError(
            f"Could not rebuild the model from the {CONFIG_MEMBER} of {label}: "
            f"{type(e).__name__}: {e}"
        ) from e
    if not hasattr(model, "built") or not hasattr(model, "layers"):
        raise CorruptFileError(
            f"The {CONFIG_MEMBER} of {label} does not describe a model. "
            f"Received: {type(model).__name__}"
        )
    return model


def build_optimizer(model: Any) -> None:
    """Creates the optimizer state of a compiled, built model (as Keras'
    `compile_from_config` does), laid out exactly as `fit` lays it out, so the
    loaded state is what training continues from."""
    from kerasish.models import pure

    optimizer = getattr(model, "optimizer", None)
    if optimizer is None or getattr(optimizer, "built", True) or not model.built:
        return
    trainable, _ = pure.split_layout(model)
    optimizer.build(
        model.params,
        order=[path for path, _ in trainable],
        variables=[variable for _, variable in trainable],
    )
