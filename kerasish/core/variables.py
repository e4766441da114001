"""`Variable`: a named handle whose value is a tree leaf inside a pure call."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from kerasish.core import autocast, naming, scope
from kerasish.core.concrete import concrete_values


class Variable:
    """A Keras variable: a named, typed handle on an array.

    Outside a pure call it holds a concrete value. Inside one (`model.apply`,
    the jitted train step) reading it gives the tree leaf bound to it, and
    `assign` records the new value in the scope instead of mutating anything.

    Args:
        initializer: An array, or a callable `(shape, dtype) -> array`.
        shape: The shape (needed when `initializer` is a callable).
        dtype: The dtype; defaults to `floatx()`.
        trainable: Whether the optimizer updates this variable.
        name: The variable's name, e.g. `"kernel"`.
        autocast: Whether reads inside a mixed-precision layer's `call` cast
            the (float) value to the layer's compute dtype.
    """

    # The `keras.distribution.TensorLayout` fixed at creation (None outside a
    # distribution); `assign` keeps new values laid out by it.
    _layout: Any = None

    def __init__(
        self,
        initializer: Any,
        shape: tuple[int, ...] | None = None,
        dtype: Any = None,
        trainable: bool = True,
        name: str | None = None,
        regularizer: Callable | None = None,
        constraint: Callable | None = None,
        path: str | None = None,
        autocast: bool = True,
    ) -> None:
        from kerasish.backend import config

        self.name = name or naming.auto_name("Variable")
        self.path = path or self.name
        self.trainable = trainable
        self.autocast = autocast
        self.regularizer = regularizer
        self.constraint = constraint
        self.initializer = initializer if callable(initializer) else None
        dtype = jnp.dtype(
            dtype or getattr(initializer, "dtype", None) or config.floatx()
        )
        if callable(initializer):
            if shape is None:
                raise ValueError(
                    "When creating a Variable from a callable initializer, the "
                    f"`shape` argument must be specified. Received: shape={shape}"
                )
            # Initial values are concrete even if the first build happens while
            # JAX traces (a sub-layer built inside its parent's `call`).
            with concrete_values():
                value = initializer(tuple(shape), dtype=dtype)
        else:
            value = initializer
        self._value = jnp.asarray(value, dtype=dtype)
        if shape is not None and tuple(self._value.shape) != tuple(shape):
            raise ValueError(
                f"Initial value for variable '{self.name}' has shape "
                f"{self._value.shape}, expected {tuple(shape)}."
            )
        from kerasish.distribution import placement

        self._layout, self._value = placement.place_new_variable(self, self._value)

    @property
    def value(self) -> jax.Array:
        """The current value: the bound leaf inside a pure call, else the stored one."""
        owner = scope.find(id(self))
        if owner is None:
            value = self._value
        else:
            value = owner.updates.get(id(self), owner.values[id(self)])
        dtype = autocast.current_dtype()
        if dtype is not None and self.autocast and value.dtype != dtype:
            if jnp.issubdtype(value.dtype, jnp.floating):
                return value.astype(dtype)
        return value

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(self._value.shape)

    @property
    def dtype(self) -> str:
        return str(self._value.dtype)

    @property
    def ndim(self) -> int:
        return self._value.ndim

    def numpy(self) -> np.ndarray:
        return np.asarray(self.value)

    def assign(self, value: Any) -> Variable:
        """Sets a new value (recorded in the scope when inside a pure call)."""
        value = unwrap(value)
        if not (
            isinstance(value, jax.Array)
            and value.dtype == self._value.dtype
            and value.shape == self._value.shape
        ):
            value = self._checked(value)
        owner = scope.find(id(self))
        current = scope.current_scope()
        if owner is None and current is not None and current.kind == "symbolic":
            owner = current
            owner.values[id(self)] = value
        if owner is not None:
            owner.updates[id(self)] = value
        elif self._layout is not None:
            from kerasish.distribution import placement

            self._value = placement.place_value(value, self._layout)
        else:
            self._value = value
        return self

    def _checked(self, value: Any) -> jax.Array:
        if tuple(jnp.shape(value)) != self.shape:
            raise ValueError(
                "The shape of the target variable and the shape of the target "
                f"value in `variable.assign(value)` must match. "
                f"variable.shape={self.shape}, Received: value.shape="
                f"{tuple(jnp.shape(value))}. Target variable: {self.path}"
            )
        return jnp.asarray(value, dtype=self._value.dtype)

    def assign_add(self, value: Any) -> Variable:
        return self.assign(self._raw_value() + unwrap(value))

    def assign_sub(self, value: Any) -> Variable:
        return self.assign(self._raw_value() - unwrap(value))

    def _raw_value(self) -> jax.Array:
        with autocast.autocast(None):
            return self.value

    def __jax_array__(self) -> jax.Array:
        return self.value

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        del copy
        return np.asarray(self.value, dtype=dtype)

    def __repr__(self) -> str:
        return (
            f"<Variable path={self.path}, shape={self.shape}, dtype={self.dtype}, "
            f"value={np.asarray(self._value)}>"
        )

    # Comparisons are elementwise, as in Keras; identity stays the hash.
    __hash__ = object.__hash__

    def __len__(self) -> int:
        return self.shape[0]

    def __getitem__(self, idx: Any) -> jax.Array:
        return self.value[unwrap(idx)]

    def __bool__(self) -> bool:
        return bool(self.value)

    def __float__(self) -> float:
        return float(self.value)

    def __int__(self) -> int:
        return int(self.value)

    def __neg__(self) -> jax.Array:
        return -self.value

    def __pos__(self) -> jax.Array:
        return self.value

    def __abs__(self) -> jax.Array:
        return jnp.abs(self.value)

    def __invert__(self) -> jax.Array:
        return ~self.value


def _binary(op: Callable, reflected: bool = False) -> Callable:
    def method(self: Variable, other: Any) -> jax.Array:
        other = unwrap(other)
        return op(other, self.value) if reflected else op(self.value, other)

    return method


for _name, _op in {
    "add": jnp.add,
    "sub": jnp.subtract,
    "mul": jnp.multiply,
    "truediv": jnp.true_divide,
    "floordiv": jnp.floor_divide,
    "mod": jnp.mod,
    "pow": jnp.power,
    "matmul": jnp.matmul,
    "and": jnp.logical_and,
    "or": jnp.logical_or,
    "xor": jnp.logical_xor,
}.items():
    setattr(Variable, f"__{_name}__", _binary(_op))
    setattr(Variable, f"__r{_name}__", _binary(_op, reflected=True))
for _name, _op in {
    "eq": jnp.equal,
    "ne": jnp.not_equal,
    "lt": jnp.less,
    "le": jnp.less_equal,
    "gt": jnp.greater,
    "ge": jnp.greater_equal,
}.items():
    setattr(Variable, f"__{_name}__", _binary(_op))


def unwrap(x: Any) -> Any:
    """Replaces a `Variable` by its current value; leaves anything else as is."""
    return x.value if isinstance(x, Variable) else x
