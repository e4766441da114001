"""`print_summary`: the text of Keras' `model.summary()`, rendered without `rich`.

Keras draws the summary with a `rich` table; this module reproduces the plain
text rich prints when stdout is not a terminal (and what `print_fn` receives):
the same column widths, word wrapping, ellipses, box characters and footer.
The table layout itself lives in `kerasish/utils/text_table.py`.
"""

from __future__ import annotations

import math
import re
import shutil
import sys
from collections.abc import Callable, Sequence
from typing import Any

from kerasish.utils import text_table

# Bits per element, as Keras' `dtype_utils.DTYPE_TO_SIZE` (note: bool is 1 bit).
_DTYPE_BITS = {
    **{f"float{i}": i for i in (16, 32, 64)},
    **{f"int{i}": i for i in (8, 16, 32, 64)},
    **{f"uint{i}": i for i in (8, 16, 32, 64)},
    "bfloat16": 16,
    "bool": 1,
}


def count_params(weights: Sequence[Any]) -> int:
    """Total number of scalars in `weights` (objects with a `.shape`)."""
    return int(sum(math.prod(w.shape) for w in weights))


def _dtype_name(dtype: Any) -> str:
    if isinstance(dtype, str):
        return dtype
    return getattr(dtype, "name", None) or str(dtype)


def weight_memory_size(weights: Sequence[Any]) -> float:
    """Memory footprint of `weights` in bytes (each object counted once)."""
    unique = {id(w): w for w in weights}.values()
    bits = 0
    for w in unique:
        dtype = _dtype_name(w.dtype)
        if dtype not in _DTYPE_BITS:
            raise ValueError(f"Invalid dtype: {dtype}")
        bits += math.prod(w.shape) * _DTYPE_BITS[dtype]
    return bits / 8


def readable_memory_size(weight_memory_size: float) -> str:
    """Formats a size in bytes with base-1024 units, e.g. `"136.04 KB"`."""
    units = ["B", "KB", "MB", "GB", "TB", "PB"]
    for unit in units:
        if weight_memory_size / 1024 < 1:
            return f"{weight_memory_size:.2f} {unit}"
        weight_memory_size /= 1024
    return f"{weight_memory_size:.2f} {units[-1]}"


def _is_shape(value: Any) -> bool:
    return isinstance(value, tuple | list) and all(
        d is None or isinstance(d, int) or hasattr(d, "__index__") for d in value
    )


def _format_structure(value: Any) -> Any:
    if _is_shape(value):
        # Keras quirk: a rank-1 shape prints as `(None)`, not `(None,)`.
        return f"({', '.join(str(d) for d in value)})"
    if isinstance(value, dict):
        return {k: _format_structure(v) for k, v in value.items()}
    return type(value)(_format_structure(v) for v in value)


def _flatten(value: Any) -> list[Any]:
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value
    return [leaf for item in items for leaf in _flatten(item)]


def format_output_shape(shape: Any) -> str:
    """`(None, 26, 26, 32)` for a shape, `?` when unknown, a nested form else."""
    if shape is None:
        return "?"
    formatted = _format_structure(shape)
    flat = _flatten(formatted)
    if len(flat) == 1:
        return flat[0]
    return str(formatted).replace("'", "")


def _column_spec(
    sequential_like: bool, show_trainable: bool, positions: Sequence[float] | None
) -> tuple[list[str], list[str], int, list[float]]:
    """Headers, justification, default line length and positions (as Keras)."""
    if sequential_like:
        default_length = 88
        positions = list(positions or [0.45, 0.80, 1.0])
        header = ["Layer (type)", "Output Shape", "Param #"]
        justify = ["left", "left", "right"]
    else:
        default_length = 108
        positions = list(positions or [0.3, 0.56, 0.74, 1.0])
        header = ["Layer (type)", "Output Shape", "Param #", "Connected to"]
        justify = ["left", "left", "right", "left"]
    if show_trainable:
        default_length += 12
        positions = [p * 0.90 for p in positions] + [1.0]
        header.append("Trainable")
        justify.append("center")
    return header, justify, default_length, positions


def _column_widths(positions: Sequence[float], line_length: int) -> list[int]:
    widths = []
    current = 0
    for pos in positions:
        width = int(pos * line_length) - current
        if width < 4:
            raise ValueError("Insufficient console width to print summary.")
        widths.append(width)
        current += width
    return widths


def _connections(layer: Any) -> str:
    """The "Connected to" cell: `layer._summary_connections` (`"dense[0][0]"`...)."""
    connections = getattr(layer, "_summary_connections", None)
    if isinstance(connections, str):
        return connections or "-"
    return ", ".join(connections or ()) or "-"


def _layer_fields(
    layer: Any, prefix: str, sequential_like: bool, show_trainable: bool
) -> list[str]:
    name = f"{prefix}{layer.name} ({type(layer).__name__})"
    shape = format_output_shape(getattr(layer, "_summary_output_shape", None))
    if not hasattr(layer, "built"):
        params = "0"
    elif not layer.built:
        params = "0 (unbuilt)"
    else:
        params = f"{layer.count_params():,}"
    fields = [name, shape, params]
    if not sequential_like:
        fields.append(_connections(layer))
    if show_trainable:
        if len(getattr(layer, "weights", ())) > 0:
            fields.append("Y" if layer.trainable else "N")
        else:
            fields.append("-")
    return fields


