"""`format="stablehlo"`: the forward pass as portable StableHLO via `jax.export`."""

from __future__ import annotations

from typing import Any

import jax
import numpy as np
from jax import export as jax_export

from kerasish.export import export_utils
from kerasish.export.atomic import write_bytes_atomic
from kerasish.export.stablehlo_loader import pack_artifact


def export_stablehlo(
    model: Any,
    filepath: Any,
    verbose: bool | None = None,
    input_signature: Any = None,
    platforms: tuple[str, ...] | None = None,
) -> None:
    """Exports the model's inference pass as a single `.stablehlo` file.

    The file holds a small JSON header (input/output names, shapes, dtypes) and
    the `jax.export` serialization of `model.call(..., training=False)` with
    the current weights as constants. The batch axis is symbolic, so any
    batch size runs. Reload it with `kerasish.export.load_stablehlo`, which
    needs only JAX.

    Args:
        model: A built `keras.Model`.
        filepath: `str` or `pathlib.Path` of the file to write.
        verbose: Whether to print a message once saved (default `True`).
        input_signature: Optional shapes and dtypes of the inputs (a structure
            of `keras.InputSpec`, `KerasTensor`, `jax.ShapeDtypeStruct` or
            arrays); computed from the model when `None`.
        platforms: Platforms to lower for, e.g. `("cpu", "cuda")`; defaults to
            the platform JAX is running on.

    Raises:
        ValueError: If the model is not built, the directory does not exist,
            or a layer cannot be traced to StableHLO (the layer is named).
    """
    filepath = export_utils.check_filepath(filepath)
    input_signature, specs = export_utils.prepare_signature(model, input_signature)
    names = export_utils.input_names(specs)
    fn = export_utils.make_inference_fn(model, input_signature)
    args = _symbolic_args(specs)
    try:
        exported = jax_export.export(jax.jit(fn), platforms=platforms)(*args)
    except Exception as e:
        raise _export_error(e) from e
    header = {
        "model_name": model.name,
        "jax_version": jax.__version__,
        "platforms": list(exported.platforms),
        "inputs": [
            _describe(n, s.shape, s.dtype) for n, s in zip(names, specs, strict=True)
        ],
        "outputs": [
            _describe(f"output_{i}", aval.shape, aval.dtype)
            for i, aval in enumerate(exported.out_avals)
        ],
    }
    write_bytes_atomic(filepath, pack_artifact(header, exported.serialize()))
    if verbose is None or verbose:
        print(f"Saved artifact at '{filepath}'.")


def _symbolic_args(specs: list) -> list[jax.ShapeDtypeStruct]:
    """One abstract argument per spec: `batch` for axis 0, a fresh symbol for
    every other `None` axis. All inputs share `batch`, as they must."""
    scope = jax_export.SymbolicScope()
    args = []
    for i, spec in enumerate(specs):
        dims = [
            ("batch" if axis == 0 else f"dim_{i}_{axis}") if d is None else str(d)
            for axis, d in enumerate(spec.shape)
        ]
        shape = jax_export.symbolic_shape(",".join(dims), scope=scope) if dims else ()
        args.append(jax.ShapeDtypeStruct(shape, np.dtype(spec.dtype)))
    return args


def _describe(name: str, shape: tuple, dtype: Any) -> dict:
    dims = [d if isinstance(d, int) else None for d in shape]
    return {"name": name, "shape": dims, "dtype": str(np.dtype(dtype))}


def _export_error(error: Exception) -> Exception:
    """A `ValueError` naming the layer that could not be traced, when known."""
    layer = export_utils.culprit_layer(error)
    where = (
        f"Layer {export_utils.describe_layer(layer)} cannot be exported to StableHLO"
        if layer is not None
        else "The model cannot be exported to StableHLO"
    )
    return ValueError(
        f"{where}: its `call()` must be traceable by `jax.export` with a "
        "symbolic batch size (no NumPy conversion of inputs, no Python control "
        f"flow on their values). Received: {type(error).__name__}: {error}"
    )
