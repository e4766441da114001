"""Metric cases: two `update_state` calls with sample weights, `result()` after
each, then after `reset_state()`. Data kinds are those of `cases/losses.py`
plus "values" (Mean / Sum), "binary_col" (`(6, 1)` 0/1 labels and
probabilities), "int_labels" (integer labels and predictions), "multilabel"
(`(6, 3)` 0/1 labels and probabilities) and "onehot_int_pred" (one-hot labels,
integer predictions).
"""

from compat.cases import Case


def _metric(suffix, cls, kwargs, data) -> Case:
    return Case(
        f"metric_{suffix}", "metric", spec={"cls": cls, "kwargs": kwargs, "data": data}
    )


CASES = [
    _metric("mean", "Mean", {}, "values"),
    _metric("sum", "Sum", {}, "values"),
    _metric("accuracy", "Accuracy", {}, "int_labels"),
    _metric("binary_accuracy", "BinaryAccuracy", {}, "binary_col"),
    _metric(
        "binary_accuracy_threshold", "BinaryAccuracy", {"threshold": 0.7}, "binary_col"
    ),
    _metric("categorical_accuracy", "CategoricalAccuracy", {}, "onehot_probs"),
    _metric(
        "sparse_categorical_accuracy", "SparseCategoricalAccuracy", {}, "sparse_probs"
    ),
    _metric(
        "sparse_categorical_accuracy_col",
        "SparseCategoricalAccuracy",
        {},
        "sparse_col_logits",
    ),
    _metric("top_k", "TopKCategoricalAccuracy", {"k": 2}, "onehot_probs"),
    _metric("sparse_top_k", "SparseTopKCategoricalAccuracy", {"k": 2}, "sparse_probs"),
    _metric("auc", "AUC", {}, "binary_col"),
    _metric("auc_pr", "AUC", {"curve": "PR", "num_thresholds": 50}, "binary_col"),
    _metric("auc_logits", "AUC", {"from_logits": True}, "binary_logits"),
    _metric("precision", "Precision", {}, "binary_col"),
    _metric(
        "precision_thresholds", "Precision", {"thresholds": [0.3, 0.7]}, "binary_col"
    ),
    _metric("precision_top_k", "Precision", {"top_k": 1}, "multilabel"),
    _metric("recall", "Recall", {}, "binary_col"),
    _metric("recall_class_id", "Recall", {"class_id": 1}, "multilabel"),
    _metric("true_positives", "TruePositives", {}, "binary_col"),
    _metric("false_positives", "FalsePositives", {"thresholds": 0.3}, "binary_col"),
    _metric("true_negatives", "TrueNegatives", {}, "binary_col"),
    _metric(
        "false_negatives", "FalseNegatives", {"thresholds": [0.2, 0.8]}, "binary_col"
    ),
    _metric("precision_at_recall", "PrecisionAtRecall", {"recall": 0.5}, "binary_col"),
    _metric(
        "recall_at_precision", "RecallAtPrecision", {"precision": 0.5}, "binary_col"
    ),
    _metric(
        "sensitivity_at_specificity",
        "SensitivityAtSpecificity",
        {"specificity": 0.5},
        "binary_col",
    ),
    _metric(
        "specificity_at_sensitivity",
        "SpecificityAtSensitivity",
        {"sensitivity": 0.5},
        "binary_col",
    ),
    _metric("f1_none", "F1Score", {}, "multilabel"),
    _metric(
        "f1_macro", "F1Score", {"average": "macro", "threshold": 0.5}, "multilabel"
    ),
    _metric(
        "fbeta_weighted",
        "FBetaScore",
        {"average": "weighted", "beta": 2.0, "threshold": 0.4},
        "multilabel",
    ),
    _metric("fbeta_micro", "FBetaScore", {"average": "micro"}, "multilabel"),
    _metric("mse", "MeanSquaredError", {}, "regression"),
    _metric("mae", "MeanAbsoluteError", {}, "regression"),
    _metric("mape", "MeanAbsolutePercentageError", {}, "regression"),
    _metric("msle", "MeanSquaredLogarithmicError", {}, "positive"),
    _metric("rmse", "RootMeanSquaredError", {}, "regression"),
    _metric("cosine", "CosineSimilarity", {}, "regression"),
    _metric("log_cosh", "LogCoshError", {}, "regression"),
    _metric("r2", "R2Score", {}, "regression"),
    _metric("r2_raw", "R2Score", {"class_aggregation": None}, "regression"),
    _metric("pearson", "PearsonCorrelation", {}, "regression"),
    _metric("concordance", "ConcordanceCorrelation", {}, "regression"),
    _metric("hinge", "Hinge", {}, "hinge"),
    _metric("squared_hinge", "SquaredHinge", {}, "hinge"),
    _metric("categorical_hinge", "CategoricalHinge", {}, "onehot_logits"),
    _metric("kld", "KLDivergence", {}, "probs"),
    _metric("poisson", "Poisson", {}, "positive"),
    _metric("bce", "BinaryCrossentropy", {}, "binary_probs"),
    _metric(
        "bce_logits_smoothing",
        "BinaryCrossentropy",
        {"from_logits": True, "label_smoothing": 0.1},
        "binary_logits",
    ),
    _metric("cce", "CategoricalCrossentropy", {}, "onehot_probs"),
    _metric(
        "cce_logits", "CategoricalCrossentropy", {"from_logits": True}, "onehot_logits"
    ),
    _metric("scce", "SparseCategoricalCrossentropy", {}, "sparse_probs"),
    _metric(
        "scce_logits",
        "SparseCategoricalCrossentropy",
        {"from_logits": True},
        "sparse_logits",
    ),
    _metric("mean_iou", "MeanIoU", {"num_classes": 3}, "int_labels"),
    _metric("iou", "IoU", {"num_classes": 3, "target_class_ids": [0, 2]}, "int_labels"),
    _metric("binary_iou", "BinaryIoU", {}, "binary_col"),
    _metric(
        "one_hot_iou",
        "OneHotIoU",
        {"num_classes": 3, "target_class_ids": [1]},
        "onehot_probs",
    ),
    _metric("one_hot_mean_iou", "OneHotMeanIoU", {"num_classes": 3}, "onehot_probs"),
]
