"""Leaf paths and Keras variable order for the parameter trees optimizers walk."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import jax


def _key_str(key: Any) -> str:
    for attr in ("key", "idx", "name"):
        if hasattr(key, attr):
            return str(getattr(key, attr))
    return str(key)


def path_str(path: Any) -> str:
    """`("dense", "kernel")` or a JAX key path -> `"dense/kernel"`."""
    if isinstance(path, str):
        return path
    return "/".join(_key_str(k) for k in path)


def leaf_paths(tree: Any) -> list[str]:
    """The `/`-joined path of every leaf of `tree`, in `jax.tree_util` leaf order."""
    flat, _ = jax.tree_util.tree_flatten_with_path(tree)
    return [path_str(path) for path, _ in flat]


def resolve_order(order: Sequence[Any] | None, paths: list[str]) -> list[int]:
    """Maps Keras positions to tree-leaf indices, given paths in Keras order."""
    if order is None:
        return list(range(len(paths)))
    index = {p: i for i, p in enumerate(paths)}
    wanted = [path_str(p) for p in order]
    if sorted(wanted) != sorted(paths):
        raise ValueError(
            "Argument `order` must list every leaf path of `params` exactly once. "
            f"Expected a permutation of {paths}. Received: order={list(order)}"
        )
    return [index[p] for p in wanted]


def permute(values: list[Any], order: list[int]) -> list[Any]:
    """Tree-leaf order -> Keras order."""
    return [values[i] for i in order]


def unpermute(values: list[Any], order: list[int]) -> list[Any]:
    """Keras order -> tree-leaf order."""
    out: list[Any] = [None] * len(order)
    for position, leaf in enumerate(order):
        out[leaf] = values[position]
    return out
