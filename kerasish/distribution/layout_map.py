"""`LayoutMap`: regex keys over variable paths to `TensorLayout`s."""

from __future__ import annotations

import collections
import re
from typing import Any

from kerasish.distribution.device_mesh import DeviceMesh, TensorLayout


class LayoutMap(collections.abc.MutableMapping):
    """A dict-like object that maps variable paths (as regexes) to layouts.

    Looking up a key first tries an exact match, then treats every stored key
    as a regex and `re.fullmatch`es it against the queried path. More than one
    matching key raises; no match gives `None` (the variable is replicated).
    Tuples of axis names are accepted as values and become `TensorLayout`s on
    this map's mesh.

    Args:
        device_mesh: The `keras.distribution.DeviceMesh` of the layouts.

    Example:

    >>> layout_map = keras.distribution.LayoutMap(mesh)
    >>> layout_map[".*dense.*kernel"] = (None, "model")
    >>> layout_map[".*dense.*bias"] = ("model",)
    >>> layout_map["sequential/dense_1/kernel"].axes
    (None, 'model')
    """

    def __init__(self, device_mesh: DeviceMesh) -> None:
        self._layout_map: collections.OrderedDict = collections.OrderedDict()
        self._device_mesh = device_mesh

    def __getitem__(self, key: str) -> TensorLayout | None:
        """The layout for path `key` (exact key first, then regex keys), or None."""
        if key in self._layout_map:
            return self._layout_map[key]
        matching_keys = self.matching_keys(key)
        if len(matching_keys) > 1:
            raise ValueError(
                f"Path '{key}' matches multiple layout "
                f"specification keys: {matching_keys}. Please make "
                "sure each tensor/variable path only matches at most "
                "one layout specification key in the LayoutMap."
            )
        if len(matching_keys) == 1:
            return self._layout_map[matching_keys[0]]
        return None

    def matching_keys(self, path: str) -> list[str]:
        """The stored keys whose regex fully matches `path`."""
        return [pattern for pattern in self._layout_map if re.fullmatch(pattern, path)]

    def __setitem__(self, key: str, layout: Any) -> None:
        if key in self._layout_map:
            raise ValueError(
                f"{key} already exist in the LayoutMap with "
                f"value {self._layout_map[key]}. Please make sure to "
                "not use duplicated keys."
            )
        if isinstance(layout, tuple):
            layout = TensorLayout(axes=layout, device_mesh=None)
        if not isinstance(layout, TensorLayout):
            raise ValueError(
                f"{layout} should be a TensorLayout type, got {type(layout)}"
            )
        if layout.device_mesh is None and self._device_mesh is not None:
            layout.device_mesh = self._device_mesh
        self._layout_map[key] = layout

    def __delitem__(self, key: str) -> TensorLayout:
        return self._layout_map.pop(key)

    def __len__(self) -> int:
        return len(self._layout_map)

    def __iter__(self) -> Any:
        return iter(self._layout_map)

    @property
    def device_mesh(self) -> DeviceMesh:
        return self._device_mesh
