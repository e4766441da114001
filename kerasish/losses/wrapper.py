"""`LossFunctionWrapper`: a `Loss` built from a per-sample loss function."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jax

from kerasish.losses.loss import Loss, squeeze_or_expand_to_same_rank
from kerasish.saving.serialization_lib import serialize_object


class LossFunctionWrapper(Loss):
    """Wraps a loss function `fn(y_true, y_pred, **kwargs)` into a `Loss`.

    `y_true` and `y_pred` are squeezed or expanded to the same rank first,
    then `fn` computes per-sample values and `Loss` reduces them.

    Args:
        fn: The loss function.
        reduction: Type of reduction (see `Loss`).
        name: Name of the loss instance.
        dtype: The dtype of the loss's computations.
        **kwargs: Keyword arguments passed on to `fn`.
    """

    def __init__(
        self,
        fn: Callable,
        reduction: str | None = "sum_over_batch_size",
        name: str | None = None,
        dtype: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(name=name, reduction=reduction, dtype=dtype)
        self.fn = fn
        self._fn_kwargs = kwargs

    def call(self, y_true: Any, y_pred: Any) -> jax.Array:
        if isinstance(y_true, dict) or isinstance(y_true, tuple):
            raise TypeError(
                "LossFunctionWrapper expects array targets. Received: "
                f"y_true of type {type(y_true)}"
            )
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        return self.fn(y_true, y_pred, **self._fn_kwargs)

    def get_config(self) -> dict[str, Any]:
        config = super().get_config()
        config["fn"] = serialize_object(self.fn, "keras.losses")
        config.update(serialize_object(self._fn_kwargs, "keras.losses"))
        return config

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> LossFunctionWrapper:
        from kerasish import losses

        config = dict(config)
        if "fn" in config and not callable(config["fn"]):
            config["fn"] = losses.deserialize(config["fn"])
        return cls(**config)

    def __repr__(self) -> str:
        return f"<LossFunctionWrapper({self.fn}, kwargs={self._fn_kwargs})>"