def _layer_rows(
    layer: Any,
    sequential_like: bool,
    show_trainable: bool,
    expand_nested: bool,
    nested_level: int = 0,
) -> list[list[str]]:
    prefix = "   " * nested_level + "└ " if nested_level else ""
    rows = [_layer_fields(layer, prefix, sequential_like, show_trainable)]
    if expand_nested and getattr(layer, "layers", None):
        for sublayer in layer.layers:
            rows.extend(
                _layer_rows(
                    sublayer,
                    sequential_like,
                    show_trainable,
                    expand_nested,
                    nested_level + 1,
                )
            )
    return rows


def _footer(model: Any) -> list[str]:
    trainable = list(model.trainable_weights)
    non_trainable = list(model.non_trainable_weights)
    optimizer = getattr(model, "optimizer", None)
    compiled = getattr(model, "compiled", optimizer is not None)
    counts = [
        ("Trainable", count_params(trainable), weight_memory_size(trainable)),
        (
            "Non-trainable",
            count_params(non_trainable),
            weight_memory_size(non_trainable),
        ),
    ]
    # Keras counts the optimizer's variables (and adds them to the total)
    # only once the optimizer is built, i.e. after the first training step.
    if compiled and optimizer is not None and getattr(optimizer, "built", False):
        variables = list(optimizer.variables)
        counts.append(
            ("Optimizer", count_params(variables), weight_memory_size(variables))
        )
    total = sum(c for _, c, _ in counts), sum(s for _, _, s in counts)
    lines = []
    for label, count, size in [("Total", *total), *counts]:
        lines.append(f" {label} params: {count:,} ({readable_memory_size(size)})")
    return lines


def print_summary(
    model: Any,
    line_length: int | None = None,
    positions: Sequence[float] | None = None,
    print_fn: Callable[..., Any] | None = None,
    expand_nested: bool = False,
    show_trainable: bool = False,
    layer_range: Sequence[str] | None = None,
) -> None:
    """Prints a summary of a model.

    The text is what Keras 3 prints when stdout is not a terminal: a table of
    the layers (name and class, output shape, parameter count), then the
    parameter totals with their memory size.

    Args:
        model: Keras model instance.
        line_length: Total length of printed lines (e.g. set this to adapt the
            display to different terminal window sizes).
        positions: Relative positions of the right edge of each column in each
            line. Defaults to `[0.45, 0.80, 1.0]` for sequential-like models.
        print_fn: Print function to use. It is called once with the whole
            summary (a string of lines, each ending in a newline), as in
            Keras 3. Defaults to writing to stdout.
        expand_nested: Whether to expand the nested models.
        show_trainable: Whether to show if a layer is trainable.
        layer_range: List or tuple of two strings, the starting and ending
            layer names (both inclusive, may be regexes) of the layers to show.
            By default all layers are shown.
    """
    sequential_like = getattr(model, "_is_sequential_like", True)
    header, justify, default_length, positions = _column_spec(
        sequential_like, show_trainable, positions
    )
    # Keras caps the default width to the terminal (80 columns when stdout is
    # not a TTY and `COLUMNS` is unset, giving 76).
    default_length = min(default_length, shutil.get_terminal_size().columns - 4)
    line_length = line_length or default_length
    widths = _column_widths(positions, line_length)

    layers = list(model.layers)
    start, stop = get_layer_index_bound_by_layer_name(layers, layer_range)
    rows = []
    for layer in layers[start:stop]:
        rows.extend(_layer_rows(layer, sequential_like, show_trainable, expand_nested))

    console_width = text_table.console_width()
    lines = text_table.wrap_plain(f'Model: "{model.name}"', console_width)
    lines += text_table.render_table(header, justify, widths, rows, line_length)
    for line in _footer(model):
        lines += text_table.wrap_plain(line, console_width)
    # Like rich's `Console.print`, every line is cropped to the console width.
    text = "".join(f"{line[:console_width]}\n" for line in lines)
    if print_fn is not None:
        print_fn(text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def get_layer_index_bound_by_layer_name(
    layers: Sequence[Any], layer_range: Sequence[str] | None = None
) -> list[int]:
    """`[first, last + 1]` indices of the layers named by `layer_range`.

    Args:
        layers: The model's layers.
        layer_range: Two strings (regexes), the first and last layer names to
            include; `None` selects all layers.

    Returns:
        The start and stop indices, for slicing `layers`.
    """
    if layer_range is None:
        return [0, len(layers)]
    if len(layer_range) != 2:
        raise ValueError(
            "layer_range must be a list or tuple of length 2. Received: "
            f"layer_range = {layer_range} of length {len(layer_range)}"
        )
    if not all(isinstance(name, str) for name in layer_range):
        raise ValueError(
            f"layer_range should contain string type only. Received: {layer_range}"
        )
    names = [layer.name for layer in layers]
    lower = [i for i, name in enumerate(names) if re.match(layer_range[0], name)]
    upper = [i for i, name in enumerate(names) if re.match(layer_range[1], name)]
    if not lower or not upper:
        raise ValueError(
            "Passed layer_names do not match the layer names in the model. "
            f"Received: {layer_range}"
        )
    if min(lower) > max(upper):
        return [min(upper), max(lower) + 1]
    return [min(lower), max(upper) + 1]
