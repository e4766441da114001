"""Keras' saveable tree: which object's state goes to which path of a weights file.

Keras 3 stores state by attribute path, not by layer name: it visits a model's
attributes (`dir()` order, private ones last, the `layers` list first for
Sequential and Functional models), recurses into layers and optimizers, and
names the members of a list or dict by snake_case class name (`dense`,
`dense_1`, ...) or `container`, `container_1`, .... An object reachable from
several places is stored once, at the first path. `saveable_entries` replays
that walk over kerasish objects; attributes of the base `Layer` (and
kerasish's own bookkeeping) are skipped, as Keras skips its base's.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kerasish.core import naming

# kerasish attributes standing for Keras internals that Keras' walk skips
# (`Sequential._stack` is Keras' `Sequential._layers`, which holds the
# InputLayer that `layers` leaves out).
_KERASISH_INTERNALS = {
    "Layer": {"_self_unconditional_dependency_names", "_predict_runners"},
    "Sequential": {"_functional", "_stack"},
    "Functional": {"operations", "_operations"},
}
_SKIPSETS: dict[str, frozenset] = {}


def is_saveable(obj: Any) -> bool:
    """Whether `obj` owns state in a weights file (a layer or an optimizer)."""
    from kerasish.layers.layer import Layer
    from kerasish.optimizers.base import Optimizer

    return isinstance(obj, Layer | Optimizer)


def obj_type(obj: Any) -> str:
    """Keras' `_obj_type()`: `"Sequential"`, `"Functional"`, `"Layer"` or
    `"Optimizer"`."""
    from kerasish.models.functional import Functional
    from kerasish.models.sequential import Sequential

    if isinstance(obj, Sequential):
        return "Sequential"
    if isinstance(obj, Functional):
        return "Functional"
    return "Optimizer" if not _is_layer(obj) else "Layer"


def _is_layer(obj: Any) -> bool:
    from kerasish.layers.layer import Layer

    return isinstance(obj, Layer)


def _skipset(kind: str) -> frozenset:
    if kind not in _SKIPSETS:
        from kerasish.layers.layer import Layer

        # An explicit name: no auto-name counter is consumed.
        names = set(dir(Layer(name="saving_skipset_reference")))
        names |= _KERASISH_INTERNALS["Layer"] | _KERASISH_INTERNALS.get(kind, set())
        _SKIPSETS[kind] = frozenset(names)
    return _SKIPSETS[kind]


def _name_key(name: str) -> str:
    """Private attributes are visited last (Keras' `_name_key`)."""
    return f"~{name}" if name.startswith("_") else name


def children(obj: Any) -> Iterator[tuple[str, Any]]:
    """`(attribute, value)` pairs Keras' `_walk_saveable` visits, in its order."""
    kind = obj_type(obj)
    if kind == "Optimizer":
        # Keras' walk reaches the one optimizer attribute that holds state of
        # its own: `LossScaleOptimizer.inner_optimizer`.
        inner = getattr(obj, "inner_optimizer", None)
        if inner is not None:
            yield "inner_optimizer", inner
        return
    if kind in ("Sequential", "Functional"):
        yield "layers", obj.layers
    skip = _skipset(kind)
    for attr in sorted(dir(obj), key=_name_key):
        if attr.startswith("__") or attr in skip:
            continue
        try:
            value = getattr(obj, attr)
        except Exception:  # noqa: BLE001 - Keras skips attributes that raise
            continue
        yield attr, value


def _join(path: str, name: str) -> str:
    return f"{path}/{name}" if path else name


def saveable_entries(root: Any, skip: Any = ()) -> list[tuple[str, Any]]:
    """Every saveable under `root` (itself first) with its path, in Keras' order.

    Args:
        root: A model, layer or optimizer.
        skip: Objects to leave out (Keras' `objects_to_skip`).

    Returns:
        `[(inner_path, obj), ...]`; the root's path is `""`.
    """
    visited = {id(o) for o in skip}
    entries: list[tuple[str, Any]] = []

    def visit(obj: Any, path: str) -> None:
        if id(obj) in visited:
            return
        visited.add(id(obj))
        entries.append((path, obj))
        for attr, child in children(obj):
            if is_saveable(child):
                visit(child, _join(path, attr))
            elif isinstance(child, list | dict | tuple):
                visit_container(child, _join(path, attr), set())

    def visit_container(container: Any, path: str, seen: set[int]) -> None:
        if id(container) in seen:
            return
        seen.add(id(container))
        used: dict[str, int] = {}
        items = list(container.values()) if isinstance(container, dict) else container
        for item in items:
            if is_saveable(item):
                name = _unique(naming.to_snake_case(type(item).__name__), used)
                visit(item, _join(path, name))
            elif isinstance(item, list | dict | tuple):
                visit_container(item, _join(path, _unique("container", used)), seen)

    visit(root, "")
    return entries


def _unique(name: str, used: dict[str, int]) -> str:
    """Keras' `_get_unique_name`: `dense`, `dense_1`, ... within one container."""
    if name in used:
        used[name] += 1
        return f"{name}_{used[name]}"
    used[name] = 0
    return name
