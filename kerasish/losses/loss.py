"""`Loss` base class and the Keras reductions (`sum_over_batch_size`, ...)."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.backend import config
from kerasish.core import naming
from kerasish.core.masking import get_keras_mask
from kerasish.core.variables import unwrap

REDUCTIONS = (
    "sum_over_batch_size",
    "sum",
    None,
    "none",
    "mean",
    "mean_with_sample_weight",
)


def standardize_dtype(dtype: Any) -> str:
    """Resolves a dtype or dtype-policy spelling to a compute dtype name."""
    if dtype is None:
        return config.floatx()
    dtype = getattr(dtype, "compute_dtype", dtype)
    if isinstance(dtype, str) and dtype.startswith("mixed_"):
        return "float16" if dtype == "mixed_float16" else "bfloat16"
    return jnp.dtype(dtype).name


def convert(x: Any, dtype: Any = None) -> jax.Array:
    """`ops.convert_to_tensor`: unwraps Variables, casts when `dtype` is given."""
    return jnp.asarray(unwrap(x), dtype=dtype)


def divide_no_nan(x: jax.Array, y: jax.Array) -> jax.Array:
    """`x / y`, with 0 wherever `y == 0`."""
    safe_y = jnp.where(y == 0, jnp.ones_like(y), y)
    return jnp.where(y == 0, jnp.zeros_like(x / safe_y), x / safe_y)


class Loss:
    """Loss base class.

    Subclass it and implement `call(y_true, y_pred)`, which returns per-sample
    loss values; `__call__` then applies `sample_weight`, any mask and the
    reduction. `__call__` is a pure function of its inputs (jittable).

    Args:
        name: Optional name for the loss instance.
        reduction: Type of reduction to apply to the loss. One of
            `"sum_over_batch_size"` (default), `"sum"`, `"mean"` (sum divided
            by the number of elements), `"mean_with_sample_weight"` (sum
            divided by the sum of the sample weights), `"none"` or `None`.
        dtype: The dtype of the loss's computations. Defaults to
            `keras.backend.floatx()`.

    Example:

    ```python
    class MeanSquaredError(Loss):
        def call(self, y_true, y_pred):
            return ops.mean(ops.square(y_pred - y_true), axis=-1)
    ```
    """

    def __init__(
        self,
        name: str | None = None,
        reduction: str | None = "sum_over_batch_size",
        dtype: Any = None,
    ) -> None:
        self.name = name or naming.auto_name(self.__class__.__name__)
        self.reduction = standardize_reduction(reduction)
        self._dtype = standardize_dtype(dtype)

    @property
    def dtype(self) -> str:
        return self._dtype

    def __call__(
        self, y_true: Any, y_pred: Any, sample_weight: Any = None
    ) -> jax.Array:
        in_mask = get_keras_mask(y_pred)
        y_pred = _convert_structure(y_pred, self.dtype)
        y_true = _convert_structure(y_true, self.dtype)
        losses = self.call(y_true, y_pred)
        out_mask = get_keras_mask(losses)
        if in_mask is not None and out_mask is not None:
            mask = jnp.logical_and(in_mask, out_mask)
        else:
            mask = in_mask if in_mask is not None else out_mask
        return reduce_weighted_values(
            losses,
            sample_weight=sample_weight,
            mask=mask,
            reduction=self.reduction,
            dtype=self.dtype,
        )

    def call(self, y_true: Any, y_pred: Any) -> jax.Array:
        """Per-sample loss values; implemented by subclasses."""
        raise NotImplementedError

    def get_config(self) -> dict[str, Any]:
        return {"name": self.name, "reduction": self.reduction}

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Loss:
        return cls(**config)


def _convert_structure(x: Any, dtype: str) -> Any:
    if isinstance(x, dict):
        return {k: _convert_structure(v, dtype) for k, v in x.items()}
    if isinstance(x, tuple):
        return tuple(_convert_structure(v, dtype) for v in x)
    return convert(x, dtype)


def standardize_reduction(reduction: str | None) -> str | None:
    """Validates a reduction name."""
    if reduction not in REDUCTIONS:
        raise ValueError(
            "Invalid value for argument `reduction`. "
            f"Expected one of {set(REDUCTIONS)}. Received: "
            f"reduction={reduction}"
        )
    return reduction


def squeeze_or_expand_to_same_rank(
    x1: jax.Array, x2: jax.Array, expand_rank_1: bool = True
) -> tuple[jax.Array, jax.Array]:
    """Squeezes or expands the last axis when the ranks differ by exactly one.

    As in Keras, a rank-1 partner of a `(..., 1)` array is expanded rather
    than the other squeezed (unless `expand_rank_1=False`).
    """
    x1_rank, x2_rank = x1.ndim, x2.ndim
    if x1_rank == x2_rank:
        return x1, x2
    if x1_rank == x2_rank + 1 and x1.shape[-1] == 1:
        if x2_rank == 1 and expand_rank_1:
            x2 = jnp.expand_dims(x2, axis=-1)
        else:
            x1 = jnp.squeeze(x1, axis=-1)
    if x2_rank == x1_rank + 1 and x2.shape[-1] == 1:
        if x1_rank == 1 and expand_rank_1:
            x1 = jnp.expand_dims(x1, axis=-1)
        else:
            x2 = jnp.squeeze(x2, axis=-1)
    return x1, x2


def reduce_values(
    values: jax.Array,
    sample_weight: jax.Array | None = None,
    reduction: str | None = "sum_over_batch_size",
) -> jax.Array:
    """Applies `reduction` to (already weighted) loss values."""
    if reduction in (None, "none") or values.shape in ((), (0,)):
        return values
    loss = jnp.sum(values)
    if reduction in ("sum_over_batch_size", "mean", "mean_with_sample_weight"):
        if reduction == "mean_with_sample_weight" and sample_weight is not None:
            divisor = jnp.sum(sample_weight).astype(loss.dtype)
        else:
            size = 1
            for dim in values.shape:
                size *= dim
            divisor = jnp.asarray(size, dtype=loss.dtype)
        loss = divide_no_nan(loss, divisor)
    return loss


def reduce_weighted_values(
    values: Any,
    sample_weight: Any = None,
    mask: Any = None,
    reduction: str | None = "sum_over_batch_size",
    dtype: Any = None,
) -> jax.Array:
    """Weights `values` by `sample_weight` and `mask`, then reduces them."""
    reduction = standardize_reduction(reduction)
    values = convert(values, dtype)
    if sample_weight is not None:
        sample_weight = convert(sample_weight, dtype)
    if mask is not None:
        mask = convert(mask, dtype)
    sample_weight = apply_mask(sample_weight, mask, values.dtype, reduction)
    if sample_weight is not None:
        sample_weight = sample_weight.astype(values.dtype)
        values, sample_weight = squeeze_or_expand_to_same_rank(values, sample_weight)
        values = values * sample_weight
    return reduce_values(values, sample_weight, reduction)


def apply_mask(
    sample_weight: jax.Array | None,
    mask: jax.Array | None,
    dtype: Any,
    reduction: str | None,
) -> jax.Array | None:
    """Merges a mask into the sample weights.

    For the averaging reductions, valid entries get weight `total / valid`, so
    that dividing by the number of elements divides by the valid ones.
    """
    if mask is None:
        return sample_weight
    if reduction in ("mean", "sum_over_batch_size"):
        total = jnp.asarray(mask.size, dtype=dtype)
        valid = jnp.sum(mask.astype(dtype))
        mask_weight = divide_no_nan(total, valid)
        float_mask = jnp.where(mask.astype(bool), mask_weight, jnp.zeros_like(total))
    else:
        float_mask = mask.astype(dtype)
    if sample_weight is None:
        return float_mask
    sample_weight = sample_weight.astype(dtype)
    float_mask, sample_weight = squeeze_or_expand_to_same_rank(
        float_mask, sample_weight
    )
    return sample_weight * float_mask
