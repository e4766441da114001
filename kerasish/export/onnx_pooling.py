"""A jax2onnx lowering of `reduce_window_max` that ONNX Runtime can run.

jax2onnx (0.17) lowers `lax.reduce_window_max` on a rank-n array to an n-D
`MaxPool` over a `(1, 1, *shape)` view. ONNX Runtime only pools over 1 to 3
spatial axes, so Keras' `MaxPooling2D` and `MaxPooling3D` (rank 4 and 5
windows `(1, k, k, 1)`) fail at run time with "Unsupported pooling size".
When exactly two window axes are trivial (size 1, stride 1, no padding or
dilation), this lowering moves them to the front as ONNX's `(N, C)` axes,
pools over the others and moves them back; anything else keeps jax2onnx's
own lowering.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import onnx_ir as ir
from jax import lax
from jax2onnx.converter.ir_builder import _dtype_to_ir
from jax2onnx.plugins import plugin_system
from jax2onnx.plugins._ir_shapes import _ensure_value_metadata, _stamp_type_and_shape
from jax2onnx.plugins.jax.lax.reduce_window_max import ReduceWindowMaxPrimitivePlugin

_PRIMITIVE = lax.reduce_window_max_p.name


class _ChannelAwareMaxPool(ReduceWindowMaxPrimitivePlugin):
    """`reduce_window_max` with two trivial axes as Transpose-MaxPool-Transpose."""

    def lower(self, ctx: Any, eqn: Any) -> None:
        params = eqn.params
        plan = _pooling_plan(
            tuple(params["window_dimensions"]),
            tuple(params["window_strides"]),
            tuple(tuple(p) for p in params["padding"]),
            tuple(params["base_dilation"]),
            tuple(params["window_dilation"]),
        )
        dtype = np.dtype(eqn.invars[0].aval.dtype)
        if plan is None or dtype not in self._MAXPOOL_DTYPES:
            return super().lower(ctx, eqn)
        perm, attributes = plan
        inverse = [perm.index(i) for i in range(len(perm))]
        in_shape = tuple(eqn.invars[0].aval.shape)
        out_shape = tuple(eqn.outvars[0].aval.shape)
        ir_dtype = _dtype_to_ir(dtype, ctx.builder.enable_double_precision)
        x = ctx.get_value_for_var(eqn.invars[0], name_hint=ctx.fresh_name("mp_in"))
        out_spec = ctx.get_value_for_var(
            eqn.outvars[0], name_hint=ctx.fresh_name("mp_out")
        )
        moved = ctx.builder.Transpose(
            x, _outputs=[ctx.fresh_name("mp_nchw")], perm=list(perm)
        )
        _stamp(ctx, moved, ir_dtype, [in_shape[p] for p in perm])
        pooled = ctx.builder.MaxPool(
            moved, _outputs=[ctx.fresh_name("mp_pool")], **attributes
        )
        _stamp(ctx, pooled, ir_dtype, [out_shape[p] for p in perm])
        name = getattr(out_spec, "name", None) or ctx.fresh_name("mp_out")
        result = ctx.builder.Transpose(pooled, _outputs=[name], perm=inverse)
        _stamp(ctx, result, ir_dtype, out_shape)
        ctx.bind_value_for_var(eqn.outvars[0], result)


def _stamp(ctx: Any, value: Any, dtype: Any, shape: Any) -> None:
    value.type = ir.TensorType(dtype)
    _stamp_type_and_shape(value, tuple(shape))
    _ensure_value_metadata(ctx, value)


def _pooling_plan(
    window: tuple, strides: tuple, padding: tuple, base: tuple, dilation: tuple
) -> tuple[list[int], dict] | None:
    """`(perm, MaxPool attributes)` when exactly two axes are untouched."""
    trivial = [
        i
        for i in range(len(window))
        if window[i] == 1 and strides[i] == 1 and padding[i] == (0, 0)
        if dilation[i] == 1
    ]
    spatial = [i for i in range(len(window)) if i not in trivial]
    if len(trivial) != 2 or not 1 <= len(spatial) <= 3 or any(b != 1 for b in base):
        return None
    attributes: dict[str, Any] = {
        "kernel_shape": [window[i] for i in spatial],
        "strides": [strides[i] for i in spatial],
    }
    pads = [padding[i][0] for i in spatial] + [padding[i][1] for i in spatial]
    if any(pads):
        attributes["pads"] = pads
    if any(dilation[i] != 1 for i in spatial):
        attributes["dilations"] = [dilation[i] for i in spatial]
    return trivial + spatial, attributes


@contextlib.contextmanager
def runtime_friendly_pooling() -> Iterator[None]:
    """Uses the channel-aware max-pool lowering while the block runs.

    Also loads only jax2onnx's plugins for JAX primitives: its default loads
    every plugin, Flax, Equinox and examples included, which takes about ten
    times as long. The "all loaded" flag is set only while the block runs, so
    a later direct `jax2onnx.to_onnx` call still loads the rest.
    """
    loaded = getattr(plugin_system, "_already_imported_plugins", None)
    _import_jax_plugins()
    registry = plugin_system.PLUGIN_REGISTRY
    original = registry.get(_PRIMITIVE)
    replacement = _ChannelAwareMaxPool()
    replacement.primitive = _PRIMITIVE
    replacement.metadata = getattr(original, "metadata", {})
    registry[_PRIMITIVE] = replacement
    try:
        yield
    finally:
        if original is None:
            registry.pop(_PRIMITIVE, None)
        else:
            registry[_PRIMITIVE] = original
        if loaded is not None:
            plugin_system._already_imported_plugins = loaded


def _import_jax_plugins() -> None:
    """Registers the plugins under `jax2onnx/plugins/jax` (all of them when
    this jax2onnx has no `_import_tree`), before ours replaces one."""
    import_tree = getattr(plugin_system, "_import_tree", None)
    if import_tree is None or getattr(plugin_system, "_already_imported_plugins", 1):
        plugin_system.import_all_plugins()
        return
    import_tree(Path(plugin_system.__file__).parent / "jax", "jax2onnx.plugins.jax")
    plugin_system._already_imported_plugins = True
