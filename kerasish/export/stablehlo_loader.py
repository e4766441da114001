"""Reads and runs `.stablehlo` artifacts with JAX alone (no other kerasish module).

This module imports only the standard library, NumPy and JAX, so it can be
copied next to a server and used where kerasish is not installed.

File layout (little-endian):

    MAGIC (20 bytes) | header length (uint64) | header (UTF-8 JSON) | payload

The header describes the artifact (`inputs` and `outputs`: name, shape with
`null` for dynamic axes, dtype). The payload is `jax.export.Exported.serialize()`
(a flatbuffer holding StableHLO bytecode): loading never unpickles anything.
"""

from __future__ import annotations

import json
import struct
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

MAGIC = b"\x89KERASISH-STABLEHLO\n"
FORMAT = "kerasish.stablehlo"
FORMAT_VERSION = 1
_LENGTH = struct.Struct("<Q")
_MAX_HEADER_BYTES = 1 << 20


def pack_artifact(header: dict, payload: bytes) -> bytes:
    """The bytes of a `.stablehlo` file from its header dict and payload."""
    text = json.dumps(
        {"format": FORMAT, "format_version": FORMAT_VERSION, **header}, indent=1
    ).encode("utf-8")
    return MAGIC + _LENGTH.pack(len(text)) + text + bytes(payload)


def read_artifact(path: str) -> tuple[dict, bytes]:
    """`(header, payload)` of a `.stablehlo` file.

    Raises:
        ValueError: If the file is not a kerasish StableHLO artifact.
    """
    with open(path, "rb") as f:
        data = f.read()
    start = len(MAGIC) + _LENGTH.size
    if not data.startswith(MAGIC) or len(data) < start:
        raise ValueError(
            "The file is not a kerasish StableHLO artifact (bad magic bytes). "
            f"Export one with `model.export(path, format='stablehlo')`. "
            f"Received: path={path}"
        )
    (length,) = _LENGTH.unpack_from(data, len(MAGIC))
    if length > _MAX_HEADER_BYTES or start + length > len(data):
        raise ValueError(f"The artifact's header is truncated. Received: path={path}")
    try:
        header = json.loads(data[start : start + length].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ValueError(
            f"The artifact's header is not valid JSON ({e}). Received: path={path}"
        ) from None
    version = header.get("format_version")
    if header.get("format") != FORMAT or version != FORMAT_VERSION:
        raise ValueError(
            f"Unsupported artifact format {header.get('format')!r} version "
            f"{version!r}; this loader reads {FORMAT!r} version {FORMAT_VERSION}. "
            f"Received: path={path}"
        )
    return header, data[start + length :]


class StableHLOModel:
    """An exported model's inference function, loaded from a `.stablehlo` file.

    Attributes:
        inputs: One dict per input: `name`, `shape` (`None` = any size), `dtype`.
        outputs: One dict per (flattened) output, same keys.
        header: The whole JSON header.
        exported: The underlying `jax.export.Exported`.
    """

    def __init__(self, header: dict, exported: jax.export.Exported) -> None:
        self.header = header
        self.exported = exported
        self.inputs = [_spec(s) for s in header["inputs"]]
        self.outputs = [_spec(s) for s in header["outputs"]]

    @property
    def input_names(self) -> list[str]:
        return [s["name"] for s in self.inputs]

    @property
    def output_names(self) -> list[str]:
        return [s["name"] for s in self.outputs]

    def __call__(self, *inputs: Any) -> Any:
        """Runs the model: one array per input (or one dict keyed by input name).

        Inputs are checked against the header (count, rank, fixed axes, one
        batch size) and cast to the exported dtype. Returns JAX arrays in the
        structure of the original model's outputs.

        Raises:
            ValueError: If the inputs do not match the exported signature.
        """
        if len(inputs) == 1 and isinstance(inputs[0], dict):
            inputs = tuple(self._by_name(inputs[0]))
        if len(inputs) != len(self.inputs):
            raise ValueError(
                f"The model expects {len(self.inputs)} input(s) "
                f"{self.input_names}. Received: {len(inputs)} input(s)"
            )
        arrays = [_check_input(x, s) for x, s in zip(inputs, self.inputs, strict=True)]
        batch = {a.shape[0] for a in arrays if a.ndim}
        if len(batch) > 1:
            raise ValueError(
                "All inputs must have the same batch size (first axis). "
                f"Received: batch sizes {sorted(batch)}"
            )
        return self.exported.call(*arrays)

    serve = __call__

    def _by_name(self, named: dict) -> list:
        missing = [n for n in self.input_names if n not in named]
        extra = [n for n in named if n not in self.input_names]
        if missing or extra:
            raise ValueError(
                f"Expected inputs named {self.input_names}. Missing: {missing}, "
                f"unexpected: {extra}. Received keys: {list(named)}"
            )
        return [named[n] for n in self.input_names]

    def __repr__(self) -> str:
        return (
            f"<StableHLOModel inputs={self.inputs} outputs={self.outputs} "
            f"platforms={list(self.exported.platforms)}>"
        )


def _spec(raw: dict) -> dict:
    shape = tuple(None if d is None else int(d) for d in raw["shape"])
    return {"name": str(raw["name"]), "shape": shape, "dtype": str(raw["dtype"])}


def _check_input(x: Any, spec: dict) -> jax.Array:
    """`x` as a JAX array of the spec's dtype, after checking its shape."""
    name, expected = spec["name"], spec["shape"]
    if not isinstance(x, jax.Array):
        x = np.asarray(x)
        if x.dtype.kind not in "biuf":
            raise ValueError(
                f"Input '{name}' must hold numbers (dtype {spec['dtype']}). "
                f"Received: an array of dtype {x.dtype}"
            )
    ok = len(x.shape) == len(expected) and all(
        e is None or e == d for e, d in zip(expected, x.shape, strict=True)
    )
    if not ok:
        expected_text = "(" + ", ".join(
            "None" if e is None else str(e) for e in expected
        )
        expected_text += ",)" if len(expected) == 1 else ")"
        raise ValueError(
            f"Input '{name}' has an incompatible shape: expected {expected_text} "
            f"(None = any size). Received: shape={tuple(x.shape)}"
        )
    return jnp.asarray(x, dtype=spec["dtype"])


def load_stablehlo(path: str) -> StableHLOModel:
    """Loads a model exported with `model.export(path, format="stablehlo")`.

    Needs only JAX: neither kerasish's layers nor the model's code are imported.
    The batch axis (and any other axis exported as `None`) accepts any size.

    Args:
        path: Path of the `.stablehlo` file.

    Returns:
        A `StableHLOModel`; call it on arrays (or `.serve(...)`, as Keras'
        exported artifacts) to get the model's outputs.

    Raises:
        ValueError: If the file is not a kerasish StableHLO artifact.

    Example:

    ```python
    from kerasish.export import load_stablehlo

    reloaded = load_stablehlo("model.stablehlo")
    predictions = reloaded(x)
    ```
    """
    header, payload = read_artifact(str(path))
    try:
        exported = jax.export.deserialize(bytearray(payload))
    except Exception as e:  # flatbuffer or version errors from JAX
        raise ValueError(
            f"Could not deserialize the StableHLO payload ({type(e).__name__}: "
            f"{e}). Received: path={path}"
        ) from e
    return StableHLOModel(header, exported)
