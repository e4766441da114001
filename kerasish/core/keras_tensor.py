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


def _op(name: str, reflected: bool = False) -> Any:
    def method(self: KerasTensor, *args: Any) -> Any:
        from kerasish import ops

        fn = getattr(ops, name)
        return fn(args[0], self) if reflected else fn(self, *args)

    return method


for _dunder, _name in {
    "add": "add",
    "sub": "subtract",
    "mul": "multiply",
    "truediv": "divide",
    "floordiv": "floor_divide",
    "mod": "mod",
    "pow": "power",
    "matmul": "matmul",
}.items():
    setattr(KerasTensor, f"__{_dunder}__", _op(_name))
    setattr(KerasTensor, f"__r{_dunder}__", _op(_name, reflected=True))
for _dunder, _name in {
    "neg": "negative",
    "abs": "absolute",
    "getitem": "get_item",
    "lt": "less",
    "le": "less_equal",
    "gt": "greater",
    "ge": "greater_equal",
}.items():
    setattr(KerasTensor, f"__{_dunder}__", _op(_name))


def is_keras_tensor(x: Any) -> bool:
    """True when `x` is a symbolic `KerasTensor`."""
    return isinstance(x, KerasTensor)
