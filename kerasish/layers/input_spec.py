"""`InputSpec`: what a layer accepts, checked before each call."""

from __future__ import annotations

from typing import Any


class InputSpec:
    """Specifies the rank, dtype and shape of every input to a layer.

    Args:
        dtype: Expected dtype of the input.
        shape: Expected shape tuple (None for any size along an axis).
        ndim: Expected rank.
        max_ndim: Maximum rank.
        min_ndim: Minimum rank.
        axes: Dict mapping axes to an expected size.
        allow_last_axis_squeeze: Accepted for Keras compatibility.
        name: Expected name of the input.
    """

    def __init__(
        self,
        dtype: Any = None,
        shape: tuple | None = None,
        ndim: int | None = None,
        max_ndim: int | None = None,
        min_ndim: int | None = None,
        axes: dict[int, int] | None = None,
        allow_last_axis_squeeze: bool = False,
        name: str | None = None,
        optional: bool = False,
    ) -> None:
        self.dtype = dtype
        self.shape = tuple(shape) if shape is not None else None
        self.ndim = len(shape) if shape is not None else ndim
        self.max_ndim = max_ndim
        self.min_ndim = min_ndim
        self.axes = dict(axes or {})
        self.allow_last_axis_squeeze = allow_last_axis_squeeze
        self.name = name
        self.optional = optional

    def __repr__(self) -> str:
        fields = ("dtype", "shape", "ndim", "max_ndim", "min_ndim", "axes")
        parts = [f"{f}={getattr(self, f)}" for f in fields if getattr(self, f)]
        return f"InputSpec({', '.join(parts)})"

    def get_config(self) -> dict:
        return {
            "dtype": self.dtype,
            "shape": self.shape,
            "ndim": self.ndim,
            "max_ndim": self.max_ndim,
            "min_ndim": self.min_ndim,
            "axes": self.axes,
        }


def assert_input_compatibility(
    spec: InputSpec | None, shape: tuple, layer_name: str
) -> None:
    """Raises Keras' ValueError when an input of `shape` does not fit `spec`."""
    if spec is None or shape is None:
        return
    prefix = f'Input 0 of layer "{layer_name}" is incompatible with the layer: '
    ndim = len(shape)
    if spec.ndim is not None and ndim != spec.ndim:
        raise ValueError(
            f"{prefix}expected ndim={spec.ndim}, found ndim={ndim}. "
            f"Full shape received: {shape}"
        )
    if spec.max_ndim is not None and ndim > spec.max_ndim:
        raise ValueError(
            f"{prefix}expected max_ndim={spec.max_ndim}, found ndim={ndim}. "
            f"Full shape received: {shape}"
        )
    if spec.min_ndim is not None and ndim < spec.min_ndim:
        raise ValueError(
            f"{prefix}expected min_ndim={spec.min_ndim}, found ndim={ndim}. "
            f"Full shape received: {shape}"
        )
    for axis, value in spec.axes.items():
        if value is not None and shape[axis] not in (value, None):
            raise ValueError(
                f"{prefix}expected axis {axis} of input shape to have value "
                f"{value}, but received input with shape {shape}"
            )
    if spec.shape is not None:
        for expected, received in zip(spec.shape, shape, strict=False):
            if expected is not None and received is not None and expected != received:
                raise ValueError(
                    f"{prefix}expected shape={spec.shape}, found shape={shape}"
                )
