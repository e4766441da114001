"""Loss cases: every loss class (each reduction, with and without sample_weight)
and its function form, on random data in each loss's valid range.

Data kinds (drawn by `compat/generate.py`, shapes `(4, 3)` unless noted):
"regression", "positive" (y_pred > 0), "probs" (both in (0, 1)), "binary_probs"
(0/1 labels), "binary_logits", "hinge" (0/1 labels, real scores), "onehot_probs"
(unnormalised probabilities: Keras renormalises), "onehot_logits",
"sparse_probs" / "sparse_logits" (int labels `(4,)`), "sparse_col_logits"
(int labels `(4, 1)`).
"""

from compat.cases import Case

REDUCTIONS = (
    None,
    "none",
    "sum",
    "sum_over_batch_size",
    "mean",
    "mean_with_sample_weight",
)


def _loss(suffix, cls, kwargs, data, fn=None, fn_kwargs=None) -> Case:
    return Case(
        f"loss_{suffix}",
        "loss",
        spec={
            "cls": cls,
            "kwargs": kwargs,
            "fn": fn,
            "fn_kwargs": kwargs if fn_kwargs is None else fn_kwargs,
            "data": data,
        },
    )


BCE, CCE, SCCE = (
    "BinaryCrossentropy",
    "CategoricalCrossentropy",
    "SparseCategoricalCrossentropy",
)
BFCE, CFCE = "BinaryFocalCrossentropy", "CategoricalFocalCrossentropy"

CASES = [
    _loss("mse", "MeanSquaredError", {}, "regression", "mean_squared_error"),
    _loss("mae", "MeanAbsoluteError", {}, "regression", "mean_absolute_error"),
    _loss(
        "mape",
        "MeanAbsolutePercentageError",
        {},
        "regression",
        "mean_absolute_percentage_error",
    ),
    _loss(
        "msle",
        "MeanSquaredLogarithmicError",
        {},
        "positive",
        "mean_squared_logarithmic_error",
    ),
    _loss("cosine", "CosineSimilarity", {}, "regression", "cosine_similarity"),
    _loss(
        "cosine_axis0",
        "CosineSimilarity",
        {"axis": 0},
        "regression",
        "cosine_similarity",
    ),
    _loss("huber", "Huber", {}, "regression", "huber"),
    _loss("huber_delta", "Huber", {"delta": 0.3}, "regression", "huber"),
    _loss("log_cosh", "LogCosh", {}, "regression", "log_cosh"),
    _loss("poisson", "Poisson", {}, "positive", "poisson"),
    _loss("kld", "KLDivergence", {}, "probs", "kl_divergence"),
    _loss("hinge", "Hinge", {}, "hinge", "hinge"),
    _loss("squared_hinge", "SquaredHinge", {}, "hinge", "squared_hinge"),
    _loss(
        "categorical_hinge",
        "CategoricalHinge",
        {},
        "onehot_logits",
        "categorical_hinge",
    ),
    _loss("bce", BCE, {}, "binary_probs", "binary_crossentropy"),
    _loss(
        "bce_logits", BCE, {"from_logits": True}, "binary_logits", "binary_crossentropy"
    ),
    _loss(
        "bce_smoothing",
        BCE,
        {"label_smoothing": 0.1},
        "binary_probs",
        "binary_crossentropy",
    ),
    _loss(
        "bce_logits_smoothing",
        BCE,
        {"from_logits": True, "label_smoothing": 0.2},
        "binary_logits",
        "binary_crossentropy",
    ),
    _loss("bfce", BFCE, {}, "binary_probs", "binary_focal_crossentropy"),
    _loss(
        "bfce_balanced_logits",
        BFCE,
        {
            "apply_class_balancing": True,
            "alpha": 0.4,
            "gamma": 1.5,
            "from_logits": True,
        },
        "binary_logits",
        "binary_focal_crossentropy",
    ),
    _loss("cce", CCE, {}, "onehot_probs", "categorical_crossentropy"),
    _loss(
        "cce_logits",
        CCE,
        {"from_logits": True},
        "onehot_logits",
        "categorical_crossentropy",
    ),
    _loss(
        "cce_smoothing",
        CCE,
        {"label_smoothing": 0.2},
        "onehot_probs",
        "categorical_crossentropy",
    ),
    _loss(
        "cce_logits_smoothing",
        CCE,
        {"from_logits": True, "label_smoothing": 0.1},
        "onehot_logits",
        "categorical_crossentropy",
    ),
    _loss("cfce", CFCE, {}, "onehot_probs", "categorical_focal_crossentropy"),
    _loss(
        "cfce_logits",
        CFCE,
        {"from_logits": True, "alpha": 0.5, "gamma": 1.0},
        "onehot_logits",
        "categorical_focal_crossentropy",
    ),
    _loss("scce", SCCE, {}, "sparse_probs", "sparse_categorical_crossentropy"),
    _loss(
        "scce_logits",
        SCCE,
        {"from_logits": True},
        "sparse_logits",
        "sparse_categorical_crossentropy",
    ),
    _loss(
        "scce_col_logits",
        SCCE,
        {"from_logits": True},
        "sparse_col_logits",
        "sparse_categorical_crossentropy",
    ),
    _loss(
        "scce_ignore_class",
        SCCE,
        {"from_logits": True, "ignore_class": 1},
        "sparse_logits",
        "sparse_categorical_crossentropy",
    ),
    _loss(
        "generalized_ce",
        "CategoricalGeneralizedCrossEntropy",
        {"q": 0.7},
        "sparse_probs",
        "categorical_generalized_cross_entropy",
    ),
    _loss("dice", "Dice", {}, "binary_probs", "dice"),
    _loss("tversky", "Tversky", {"alpha": 0.3, "beta": 0.7}, "binary_probs", "tversky"),
]
