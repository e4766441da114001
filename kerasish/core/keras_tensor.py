"""`KerasTensor`: a symbolic tensor (shape, dtype, producing layer)."""

from __future__ import annotations

from typing import Any

import jax.numpy as jnp


class KerasTensor:
    """A symbolic placeholder for a tensor: shape (None = unknown) and dtype.

    `keras.Input` returns one; calling a layer on one returns more, each
    remembering the layer call that produced it in `_keras_history`
    `(layer, node_index, tensor_index)`.
    """

    def __init__(
        self,
        shape: tuple,
        dtype: Any = "float32",
        name: str | None = None,
        keras_history: tuple | None = None,
    ) -> None:
        self.shape = tuple(None if d is None else int(d) for d in shape)
        self.dtype = str(jnp.dtype(dtype))
        self.name = name
        self._keras_history = keras_history

    @property
    def ndim(self) -> int:
        return len(self.shape)

    def __repr__(self) -> str:
        return (
            f"<KerasTensor shape={self.shape}, dtype={self.dtype}, "
            f"sparse=False, ragged=False, name={self.name}>"
        )


def is_keras_tensor(x: Any) -> bool:
    """True when `x` is a symbolic `KerasTensor`."""
    return isinstance(x, KerasTensor)
