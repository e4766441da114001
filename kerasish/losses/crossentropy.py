"""Crossentropy `Loss` classes: binary, categorical, sparse, focal."""

from __future__ import annotations

from typing import Any

from kerasish.losses import losses as fns
from kerasish.losses.loss import Loss
from kerasish.losses.wrapper import LossFunctionWrapper

_SOB = "sum_over_batch_size"


class _CrossentropyLoss(LossFunctionWrapper):
    _config_keys: tuple[str, ...] = ()

    def get_config(self) -> dict[str, Any]:
        config = Loss.get_config(self)
        config.update({key: getattr(self, key) for key in self._config_keys})
        return config

    def __repr__(self) -> str:
        return LossFunctionWrapper.__repr__(self)


class BinaryCrossentropy(_CrossentropyLoss):
    """Crossentropy between true binary labels and predicted probabilities.

    Args:
        from_logits: Whether `y_pred` holds logits (otherwise probabilities,
            clipped to `[epsilon, 1 - epsilon]`).
        label_smoothing: Float in [0, 1]; labels are squeezed towards 0.5.
        axis: The axis along which the mean is computed. Defaults to -1.
        reduction: Type of reduction (see `keras.losses.Loss`).
        name: Name of the loss instance.
        dtype: The dtype of the loss's computations.

    Example:

    ```python
    loss = keras.losses.BinaryCrossentropy(from_logits=True)
    loss([0, 1, 0, 0], [-18.6, 0.51, 2.94, -12.8])  # 0.865
    ```
    """

    _config_keys = ("from_logits", "label_smoothing", "axis")

    def __init__(
        self,
        from_logits=False,
        label_smoothing=0.0,
        axis=-1,
        reduction=_SOB,
        name="binary_crossentropy",
        dtype=None,
    ):
        super().__init__(
            fns.binary_crossentropy,
            name=name,
            reduction=reduction,
            dtype=dtype,
            from_logits=from_logits,
            label_smoothing=label_smoothing,
            axis=axis,
        )
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis


class BinaryFocalCrossentropy(_CrossentropyLoss):
    """Binary crossentropy down-weighting easy examples by `(1 - p_t) ** gamma`.

    Args:
        apply_class_balancing: Whether to weight class 1 by `alpha` and class
            0 by `1 - alpha`.
        alpha: The class-balancing weight of class 1.
        gamma: The focusing parameter.
        from_logits: Whether `y_pred` holds logits.
        label_smoothing: Float in [0, 1]; labels are squeezed towards 0.5.
        axis: The axis along which the mean is computed.
    """

    _config_keys = (
        "from_logits",
        "label_smoothing",
        "axis",
        "apply_class_balancing",
        "alpha",
        "gamma",
    )

    def __init__(
        self,
        apply_class_balancing=False,
        alpha=0.25,
        gamma=2.0,
        from_logits=False,
        label_smoothing=0.0,
        axis=-1,
        reduction=_SOB,
        name="binary_focal_crossentropy",
        dtype=None,
    ):
        super().__init__(
            fns.binary_focal_crossentropy,
            name=name,
            reduction=reduction,
            dtype=dtype,
            apply_class_balancing=apply_class_balancing,
            alpha=alpha,
            gamma=gamma,
            from_logits=from_logits,
            label_smoothing=label_smoothing,
            axis=axis,
        )
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis
        self.apply_class_balancing = apply_class_balancing
        self.alpha = alpha
        self.gamma = gamma


class CategoricalCrossentropy(_CrossentropyLoss):
    """Crossentropy between one-hot labels and predicted class probabilities.

    Args:
        from_logits: Whether `y_pred` holds logits. Probabilities are
            renormalised to sum to 1 and clipped to `[epsilon, 1 - epsilon]`.
        label_smoothing: Float in [0, 1]; `0.1` gives `0.1 / num_classes` to
            non-target classes and `0.9 + 0.1 / num_classes` to the target.
        axis: The class axis. Defaults to -1.
        reduction: Type of reduction (see `keras.losses.Loss`).
        name: Name of the loss instance.
        dtype: The dtype of the loss's computations.
    """

    _config_keys = ("from_logits", "label_smoothing", "axis")

    def __init__(
        self,
        from_logits=False,
        label_smoothing=0.0,
        axis=-1,
        reduction=_SOB,
        name="categorical_crossentropy",
        dtype=None,
    ):
        super().__init__(
            fns.categorical_crossentropy,
            name=name,
            reduction=reduction,
            dtype=dtype,
            from_logits=from_logits,
            label_smoothing=label_smoothing,
            axis=axis,
        )
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis


class CategoricalFocalCrossentropy(_CrossentropyLoss):
    """Categorical crossentropy weighted by `alpha * (1 - p) ** gamma`."""

    _config_keys = ("from_logits", "label_smoothing", "axis", "alpha", "gamma")

    def __init__(
        self,
        alpha=0.25,
        gamma=2.0,
        from_logits=False,
        label_smoothing=0.0,
        axis=-1,
        reduction=_SOB,
        name="categorical_focal_crossentropy",
        dtype=None,
    ):
        super().__init__(
            fns.categorical_focal_crossentropy,
            name=name,
            reduction=reduction,
            dtype=dtype,
            alpha=alpha,
            gamma=gamma,
            from_logits=from_logits,
            label_smoothing=label_smoothing,
            axis=axis,
        )
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis
        self.alpha = alpha
        self.gamma = gamma


class SparseCategoricalCrossentropy(_CrossentropyLoss):
    """Crossentropy between integer labels and predicted class scores.

    Labels of shape `(batch,)` or `(batch, 1)` are both accepted.

    Args:
        from_logits: Whether `y_pred` holds logits.
        ignore_class: Optional class id to ignore (loss 0, and excluded from
            the averaging reduction), e.g. a "void" class in segmentation.
        reduction: Type of reduction (see `keras.losses.Loss`).
        axis: The class axis. Defaults to -1.
        name: Name of the loss instance.
        dtype: The dtype of the loss's computations.
    """

    _config_keys = ("from_logits", "ignore_class")

    def __init__(
        self,
        from_logits=False,
        ignore_class=None,
        reduction=_SOB,
        axis=-1,
        name="sparse_categorical_crossentropy",
        dtype=None,
    ):
        super().__init__(
            fns.sparse_categorical_crossentropy,
            name=name,
            reduction=reduction,
            dtype=dtype,
            from_logits=from_logits,
            ignore_class=ignore_class,
            axis=axis,
        )
        self.from_logits = from_logits
        self.ignore_class = ignore_class
