"""`Sum`, `Mean` and `MeanMetricWrapper`: weighted running reductions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jax
import jax.numpy as jnp

from kerasish.core.masking import get_keras_mask
from kerasish.losses.loss import (
    apply_mask,
    convert,
    divide_no_nan,
    squeeze_or_expand_to_same_rank,
)
from kerasish.metrics.metric import Metric
from kerasish.saving.serialization_lib import serialize_object


def reduce_to_samplewise_values(
    values: Any, sample_weight: Any, reduce_fn: Callable, dtype: Any
) -> tuple[jax.Array, jax.Array | None]:
    """Weights `values` and reduces them to one value per sample (Keras rules).

    Values are first reduced to the rank of `sample_weight`, then weighted;
    weights of rank > 1 are reduced over their non-batch axes with `reduce_fn`.
    """
    mask = get_keras_mask(values)
    values = convert(values, dtype)
    if sample_weight is not None:
        sample_weight = convert(sample_weight, dtype)
        if mask is not None:
            sample_weight = apply_mask(sample_weight, mask, dtype, reduction="sum")
        values, sample_weight = squeeze_or_expand_to_same_rank(values, sample_weight)
        weight_ndim = sample_weight.ndim
        if values.ndim > weight_ndim:
            values = reduce_fn(values, axis=tuple(range(weight_ndim, values.ndim)))
        # Broadcasting the weights changes the count taken from them below.
        sample_weight = jnp.broadcast_to(sample_weight, values.shape)
        values = values * sample_weight
        if weight_ndim > 1:
            sample_weight = reduce_fn(sample_weight, axis=tuple(range(1, weight_ndim)))
    if values.ndim > 1:
        values = reduce_fn(values, axis=tuple(range(1, values.ndim)))
    return values, sample_weight


class Sum(Metric):
    """Computes the (weighted) sum of the given values.

    Args:
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.

    Example:

    >>> m = keras.metrics.Sum()
    >>> m.update_state([1, 3, 5, 7])
    >>> m.result()
    16.0
    """

    def __init__(self, name: str = "sum", dtype: Any = None) -> None:
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable(
            shape=(), initializer="zeros", dtype=self.dtype, name="total"
        )

    def update_state(self, values: Any, sample_weight: Any = None) -> None:
        values, _ = reduce_to_samplewise_values(
            values, sample_weight, reduce_fn=jnp.sum, dtype=self.dtype
        )
        self.total.assign_add(jnp.sum(values))

    def reset_state(self) -> None:
        self.total.assign(0)

    def result(self) -> jax.Array:
        return self.total.value.astype(self.dtype)


class Mean(Metric):
    """Computes the (weighted) mean of the given values.

    `result = total / count`, where `count` is the number of samples, or the
    sum of the sample weights when `sample_weight` is given.

    Args:
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.

    Example:

    >>> m = keras.metrics.Mean()
    >>> m.update_state([1, 3, 5, 7], sample_weight=[1, 1, 0, 0])
    >>> m.result()
    2.0
    """

    def __init__(self, name: str = "mean", dtype: Any = None) -> None:
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable(
            shape=(), initializer="zeros", dtype=self.dtype, name="total"
        )
        self.count = self.add_variable(
            shape=(), initializer="zeros", dtype=self.dtype, name="count"
        )

    def update_state(self, values: Any, sample_weight: Any = None) -> None:
        values, sample_weight = reduce_to_samplewise_values(
            values, sample_weight, reduce_fn=jnp.mean, dtype=self.dtype
        )
        self.total.assign_add(jnp.sum(values))
        if sample_weight is not None:
            num_samples = jnp.sum(sample_weight)
        elif values.ndim >= 1:
            num_samples = values.shape[0]
        else:
            num_samples = 1
        self.count.assign_add(jnp.asarray(num_samples, dtype=self.dtype))

    def reset_state(self) -> None:
        self.total.assign(0)
        self.count.assign(0)

    def result(self) -> jax.Array:
        return divide_no_nan(self.total.value, self.count.value.astype(self.dtype))


class MeanMetricWrapper(Mean):
    """Wraps a per-sample function `fn(y_true, y_pred, **kwargs)` into a `Mean`.

    Args:
        fn: The metric function to wrap.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
        **kwargs: Keyword arguments passed on to `fn`.

    Example:

    ```python
    def mse(y_true, y_pred):
        return (y_true - y_pred) ** 2

    mse_metric = keras.metrics.MeanMetricWrapper(fn=mse)
    ```
    """

    def __init__(
        self, fn: Callable, name: str | None = None, dtype: Any = None, **kwargs: Any
    ) -> None:
        from kerasish import losses

        super().__init__(name=name, dtype=dtype)
        self._fn = fn
        self._fn_kwargs = kwargs
        # Wrapping a Keras loss (function or instance) means "lower is better".
        if _is_in(fn, losses.ALL_OBJECTS) or _is_in(type(fn), losses.ALL_OBJECTS):
            self._direction = "down"

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        mask = get_keras_mask(y_pred)
        values = self._fn(y_true, y_pred, **self._fn_kwargs)
        if mask is not None:
            if sample_weight is not None:
                sample_weight = convert(sample_weight, self.dtype)
            sample_weight = apply_mask(
                sample_weight, convert(mask, self.dtype), self.dtype, reduction="sum"
            )
        super().update_state(values, sample_weight=sample_weight)

    def get_config(self) -> dict[str, Any]:
        config = super().get_config()
        config["fn"] = serialize_object(self._fn, "keras.metrics")
        config.update(serialize_object(self._fn_kwargs, "keras.metrics"))
        return config

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> MeanMetricWrapper:
        from kerasish import metrics

        config = dict(config)
        if "fn" in config and not callable(config["fn"]):
            config["fn"] = metrics.deserialize(config["fn"])
        return cls(**config)


def _is_in(obj: Any, objects: set) -> bool:
    try:
        return obj in objects
    except TypeError:
        return False
