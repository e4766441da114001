"""`plot_model` / `model_to_dot`: a model's layer graph as Graphviz dot (via pydot)."""

from __future__ import annotations

import os
import sys
from typing import Any

import jax


def _import_pydot() -> Any:
    """`pydot` (or its older forks `pydot_ng`, `pydotplus`), else None."""
    for name in ("pydot", "pydot_ng", "pydotplus"):
        try:
            return __import__(name)
        except ImportError:
            continue
    return None


def check_pydot() -> bool:
    """Returns True if PyDot is available."""
    return _import_pydot() is not None


def check_graphviz() -> bool:
    """Returns True if both PyDot and Graphviz (the `dot` program) are available."""
    pydot = _import_pydot()
    if pydot is None:
        return False
    try:
        # Rendering a blank graph checks the Graphviz installation.
        pydot.Dot.create(pydot.Dot())
        return True
    except (OSError, pydot.PydotException):
        return False


def add_edge(dot: Any, src: Any, dst: Any) -> None:
    """Adds a `src -> dst` edge (once) between two layers' nodes."""
    pydot = _import_pydot()
    src_id, dst_id = str(id(src)), str(id(dst))
    if not dot.get_edge(src_id, dst_id):
        edge = pydot.Edge(src_id, dst_id)
        edge.set("penwidth", "2")
        dot.add_edge(edge)


def get_layer_activation_name(layer: Any) -> str:
    activation = layer.activation
    if hasattr(activation, "name"):
        return activation.name
    if hasattr(activation, "__name__"):
        return activation.__name__
    return str(activation)


def _map_tensors(fn: Any, structure: Any) -> Any:
    return jax.tree_util.tree_map(
        fn, structure, is_leaf=lambda x: hasattr(x, "shape") and hasattr(x, "dtype")
    )


def _shapes_of(layer: Any, attribute: str) -> Any:
    try:
        return _map_tensors(lambda x: x.shape, getattr(layer, attribute))
    except (ValueError, AttributeError):
        return None


def _format_shape(shape: Any) -> str:
    if shape is None:
        return "?"
    if isinstance(shape, dict):
        text = ", ".join(f"{k}: {v}" for k, v in shape.items())
    else:
        text = f"{shape}"
    return text.replace("}", "").replace("{", "")


def _td(text: str, color: str = "white", font: str = "") -> str:
    return f'<td bgcolor="{color}"><font point-size="14"{font}>{text}</font></td>'


def _shape_and_dtype_cells(layer: Any, show_shapes: bool, show_dtype: bool) -> list:
    cells = []
    if show_shapes:
        # Read apart: an InputLayer here has an output but no recorded input.
        input_shape = _shapes_of(layer, "input")
        output_shape = _shapes_of(layer, "output")
        if layer.__class__.__name__ != "InputLayer":
            cells.append(_td(f"Input shape: <b>{_format_shape(input_shape)}</b>"))
        cells.append(_td(f"Output shape: <b>{_format_shape(output_shape)}</b>"))
    if show_dtype:
        dtype = None
        try:
            dtype = _map_tensors(lambda x: str(x.dtype), layer.output)
        except (ValueError, AttributeError):
            pass
        cells.append(_td(f"Output dtype: <b>{dtype or '?'}</b>"))
    return cells


def make_layer_label(layer: Any, **kwargs: Any) -> str:
    """The HTML-like table label Keras draws for a layer."""
    class_name = layer.__class__.__name__
    show_layer_names = kwargs.pop("show_layer_names")
    show_layer_activations = kwargs.pop("show_layer_activations")
    show_dtype = kwargs.pop("show_dtype")
    show_shapes = kwargs.pop("show_shapes")
    show_trainable = kwargs.pop("show_trainable")
    if kwargs:
        raise ValueError(f"Invalid kwargs: {kwargs}")
    colspan = max(1, int(show_dtype) + int(show_trainable) + 2 * int(show_shapes))
    title = (
        f"<b>{layer.name}</b> ({class_name})"
        if show_layer_names
        else (f"<b>{class_name}</b>")
    )
    table = '<<table border="0" cellborder="1" bgcolor="black" cellpadding="10">'
    table += (
        f'<tr><td colspan="{colspan}" bgcolor="black">'
        f'<font point-size="16" color="white">{title}</font></td></tr>'
    )
    if show_layer_activations and getattr(layer, "activation", None) is not None:
        table += (
            f'<tr><td bgcolor="white" colspan="{colspan}"><font point-size="14">'
            f"Activation: <b>{get_layer_activation_name(layer)}</b></font></td></tr>"
        )
    cells = _shape_and_dtype_cells(layer, show_shapes, show_dtype)
    if show_trainable and hasattr(layer, "trainable") and layer.weights:
        if layer.trainable:
            cells.append(_td("<b>Trainable</b>", "forestgreen", ' color="white"'))
        else:
            cells.append(_td("<b>Non-trainable</b>", "firebrick", ' color="white"'))
    if cells:
        table += f"<tr>{''.join(cells)}</tr>"
    return table + "</table>>"


