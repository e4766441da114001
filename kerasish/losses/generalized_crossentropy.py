"""`CategoricalGeneralizedCrossEntropy`: the noise-robust GCE loss (Zhang, 2018)."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.losses.loss import Loss, convert
from kerasish.losses.wrapper import LossFunctionWrapper


def categorical_generalized_cross_entropy(
    y_true: Any, y_pred: Any, q: float
) -> jax.Array:
    """Computes the Generalized Cross Entropy loss: `(1 - p**q) / q`.

    `p` is the predicted probability of the true class. As `q` approaches 0
    the loss behaves like cross entropy, as it approaches 1 like the mean
    absolute error.

    Args:
        y_true: Integer class indices, shape `(batch_size,)` or
            `(batch_size, 1)`.
        y_pred: Predicted class probabilities, shape `(batch_size, num_classes)`.
        q: Float in `(0, 1)`, the noise parameter.

    Returns:
        GCE loss values with shape `(batch_size,)`.

    References:

    - [Zhang, Sabuncu, 2018](https://arxiv.org/abs/1805.07836)
    """
    y_pred = convert(y_pred)
    labels = convert(y_true).astype("int32")
    one_hot = jax.nn.one_hot(labels, y_pred.shape[-1], dtype=y_pred.dtype)
    p = jnp.sum(y_pred * one_hot, axis=-1)
    return (1 - jnp.power(p, q)) / q


class CategoricalGeneralizedCrossEntropy(LossFunctionWrapper):
    """Computes the Generalized Cross Entropy loss between `y_true` & `y_pred`.

    Formula:

    ```python
    loss = (1 - p**q) / q
    ```

    where `p` is the predicted probability for the true class (integer labels)
    and `q` is the noise parameter.

    Args:
        q: Float in range `(0, 1)`, the noise parameter. Values close to 0
            behave like cross entropy, close to 1 like mean absolute error.
            Defaults to `0.5`.
        reduction: Type of reduction (see `keras.losses.Loss`). Defaults to
            `"sum_over_batch_size"`.
        name: Optional name for the loss instance.
        dtype: The dtype of the loss's computations.

    Example:

    >>> y_true = np.array([0, 1, 0, 1])
    >>> y_pred = np.array([[0.7, 0.3], [0.2, 0.8], [0.6, 0.4], [0.4, 0.6]])
    >>> keras.losses.CategoricalGeneralizedCrossEntropy()(y_true, y_pred)
    """

    def __init__(
        self,
        q: float = 0.5,
        reduction: str | None = "sum_over_batch_size",
        name: str = "categorical_generalized_cross_entropy",
        dtype: Any = None,
    ) -> None:
        if not 0 < q < 1:
            raise ValueError(
                f"Argument `q` must be in the interval (0, 1). Received: q={q}"
            )
        super().__init__(
            categorical_generalized_cross_entropy,
            name=name,
            reduction=reduction,
            dtype=dtype,
            q=q,
        )
        self.q = q

    def get_config(self) -> dict[str, Any]:
        config = Loss.get_config(self)
        config["q"] = self.q
        return config
