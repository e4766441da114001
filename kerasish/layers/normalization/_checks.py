"""Argument checks shared by the normalization layers."""

from __future__ import annotations

from typing import Any


def check_axes(layer: Any, axes: list, input_shape: tuple) -> None:
    """Raises Keras' `ValueError` when an axis is out of range for the input."""
    rank = len(input_shape)
    for axis in axes:
        if not isinstance(axis, int) or axis >= rank or axis < -rank:
            raise ValueError(
                f"Axis {axis} is out of bounds for input shape "
                f"{tuple(input_shape)} in layer '{layer.name}'. "
                f"Received: axis={layer.axis}"
            )
