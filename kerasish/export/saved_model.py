"""`format="tf_saved_model"`: a TensorFlow SavedModel through `jax2tf` (untested).

TensorFlow is not a kerasish dependency and this path is not exercised by the
test suite; without TensorFlow it raises an `ImportError` naming the fix.
"""

from __future__ import annotations

import importlib
import os
import shutil
import tempfile
from typing import Any

from kerasish.export import export_utils


def export_saved_model(
    model: Any,
    filepath: Any,
    verbose: bool | None = None,
    input_signature: Any = None,
    **kwargs: Any,
) -> None:
    """Exports the inference pass as a TensorFlow SavedModel (endpoint `serve`).

    Untested: kerasish's test environment has no TensorFlow. The forward pass
    is converted with `jax.experimental.jax2tf` (StableHLO embedded in the
    graph, weights as constants, a dynamic batch axis) and saved into the
    directory `filepath`; reload it with `tf.saved_model.load(filepath).serve(x)`.

    Args:
        model: A built `keras.Model`.
        filepath: Directory to write the SavedModel into.
        verbose: Whether to print a message once saved (default `True`).
        input_signature: Optional shapes and dtypes of the inputs.
        **kwargs: `jax2tf_kwargs` (dict) is passed to `jax2tf.convert`; `is_static`
            is accepted and ignored (the pure forward pass has no state).

    Raises:
        ImportError: If TensorFlow is not installed.
    """
    tf = _require_tensorflow()
    from jax.experimental import jax2tf

    jax2tf_kwargs = dict(kwargs.pop("jax2tf_kwargs", None) or {})
    kwargs.pop("is_static", None)
    if kwargs:
        raise ValueError(f"Unrecognized keyword arguments: {sorted(kwargs)}")
    path = os.fspath(filepath)
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(parent):
        raise ValueError(
            f"The directory of `filepath` does not exist: '{parent}'. Create it "
            f"before exporting. Received: filepath={path}"
        )
    input_signature, specs = export_utils.prepare_signature(model, input_signature)
    names = export_utils.input_names(specs)
    fn = export_utils.make_inference_fn(model, input_signature)
    polymorphic = [_polymorphic_shape(i, s.shape) for i, s in enumerate(specs)]
    jax2tf_kwargs.setdefault("polymorphic_shapes", polymorphic)
    converted = jax2tf.convert(fn, **jax2tf_kwargs)
    tensor_specs = [
        tf.TensorSpec(s.shape, tf.as_dtype(s.dtype), name=n)
        for s, n in zip(specs, names, strict=True)
    ]
    module = tf.Module()
    module.serve = tf.function(converted, input_signature=tensor_specs, autograph=False)
    staging = tempfile.mkdtemp(dir=parent, prefix=f".{os.path.basename(path)}.")
    try:
        tf.saved_model.save(module, staging)
        if os.path.exists(path):
            shutil.rmtree(path)
        os.replace(staging, path)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if verbose is None or verbose:
        print(f"Saved artifact at '{path}'.")


def _polymorphic_shape(index: int, shape: tuple) -> str:
    dims = [
        str(d) if d is not None else ("b" if axis == 0 else f"d{index}_{axis}")
        for axis, d in enumerate(shape)
    ]
    return "(" + ", ".join(dims) + ")"


def _require_tensorflow() -> Any:
    try:
        return importlib.import_module("tensorflow")
    except ImportError:
        raise ImportError(
            "This requires the tensorflow module. You can install it via "
            "`pip install tensorflow`. format='tf_saved_model' is the only "
            "format that needs TensorFlow: format='stablehlo' needs only JAX and "
            "format='onnx' needs `pip install kerasish[onnx]`."
        ) from None
