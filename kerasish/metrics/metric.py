"""`Metric` base: Keras' stateful metric over `Variable`s, plus its pure face."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import jax
import jax.numpy as jnp

from kerasish.core import naming
from kerasish.core import scope as scope_lib
from kerasish.core.variables import Variable, unwrap
from kerasish.losses.loss import standardize_dtype


class Metric:
    """Encapsulates metric logic and state.

    State lives in non-trainable `Variable`s created with `add_variable` in
    `__init__`; `update_state` accumulates into them with `assign`/`assign_add`,
    and `result` reads them. The same code gives the pure (jittable) face:
    `stateless_update_state(values, ...)`, `stateless_result(values)` and
    `stateless_reset_state()` bind the variables to the given arrays in a
    scope, run the stateful methods, and return what they assigned.

    Args:
        dtype: The dtype of the metric's computations. Defaults to
            `keras.backend.floatx()`.
        name: Optional name for the metric instance.

    Example:

    ```python
    class BinaryTruePositives(keras.metrics.Metric):
        def __init__(self, name="binary_true_positives", **kwargs):
            super().__init__(name=name, **kwargs)
            self.true_positives = self.add_variable(
                shape=(), initializer="zeros", name="true_positives"
            )

        def update_state(self, y_true, y_pred, sample_weight=None):
            y_true = ops.cast(y_true, "bool")
            y_pred = ops.cast(y_pred, "bool")
            values = ops.cast(ops.logical_and(y_true, y_pred), self.dtype)
            self.true_positives.assign(self.true_positives + ops.sum(values))

        def result(self):
            return self.true_positives
    ```
    """

    def __init__(self, dtype: Any = None, name: str | None = None) -> None:
        self.name = name or naming.auto_name(self.__class__.__name__)
        self._dtype = standardize_dtype(dtype)
        self._metrics: list[Metric] = []
        self._variables: list[Variable] = []

    @property
    def dtype(self) -> str:
        return self._dtype

    @property
    def variables(self) -> list[Variable]:
        """This metric's state variables, then those of its sub-metrics."""
        variables = list(self._variables)
        for metric in self._metrics:
            variables.extend(metric.variables)
        return variables

    def add_variable(
        self,
        shape: Sequence[int],
        initializer: Any,
        dtype: Any = None,
        aggregation: str = "sum",
        name: str | None = None,
    ) -> Variable:
        """Creates a non-trainable state variable tracked by this metric."""
        self._check_super_called()
        del aggregation  # Only meaningful for distribution strategies.
        variable = Variable(
            _get_initializer(initializer),
            shape=tuple(shape),
            dtype=dtype,
            trainable=False,
            name=name,
            path=f"{self.name.replace('/', '>')}/{name or 'variable'}",
        )
        self._track(variable)
        return variable

    def add_weight(
        self,
        shape: Sequence[int] = (),
        initializer: Any = None,
        dtype: Any = None,
        name: str | None = None,
    ) -> Variable:
        """Backwards-compatible alias of `add_variable`."""
        return self.add_variable(
            shape=shape, initializer=initializer, dtype=dtype, name=name
        )

    def update_state(self, *args: Any, **kwargs: Any) -> None:
        """Accumulates statistics for the metric."""
        raise NotImplementedError

    def result(self) -> Any:
        """Computes the current metric value (a scalar or a dict of scalars)."""
        raise NotImplementedError

    def reset_state(self) -> None:
        """Resets every state variable to zeros."""
        for v in self.variables:
            v.assign(jnp.zeros(v.shape, dtype=v.dtype))

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self._check_super_called()
        self.update_state(*args, **kwargs)
        return self.result()

    def stateless_update_state(
        self, metric_variables: Sequence[Any], *args: Any, **kwargs: Any
    ) -> list[jax.Array]:
        """Pure `update_state`: new variable values from old ones (jittable)."""
        self._check_variable_list(metric_variables)
        with scope_lib.enter(self._bind(metric_variables)) as scope:
            self.update_state(*args, **kwargs)
        return self._collect(scope, metric_variables)

    def stateless_result(self, metric_variables: Sequence[Any]) -> Any:
        """Pure `result`: the metric value for the given variable values."""
        self._check_variable_list(metric_variables)
        with scope_lib.enter(self._bind(metric_variables)):
            # A `result` that returns a state variable must be read in the scope.
            return jax.tree_util.tree_map(
                unwrap, self.result(), is_leaf=lambda x: isinstance(x, Variable)
            )

    def stateless_reset_state(self) -> list[jax.Array]:
        """Pure `reset_state`: the initial variable values, as a list."""
        current = [v.value for v in self.variables]
        with scope_lib.enter(self._bind(current)) as scope:
            self.reset_state()
        return self._collect(scope, current)

    def get_config(self) -> dict[str, Any]:
        """Returns the serializable config of the metric."""
        return {"name": self.name, "dtype": self.dtype}

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Metric:
        return cls(**config)

    def __setattr__(self, name: str, value: Any) -> None:
        if "_variables" in self.__dict__:
            self._track(value)
        super().__setattr__(name, value)

    def __repr__(self) -> str:
        return f"<{self.__class__.__name__} name={self.name}>"

    def __str__(self) -> str:
        return self.__repr__()

    def _track(self, value: Any) -> None:
        if isinstance(value, Variable):
            if not any(value is v for v in self._variables):
                self._variables.append(value)
        elif isinstance(value, Metric):
            if not any(value is m for m in self._metrics):
                self._metrics.append(value)
        elif isinstance(value, (list, tuple)):
            for item in value:
                if isinstance(item, (Variable, Metric)):
                    self._track(item)

    def _bind(self, values: Sequence[Any]) -> scope_lib.Scope:
        return scope_lib.Scope(
            values={
                id(v): jnp.asarray(unwrap(x))
                for v, x in zip(self.variables, values, strict=True)
            }
        )

    def _collect(
        self, scope: scope_lib.Scope, values: Sequence[Any]
    ) -> list[jax.Array]:
        return [
            scope.updates.get(id(v), jnp.asarray(unwrap(x)))
            for v, x in zip(self.variables, values, strict=True)
        ]

    def _check_variable_list(self, metric_variables: Sequence[Any]) -> None:
        if len(metric_variables) != len(self.variables):
            raise ValueError(
                "Argument `metric_variables` must be a list of tensors "
                f"corresponding 1:1 to {self.__class__.__name__}().variables. "
                f"Received list with length {len(metric_variables)}, but "
                f"expected {len(self.variables)} variables."
            )

    def _check_super_called(self) -> None:
        if "_variables" not in self.__dict__:
            raise RuntimeError(
                "You forgot to call `super().__init__()` in the `__init__()` "
                "method. Go add it!"
            )


def _zeros(shape: tuple[int, ...], dtype: Any = None) -> jax.Array:
    return jnp.zeros(shape, dtype=dtype)


def _ones(shape: tuple[int, ...], dtype: Any = None) -> jax.Array:
    return jnp.ones(shape, dtype=dtype)


def _get_initializer(initializer: Any) -> Callable | Any:
    """Resolves `"zeros"`/`"ones"` locally, other names via `keras.initializers`."""
    if initializer is None or callable(initializer):
        return initializer if initializer is not None else _zeros
    if isinstance(initializer, str):
        key = initializer.lower()
        if key in ("zeros", "zero"):
            return _zeros
        if key in ("ones", "one"):
            return _ones
        from kerasish import initializers

        return initializers.get(initializer)
    return initializer
