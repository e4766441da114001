"""`keras.losses`: loss classes, loss functions, `get`/`serialize`/`deserialize`."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from typing import Any

from kerasish.losses.checks import check_sparse_labels
from kerasish.losses.crossentropy import (
    BinaryCrossentropy,
    BinaryFocalCrossentropy,
    CategoricalCrossentropy,
    CategoricalFocalCrossentropy,
    SparseCategoricalCrossentropy,
)
from kerasish.losses.generalized_crossentropy import (
    CategoricalGeneralizedCrossEntropy,
    categorical_generalized_cross_entropy,
)
from kerasish.losses.loss import (
    Loss,
    reduce_values,
    reduce_weighted_values,
    squeeze_or_expand_to_same_rank,
)
from kerasish.losses.losses import (
    MAE,
    MAPE,
    MSE,
    MSLE,
    binary_crossentropy,
    binary_focal_crossentropy,
    categorical_crossentropy,
    categorical_focal_crossentropy,
    categorical_hinge,
    cosine_similarity,
    hinge,
    huber,
    kl_divergence,
    log_cosh,
    mae,
    mape,
    mean_absolute_error,
    mean_absolute_percentage_error,
    mean_squared_error,
    mean_squared_logarithmic_error,
    mse,
    msle,
    poisson,
    sparse_categorical_crossentropy,
    squared_hinge,
)
from kerasish.losses.overlap import Dice, Tversky, dice, tversky
from kerasish.losses.regression import (
    CategoricalHinge,
    CosineSimilarity,
    Hinge,
    Huber,
    KLDivergence,
    LogCosh,
    MeanAbsoluteError,
    MeanAbsolutePercentageError,
    MeanSquaredError,
    MeanSquaredLogarithmicError,
    Poisson,
    SquaredHinge,
)
from kerasish.losses.wrapper import LossFunctionWrapper
from kerasish.saving.serialization_lib import deserialize_object, serialize_object

ALL_OBJECTS = {
    Loss,
    LossFunctionWrapper,
    KLDivergence,
    Poisson,
    BinaryCrossentropy,
    BinaryFocalCrossentropy,
    CategoricalCrossentropy,
    CategoricalFocalCrossentropy,
    SparseCategoricalCrossentropy,
    MeanSquaredError,
    MeanAbsoluteError,
    MeanAbsolutePercentageError,
    MeanSquaredLogarithmicError,
    CosineSimilarity,
    LogCosh,
    Huber,
    Hinge,
    SquaredHinge,
    CategoricalHinge,
    Dice,
    Tversky,
    CategoricalGeneralizedCrossEntropy,
    kl_divergence,
    poisson,
    binary_crossentropy,
    binary_focal_crossentropy,
    categorical_crossentropy,
    categorical_focal_crossentropy,
    sparse_categorical_crossentropy,
    mean_squared_error,
    mean_absolute_error,
    mean_absolute_percentage_error,
    mean_squared_logarithmic_error,
    cosine_similarity,
    log_cosh,
    huber,
    hinge,
    squared_hinge,
    categorical_hinge,
    dice,
    tversky,
    categorical_generalized_cross_entropy,
}

# Keras' lookup table: class and function names plus the short aliases.
ALL_OBJECTS_DICT: dict[str, Any] = {obj.__name__: obj for obj in ALL_OBJECTS}
ALL_OBJECTS_DICT.update(
    {
        "bce": binary_crossentropy,
        "BCE": binary_crossentropy,
        "kld": kl_divergence,
        "KLD": kl_divergence,
        "mae": mean_absolute_error,
        "MAE": mean_absolute_error,
        "mse": mean_squared_error,
        "MSE": mean_squared_error,
        "mape": mean_absolute_percentage_error,
        "MAPE": mean_absolute_percentage_error,
        "msle": mean_squared_logarithmic_error,
        "MSLE": mean_squared_logarithmic_error,
    }
)


def serialize(loss: Loss | Callable) -> dict[str, Any]:
    """Serializes a loss function or `Loss` instance to a Keras config dict."""
    return serialize_object(loss, "keras.losses")


def deserialize(
    name: str | dict[str, Any], custom_objects: dict[str, Any] | None = None
) -> Loss | Callable:
    """Deserializes a loss config (or name) into a `Loss` instance or function."""
    return deserialize_object(name, ALL_OBJECTS_DICT, custom_objects, kind="loss")


def get(identifier: Any) -> Loss | Callable | None:
    """Retrieves a Keras loss as a function or `Loss` instance.

    Args:
        identifier: `None`, a loss function or class name (`"mse"`,
            `"categorical_crossentropy"`, `"CategoricalCrossentropy"`), a config
            dict, a function, a `Loss` class or a `Loss` instance.

    Returns:
        A loss function or `Loss` instance (function names give the function,
        class names a default instance).

    Raises:
        ValueError: If the identifier cannot be interpreted.
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    elif isinstance(identifier, str):
        obj = ALL_OBJECTS_DICT.get(identifier)
    else:
        obj = identifier
    if callable(obj):
        return obj() if inspect.isclass(obj) else obj
    raise ValueError(
        f"Could not interpret loss identifier: {identifier}. Known names: "
        f"{sorted(ALL_OBJECTS_DICT)}"
    )