def make_node(layer: Any, **kwargs: Any) -> Any:
    node = _import_pydot().Node(str(id(layer)), label=make_layer_label(layer, **kwargs))
    node.set("fontname", "Helvetica")
    node.set("border", "0")
    node.set("margin", "0")
    return node


def _is_nested_model(layer: Any) -> bool:
    from kerasish.models.functional import Functional
    from kerasish.models.sequential import Sequential

    return isinstance(layer, Functional | Sequential)


def _new_graph(model: Any, subgraph: bool, rankdir: str, dpi: int, splines: str) -> Any:
    pydot = _import_pydot()
    if subgraph:
        dot = pydot.Cluster(style="dashed", graph_name=model.name)
        dot.set("label", model.name)
        dot.set("labeljust", "l")
        return dot
    dot = pydot.Dot()
    dot.set("rankdir", rankdir)
    dot.set("concentrate", True)
    dot.set("dpi", dpi)
    dot.set("splines", splines)
    dot.set_node_defaults(shape="record")
    return dot


def model_to_dot(
    model: Any,
    show_shapes: bool = False,
    show_dtype: bool = False,
    show_layer_names: bool = True,
    rankdir: str = "TB",
    expand_nested: bool = False,
    dpi: int = 200,
    subgraph: bool = False,
    show_layer_activations: bool = False,
    show_trainable: bool = False,
    splines: str = "ortho",
    **kwargs: Any,
) -> Any:
    """Convert a Keras model to dot format.

    Needs `pydot` (`pip install kerasish[plot]`); building the dot graph does
    not need the Graphviz programs, rendering it (`plot_model`) does.

    Args:
        model: A Keras model instance.
        show_shapes: whether to display shape information.
        show_dtype: whether to display layer dtypes.
        show_layer_names: whether to display layer names.
        rankdir: `rankdir` argument passed to PyDot: `"TB"` creates a vertical
            plot; `"LR"` creates a horizontal plot.
        expand_nested: whether to expand nested Functional models into
            clusters.
        dpi: Image resolution in dots per inch.
        subgraph: whether to return a `pydot.Cluster` instance.
        show_layer_activations: Display layer activations (only for layers
            that have an `activation` property).
        show_trainable: whether to display if a layer is trainable.
        splines: Controls how edges are drawn: `"ortho"` (right-angle lines),
            `"curved"`, `"polyline"`, `"spline"` or `"line"`.

    Returns:
        A `pydot.Dot` instance representing the model, or a `pydot.Cluster`
        for a nested model when `subgraph=True`.

    Raises:
        ValueError: if the model is not built, or for unknown keyword
            arguments.
        ImportError: if pydot is not installed.
    """
    from kerasish.models.functional import Functional
    from kerasish.models.sequential import Sequential

    if not model.built:
        raise ValueError(
            "This model has not yet been built. "
            "Build the model first by calling `build()` or by calling "
            "the model on a batch of data."
        )
    if not check_pydot():
        raise ImportError(
            "You must install pydot (`pip install pydot`) for model_to_dot to work."
        )
    dot = _new_graph(model, subgraph, rankdir, dpi, splines)
    if kwargs.pop("layer_range", None) is not None:
        raise ValueError("Argument `layer_range` is no longer supported.")
    if kwargs:
        raise ValueError(f"Unrecognized keyword arguments: {kwargs}")
    options = {
        "show_layer_names": show_layer_names,
        "show_layer_activations": show_layer_activations,
        "show_dtype": show_dtype,
        "show_shapes": show_shapes,
        "show_trainable": show_trainable,
    }
    if isinstance(model, Sequential):
        layers = model.layers
    elif not isinstance(model, Functional):
        # A subclassed model is drawn as a single node.
        dot.add_node(make_node(model, **options))
        return dot
    else:
        layers = model._layers  # Keras' `_operations`: InputLayers and ops too
    for layer in layers:
        if expand_nested and _is_nested_model(layer):
            dot.add_subgraph(
                model_to_dot(
                    layer, show_shapes, show_dtype, show_layer_names, rankdir,
                    expand_nested, subgraph=True,
                    show_layer_activations=show_layer_activations,
                    show_trainable=show_trainable,
                )
            )  # fmt: skip
        else:
            dot.add_node(make_node(layer, **options))
    if isinstance(model, Sequential):
        if not expand_nested:
            for src, dst in zip(layers[:-1], layers[1:], strict=True):
                add_edge(dot, src, dst)
            return dot
        # The InputLayer is not drawn for a Sequential: the edge into its first
        # layer comes from the enclosing model.
        layers = model.layers[1:]
    _add_graph_edges(dot, model, layers, expand_nested)
    return dot


