"""Overlap losses for segmentation: `Dice` and `Tversky` (functions and classes)."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.backend import config
from kerasish.losses.loss import Loss, convert
from kerasish.losses.wrapper import LossFunctionWrapper

Axis = int | tuple[int, ...] | list[int] | None


def _axis(axis: Axis) -> int | tuple[int, ...] | None:
    return tuple(axis) if isinstance(axis, list) else axis


def dice(y_true: Any, y_pred: Any, axis: Axis = None) -> jax.Array:
    """Computes the Dice loss value between `y_true` and `y_pred`.

    Formula:

    ```python
    loss = 1 - (2 * sum(y_true * y_pred)) / (sum(y_true) + sum(y_pred))
    ```

    Args:
        y_true: Tensor of true targets.
        y_pred: Tensor of predicted targets.
        axis: Tuple of the dimensions the loss is calculated over. Defaults to
            `None` (all of them: the loss is a scalar).

    Returns:
        Dice loss value.

    Example:

    >>> y_true = [[[[1.0], [1.0]], [[0.0], [0.0]]],
    ...           [[[1.0], [1.0]], [[0.0], [0.0]]]]
    >>> y_pred = [[[[0.0], [1.0]], [[0.0], [1.0]]],
    ...           [[[0.4], [0.0]], [[0.0], [0.9]]]]
    >>> keras.losses.dice(y_true, y_pred, axis=(1, 2, 3))
    array([0.5, 0.75757575], dtype=float32)
    """
    y_pred = convert(y_pred)
    y_true = convert(y_true, y_pred.dtype)
    axis = _axis(axis)
    intersection = jnp.sum(y_true * y_pred, axis=axis)
    denominator = (
        jnp.sum(y_true, axis=axis) + jnp.sum(y_pred, axis=axis) + config.epsilon()
    )
    return 1 - (2.0 * intersection) / denominator


def tversky(
    y_true: Any,
    y_pred: Any,
    alpha: float = 0.5,
    beta: float = 0.5,
    axis: Axis = None,
) -> jax.Array:
    """Computes the Tversky loss value between `y_true` and `y_pred`.

    The loss weighs false positives by `alpha` and false negatives by `beta`;
    with `alpha = beta = 0.5` it equals the Dice loss.

    Args:
        y_true: Tensor of true targets.
        y_pred: Tensor of predicted targets.
        alpha: Coefficient controlling incidence of false positives.
        beta: Coefficient controlling incidence of false negatives.
        axis: Tuple of the dimensions the loss is calculated over.

    Returns:
        Tversky loss value.

    Reference:

    - [Salehi et al., 2017](https://arxiv.org/abs/1706.05721)
    """
    y_pred = convert(y_pred)
    y_true = convert(y_true, y_pred.dtype)
    axis = _axis(axis)
    intersection = jnp.sum(y_true * y_pred, axis=axis)
    # Keras' naming: `fp` sums (1 - y_pred) * y_true, `fn` y_pred * (1 - y_true).
    fp = jnp.sum((1 - y_pred) * y_true, axis=axis)
    fn = jnp.sum(y_pred * (1 - y_true), axis=axis)
    denominator = intersection + fp * alpha + fn * beta + config.epsilon()
    return 1 - intersection / denominator


class Dice(LossFunctionWrapper):
    """Computes the Dice loss value between `y_true` and `y_pred`.

    Formula:

    ```python
    loss = 1 - (2 * sum(y_true * y_pred)) / (sum(y_true) + sum(y_pred))
    ```

    Args:
        reduction: Type of reduction (see `keras.losses.Loss`). Defaults to
            `"sum_over_batch_size"`.
        name: Optional name for the loss instance.
        axis: Tuple of the dimensions the loss is calculated over. Defaults to
            `None`.
        dtype: The dtype of the loss's computations.

    Example:

    >>> loss = keras.losses.Dice(axis=(1, 2, 3), reduction=None)
    >>> loss(y_true, y_pred)
    array([0.5, 0.75757575], dtype=float32)
    """

    def __init__(
        self,
        reduction: str | None = "sum_over_batch_size",
        name: str = "dice",
        axis: Axis = None,
        dtype: Any = None,
    ) -> None:
        super().__init__(dice, name=name, reduction=reduction, dtype=dtype, axis=axis)
        self.axis = axis

    def get_config(self) -> dict[str, Any]:
        config_ = Loss.get_config(self)
        config_["axis"] = self.axis
        return config_


class Tversky(LossFunctionWrapper):
    """Computes the Tversky loss value between `y_true` and `y_pred`.

    The loss weighs false positives by `alpha` and false negatives by `beta`;
    with `alpha = beta = 0.5` it equals the Dice loss.

    Args:
        alpha: The coefficient controlling incidence of false positives.
            Defaults to `0.5`.
        beta: The coefficient controlling incidence of false negatives.
            Defaults to `0.5`.
        reduction: Type of reduction (see `keras.losses.Loss`). Defaults to
            `"sum_over_batch_size"`.
        name: Optional name for the loss instance.
        axis: Tuple of the dimensions the loss is calculated over.
        dtype: The dtype of the loss's computations.

    Reference:

    - [Salehi et al., 2017](https://arxiv.org/abs/1706.05721)
    """

    def __init__(
        self,
        alpha: float = 0.5,
        beta: float = 0.5,
        reduction: str | None = "sum_over_batch_size",
        name: str = "tversky",
        axis: Axis = None,
        dtype: Any = None,
    ) -> None:
        super().__init__(
            tversky,
            name=name,
            reduction=reduction,
            dtype=dtype,
            alpha=alpha,
            beta=beta,
            axis=axis,
        )
        self.alpha = alpha
        self.beta = beta
        self.axis = axis

    def get_config(self) -> dict[str, Any]:
        config_ = Loss.get_config(self)
        config_.update({"alpha": self.alpha, "beta": self.beta, "axis": self.axis})
        return config_
