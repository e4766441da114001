"""Regression, hinge and distribution losses as `Loss` classes (MSE, Huber, ...)."""

from __future__ import annotations

from typing import Any

from kerasish.losses import losses as fns
from kerasish.losses.loss import Loss
from kerasish.losses.wrapper import LossFunctionWrapper

_SOB = "sum_over_batch_size"


class _SimpleLoss(LossFunctionWrapper):
    """A wrapper whose config is just `name` and `reduction` (as in Keras)."""

    def get_config(self) -> dict[str, Any]:
        return Loss.get_config(self)

    def __repr__(self) -> str:
        return LossFunctionWrapper.__repr__(self)


class MeanSquaredError(_SimpleLoss):
    """Mean of squares of errors: `loss = mean(square(y_true - y_pred))`.

    Args:
        reduction: Type of reduction (see `keras.losses.Loss`).
        name: Name of the loss instance.
        dtype: The dtype of the loss's computations.
    """

    def __init__(self, reduction=_SOB, name="mean_squared_error", dtype=None):
        super().__init__(
            fns.mean_squared_error, name=name, reduction=reduction, dtype=dtype
        )


class MeanAbsoluteError(_SimpleLoss):
    """Mean of absolute errors: `loss = mean(abs(y_true - y_pred))`."""

    def __init__(self, reduction=_SOB, name="mean_absolute_error", dtype=None):
        super().__init__(
            fns.mean_absolute_error, name=name, reduction=reduction, dtype=dtype
        )


class MeanAbsolutePercentageError(_SimpleLoss):
    """`loss = 100 * mean(abs((y_true - y_pred) / y_true))`."""

    def __init__(
        self, reduction=_SOB, name="mean_absolute_percentage_error", dtype=None
    ):
        super().__init__(
            fns.mean_absolute_percentage_error,
            name=name,
            reduction=reduction,
            dtype=dtype,
        )


class MeanSquaredLogarithmicError(_SimpleLoss):
    """`loss = mean(square(log(y_true + 1) - log(y_pred + 1)))`."""

    def __init__(
        self, reduction=_SOB, name="mean_squared_logarithmic_error", dtype=None
    ):
        super().__init__(
            fns.mean_squared_logarithmic_error,
            name=name,
            reduction=reduction,
            dtype=dtype,
        )


class CosineSimilarity(_SimpleLoss):
    """Negative cosine similarity: `loss = -sum(l2_norm(y_true) * l2_norm(y_pred))`.

    Args:
        axis: The axis along which the similarity is computed. Defaults to -1.
    """

    def __init__(self, axis=-1, reduction=_SOB, name="cosine_similarity", dtype=None):
        super().__init__(
            fns.cosine_similarity,
            name=name,
            reduction=reduction,
            dtype=dtype,
            axis=axis,
        )


class Huber(_SimpleLoss):
    """Huber loss: `0.5 * x**2` if `|x| <= delta`, else `delta * |x| - 0.5 * delta**2`.

    Args:
        delta: The point where the loss changes from quadratic to linear.
    """

    def __init__(self, delta=1.0, reduction=_SOB, name="huber_loss", dtype=None):
        super().__init__(
            fns.huber, name=name, reduction=reduction, dtype=dtype, delta=delta
        )


class LogCosh(_SimpleLoss):
    """Logarithm of the hyperbolic cosine of the prediction error."""

    def __init__(self, reduction=_SOB, name="log_cosh", dtype=None):
        super().__init__(fns.log_cosh, name=name, reduction=reduction, dtype=dtype)


class Hinge(_SimpleLoss):
    """Hinge loss: `loss = maximum(1 - y_true * y_pred, 0)` ({0, 1} labels -> ±1)."""

    def __init__(self, reduction=_SOB, name="hinge", dtype=None):
        super().__init__(fns.hinge, name=name, reduction=reduction, dtype=dtype)


class SquaredHinge(_SimpleLoss):
    """Squared hinge loss: `loss = square(maximum(1 - y_true * y_pred, 0))`."""

    def __init__(self, reduction=_SOB, name="squared_hinge", dtype=None):
        super().__init__(fns.squared_hinge, name=name, reduction=reduction, dtype=dtype)


class CategoricalHinge(_SimpleLoss):
    """Categorical hinge loss: `loss = maximum(neg - pos + 1, 0)`."""

    def __init__(self, reduction=_SOB, name="categorical_hinge", dtype=None):
        super().__init__(
            fns.categorical_hinge, name=name, reduction=reduction, dtype=dtype
        )


class KLDivergence(_SimpleLoss):
    """Kullback-Leibler divergence: `loss = y_true * log(y_true / y_pred)`."""

    def __init__(self, reduction=_SOB, name="kl_divergence", dtype=None):
        super().__init__(fns.kl_divergence, name=name, reduction=reduction, dtype=dtype)


class Poisson(_SimpleLoss):
    """Poisson loss: `loss = y_pred - y_true * log(y_pred)`."""

    def __init__(self, reduction=_SOB, name="poisson", dtype=None):
        super().__init__(fns.poisson, name=name, reduction=reduction, dtype=dtype)