def is_binary_or_sparse_categorical(
    y_true_shape: Sequence[int], y_pred_shape: Sequence[int]
) -> tuple[bool, bool]:
    """Keras' shape test behind `"accuracy"` and `"crossentropy"` strings."""
    is_binary = y_pred_shape[-1] == 1
    is_sparse_categorical = len(y_true_shape) < len(y_pred_shape) or (
        y_true_shape[-1] == 1 and y_pred_shape[-1] > 1
    )
    return is_binary, is_sparse_categorical


def resolve_by_shape(
    identifier: Any, y_true_shape: Sequence[int], y_pred_shape: Sequence[int]
) -> Loss | None:
    """What `compile(loss=identifier)` builds for one output (Keras `get_loss`).

    `"crossentropy"`/`"ce"` pick binary, sparse or categorical crossentropy
    from the shapes; any other identifier goes through `get`. A plain function
    is wrapped in `LossFunctionWrapper` named after the string the user wrote
    (or the function).
    """
    if identifier is None:
        return None
    if str(identifier).lower() in ("crossentropy", "ce"):
        is_binary, is_sparse = is_binary_or_sparse_categorical(
            y_true_shape, y_pred_shape
        )
        if is_binary:
            loss = binary_crossentropy
        elif is_sparse:
            loss = sparse_categorical_crossentropy
        else:
            loss = categorical_crossentropy
    else:
        loss = get(identifier)
    if isinstance(loss, Loss):
        return loss
    if isinstance(identifier, str):
        name = identifier
    else:
        name = getattr(loss, "name", None) or _snake(loss)
    return LossFunctionWrapper(loss, name=name)


def _snake(obj: Any) -> str:
    from kerasish.core.naming import to_snake_case

    return to_snake_case(getattr(obj, "__name__", type(obj).__name__))


__all__ = [
    "ALL_OBJECTS",
    "ALL_OBJECTS_DICT",
    "BinaryCrossentropy",
    "BinaryFocalCrossentropy",
    "CategoricalCrossentropy",
    "CategoricalFocalCrossentropy",
    "CategoricalGeneralizedCrossEntropy",
    "CategoricalHinge",
    "CosineSimilarity",
    "Dice",
    "Hinge",
    "Huber",
    "KLDivergence",
    "LogCosh",
    "Loss",
    "LossFunctionWrapper",
    "MAE",
    "MAPE",
    "MSE",
    "MSLE",
    "MeanAbsoluteError",
    "MeanAbsolutePercentageError",
    "MeanSquaredError",
    "MeanSquaredLogarithmicError",
    "Poisson",
    "SparseCategoricalCrossentropy",
    "SquaredHinge",
    "Tversky",
    "binary_crossentropy",
    "binary_focal_crossentropy",
    "categorical_crossentropy",
    "categorical_focal_crossentropy",
    "categorical_generalized_cross_entropy",
    "categorical_hinge",
    "check_sparse_labels",
    "cosine_similarity",
    "deserialize",
    "dice",
    "get",
    "hinge",
    "huber",
    "is_binary_or_sparse_categorical",
    "kl_divergence",
    "log_cosh",
    "mae",
    "mape",
    "mean_absolute_error",
    "mean_absolute_percentage_error",
    "mean_squared_error",
    "mean_squared_logarithmic_error",
    "mse",
    "msle",
    "poisson",
    "reduce_values",
    "reduce_weighted_values",
    "resolve_by_shape",
    "serialize",
    "sparse_categorical_crossentropy",
    "squared_hinge",
    "squeeze_or_expand_to_same_rank",
    "tversky",
]