def _add_graph_edges(dot: Any, model: Any, layers: list, expand_nested: bool) -> None:
    """Edges from each input tensor's producer to the layer consuming it."""
    from kerasish.models.functional import Functional

    own_nodes = {id(n) for n in model._nodes} if isinstance(model, Functional) else None
    for layer in layers:
        for node in layer.__dict__.get("_inbound_nodes", []):
            if own_nodes is not None and id(node) not in own_nodes:
                continue
            for input_index, tensor in enumerate(node.input_tensors):
                history = tensor._keras_history
                if history is None or history[0] is None:
                    continue
                source, _, output_index = history
                destination = layer
                if expand_nested:
                    source = _innermost_source(source, output_index)
                    destination = _innermost_destination(destination, input_index)
                add_edge(dot, source, destination)


def _innermost_source(source: Any, output_index: int) -> Any:
    """The real layer inside nested models that produces their output."""
    while _is_nested_model(source):
        source, _, output_index = source.outputs[output_index]._keras_history
    return source


def _innermost_destination(destination: Any, input_index: int) -> Any:
    """The real layer inside nested models that receives their input."""
    from kerasish.models.functional import Functional

    while _is_nested_model(destination):
        if isinstance(destination, Functional):
            destination = destination.inputs[input_index]._keras_history[0]
        else:
            destination = destination.layers[0]
    return destination


def _missing(message: str) -> None:
    """Keras prints instead of raising inside IPython, so notebooks go on."""
    if "IPython.core.magics.namespace" in sys.modules:
        sys.stdout.write(message + "\n")
        return
    raise ImportError(message)


def plot_model(
    model: Any,
    to_file: str = "model.png",
    show_shapes: bool = False,
    show_dtype: bool = False,
    show_layer_names: bool = False,
    rankdir: str = "TB",
    expand_nested: bool = False,
    dpi: int = 200,
    show_layer_activations: bool = False,
    show_trainable: bool = False,
    splines: str = "ortho",
    **kwargs: Any,
) -> Any:
    """Converts a Keras model to dot format and save to a file.

    Needs `pydot` (`pip install kerasish[plot]`) and the Graphviz programs
    (https://graphviz.gitlab.io/download/). Without them it raises Keras'
    ImportError (inside IPython it prints the message and returns None).

    Args:
        model: A Keras model instance.
        to_file: File name of the plot image; its extension picks the format
            (`png` when there is none).
        show_shapes: whether to display shape information.
        show_dtype: whether to display layer dtypes.
        show_layer_names: whether to display layer names.
        rankdir: `"TB"` creates a vertical plot; `"LR"` a horizontal one.
        expand_nested: whether to expand nested Functional models into
            clusters.
        dpi: Image resolution in dots per inch.
        show_layer_activations: Display layer activations (only for layers
            that have an `activation` property).
        show_trainable: whether to display if a layer is trainable.
        splines: Controls how edges are drawn (`"ortho"`, `"curved"`,
            `"polyline"`, `"spline"`, `"line"`).

    Returns:
        A Jupyter notebook Image object if IPython is installed (not for
        PDF files), else None.

    Example:

    ```python
    keras.utils.plot_model(model, to_file="/tmp/model.png", show_shapes=True)
    ```
    """
    if not model.built:
        raise ValueError(
            "This model has not yet been built. "
            "Build the model first by calling `build()` or by calling "
            "the model on a batch of data."
        )
    if not check_pydot():
        return _missing(
            "You must install pydot (`pip install pydot`) for `plot_model` to work."
        )
    if not check_graphviz():
        return _missing(
            "You must install graphviz "
            "(see instructions at https://graphviz.gitlab.io/download/) "
            "for `plot_model` to work."
        )
    if kwargs.pop("layer_range", None) is not None:
        raise ValueError("Argument `layer_range` is no longer supported.")
    if kwargs:
        raise ValueError(f"Unrecognized keyword arguments: {kwargs}")
    dot = model_to_dot(
        model,
        show_shapes=show_shapes,
        show_dtype=show_dtype,
        show_layer_names=show_layer_names,
        rankdir=rankdir,
        expand_nested=expand_nested,
        dpi=dpi,
        show_layer_activations=show_layer_activations,
        show_trainable=show_trainable,
        splines=splines,
    )
    to_file = str(to_file)
    extension = os.path.splitext(to_file)[1][1:] or "png"
    dot.write(to_file, format=extension)
    if extension != "pdf":
        try:
            from IPython import display

            return display.Image(filename=to_file)
        except ImportError:
            pass
    return None
