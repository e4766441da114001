"""Metric cases and the values real Keras 3.15.1 (JAX backend) returned for them."""

import numpy as np


def make_batches():
    """Two deterministic batches per input kind: (y_true, y_pred, sample_weight)."""
    rs = np.random.RandomState(42)
    batches = {}
    for _step in range(2):
        logits = rs.randn(5, 4).astype("float32")
        probs = np.exp(logits) / np.exp(logits).sum(-1, keepdims=True)
        labels = rs.randint(0, 4, (5,)).astype("int32")
        onehot = np.eye(4, dtype="float32")[labels]
        binary = rs.randint(0, 2, (5, 1)).astype("float32")
        bprobs = rs.uniform(0.0, 1.0, (5, 1)).astype("float32")
        reg_true = rs.randn(5, 3).astype("float32")
        reg_pred = rs.randn(5, 3).astype("float32")
        pos_true = rs.uniform(0.1, 2.0, (5, 3)).astype("float32")
        pos_pred = rs.uniform(0.1, 2.0, (5, 3)).astype("float32")
        hinge_true = rs.randint(0, 2, (5, 3)).astype("float32")
        sw = rs.uniform(0.0, 2.0, (5,)).astype("float32")
        sorted_ids = np.argsort(-logits, axis=-1).astype("int32")
        int_pred = rs.randint(0, 4, (5,)).astype("int32")
        kinds = {
            "values": (rs.randn(5).astype("float32"), None, sw),
            "values_2d": (rs.randn(5, 3).astype("float32"), None, sw),
            "values_2d_w2d": (
                rs.randn(5, 3).astype("float32"),
                None,
                rs.uniform(0, 2, (5, 3)).astype("float32"),
            ),
            "values_scalar_w": (rs.randn(5).astype("float32"), None, np.float32(3.0)),
            "int_pairs": (labels, int_pred, sw),
            "binary": (binary, bprobs, sw),
            "binary_flat": (binary[:, 0], bprobs, sw),
            "onehot": (onehot, probs, sw),
            "sparse": (labels, probs, sw),
            "sparse_col": (labels[:, None], logits, sw),
            "sparse_logits": (labels, logits, sw),
            "sorted_ids": (labels, sorted_ids, sw),
            "onehot_logits": (onehot, logits, sw),
            "reg": (reg_true, reg_pred, sw),
            "pos": (pos_true, pos_pred, sw),
            "hinge": (hinge_true, reg_pred, sw),
            "onehot_reg": (onehot[:, :3], reg_pred, sw),
        }
        for key, batch in kinds.items():
            batches.setdefault(key, []).append(batch)
    return batches


# (case id, class name, constructor kwargs, batches key)
METRIC_CASES = [
    ("mean", "Mean", {}, "values"),
    ("mean_2d", "Mean", {}, "values_2d"),
    ("mean_2d_w2d", "Mean", {}, "values_2d_w2d"),
    ("mean_scalar_w", "Mean", {}, "values_scalar_w"),
    ("sum", "Sum", {}, "values"),
    ("sum_2d", "Sum", {}, "values_2d"),
    ("sum_2d_w2d", "Sum", {}, "values_2d_w2d"),
    ("accuracy", "Accuracy", {}, "int_pairs"),
    ("binary_accuracy", "BinaryAccuracy", {}, "binary"),
    ("binary_accuracy_flat", "BinaryAccuracy", {"threshold": 0.3}, "binary_flat"),
    ("categorical_accuracy", "CategoricalAccuracy", {}, "onehot"),
    ("sparse_categorical_accuracy", "SparseCategoricalAccuracy", {}, "sparse"),
    ("sparse_categorical_accuracy_col", "SparseCategoricalAccuracy", {}, "sparse_col"),
    ("top_k", "TopKCategoricalAccuracy", {"k": 2}, "onehot"),
    ("sparse_top_k", "SparseTopKCategoricalAccuracy", {"k": 2}, "sparse"),
    ("sparse_top_k_col", "SparseTopKCategoricalAccuracy", {"k": 3}, "sparse_col"),
    (
        "sparse_top_k_sorted",
        "SparseTopKCategoricalAccuracy",
        {"k": 2, "from_sorted_ids": True},
        "sorted_ids",
    ),
    ("mse", "MeanSquaredError", {}, "reg"),
    ("mae", "MeanAbsoluteError", {}, "reg"),
    ("mape", "MeanAbsolutePercentageError", {}, "reg"),
    ("msle", "MeanSquaredLogarithmicError", {}, "pos"),
    ("rmse", "RootMeanSquaredError", {}, "reg"),
    ("cosine", "CosineSimilarity", {}, "reg"),
    ("logcosh", "LogCoshError", {}, "reg"),
    ("bce", "BinaryCrossentropy", {}, "binary"),
    ("bce_logits", "BinaryCrossentropy", {"from_logits": True}, "binary"),
    ("cce", "CategoricalCrossentropy", {"label_smoothing": 0.1}, "onehot"),
    ("cce_logits", "CategoricalCrossentropy", {"from_logits": True}, "onehot_logits"),
    ("scce", "SparseCategoricalCrossentropy", {}, "sparse"),
    (
        "scce_logits",
        "SparseCategoricalCrossentropy",
        {"from_logits": True},
        "sparse_logits",
    ),
    (
        "scce_ignore",
        "SparseCategoricalCrossentropy",
        {"from_logits": True, "ignore_class": 1},
        "sparse_logits",
    ),
    ("hinge", "Hinge", {}, "hinge"),
    ("squared_hinge", "SquaredHinge", {}, "hinge"),
    ("categorical_hinge", "CategoricalHinge", {}, "onehot_reg"),
    ("kld", "KLDivergence", {}, "onehot"),
    ("poisson", "Poisson", {}, "pos"),
]


def run_updates(metric, batches, weighted):
    """Two `update_state` calls; the results after each."""
    results = []
    for y_true, y_pred, sample_weight in batches:
        sample_weight = sample_weight if weighted else None
        if y_pred is None:
            metric.update_state(y_true, sample_weight=sample_weight)
        else:
            metric.update_state(y_true, y_pred, sample_weight=sample_weight)
        results.append(float(metric.result()))
    return results


# Observed with keras==3.15.1, KERAS_BACKEND=jax, CPU: the result after each of
# two update_state calls (rounded to 7 decimals).
EXPECTED = {
    "accuracy/plain": [0.4, 0.2],
    "accuracy/weighted": [0.3675625, 0.1735078],
    "bce/plain": [2.2959688, 1.5995878],
    "bce/weighted": [1.9364585, 1.3009247],
    "bce_logits/plain": [0.8522752, 0.665726],
    "bce_logits/weighted": [0.9196549, 0.6803279],
    "binary_accuracy/plain": [0.0, 0.3],
    "binary_accuracy/weighted": [0.0, 0.2804699],
    "binary_accuracy_flat/plain": [0.0, 0.4],
    "binary_accuracy_flat/weighted": [0.0, 0.4981466],
    "categorical_accuracy/plain": [0.0, 0.2],
    "categorical_accuracy/weighted": [0.0, 0.2487392],
    "categorical_hinge/plain": [1.6267999, 1.1496764],
    "categorical_hinge/weighted": [1.3371139, 1.0197071],
    "cce/plain": [2.1297641, 1.785422],
    "cce/weighted": [2.1340492, 1.7742473],
    "cce_logits/plain": [2.1857767, 1.8005279],
    "cce_logits/weighted": [2.1906867, 1.7812743],
    "cosine/plain": [0.0628149, -0.0415648],
    "cosine/weighted": [-0.0607533, -0.1766711],
    "hinge/plain": [0.6503431, 0.8191527],
    "hinge/weighted": [0.7180499, 0.9477046],
    "kld/plain": [2.1857724, 1.8005235],
    "kld/weighted": [2.1906824, 1.78127],
    "logcosh/plain": [0.6135914, 0.5839757],
    "logcosh/weighted": [0.6686562, 0.6002724],
    "mae/plain": [1.1045024, 1.07213],
    "mae/weighted": [1.1763716, 1.1131822],
    "mape/plain": [720.6375122, 666.4898682],
    "mape/weighted": [1272.1046143, 789.03125],
    "mean/plain": [-0.3446787, -0.3281789],
    "mean/weighted": [-0.326886, -0.5047185],
    "mean_2d/plain": [-0.4060944, -0.1424828],
    "mean_2d/weighted": [-0.4995619, -0.0830441],
    "mean_2d_w2d/plain": [0.1112897, 0.1157735],
    "mean_2d_w2d/weighted": [0.4197787, 0.2007855],
    "mean_scalar_w/plain": [-0.2891534, -0.1760558],
    "mean_scalar_w/weighted": [-0.2891534, -0.1760558],
    "mse/plain": [1.7731212, 1.6451247],
    "mse/weighted": [1.9491895, 1.6587472],
    "msle/plain": [0.0920553, 0.1326883],
    "msle/weighted": [0.0886741, 0.1299709],
    "poisson/plain": [1.1170874, 1.2595831],
    "poisson/weighted": [1.1109971, 1.2640705],
    "rmse/plain": [1.331586, 1.2826241],
    "rmse/weighted": [1.3961338, 1.2879236],
    "scce/plain": [2.1857767, 1.8005279],
    "scce/weighted": [2.1906867, 1.7812743],
    "scce_ignore/plain": [0.7039793, 0.9548143],
    "scce_ignore/weighted": [1.7606472, 1.5131086],
    "scce_logits/plain": [2.1857767, 1.8005279],
    "scce_logits/weighted": [2.1906867, 1.7812743],
    "sparse_categorical_accuracy/plain": [0.0, 0.2],
    "sparse_categorical_accuracy/weighted": [0.0, 0.2487392],
    "sparse_categorical_accuracy_col/plain": [0.0, 0.2],
    "sparse_categorical_accuracy_col/weighted": [0.0, 0.2487392],
    "sparse_top_k/plain": [0.4, 0.6],
    "sparse_top_k/weighted": [0.323727, 0.5237136],
    "sparse_top_k_col/plain": [0.6, 0.7],
    "sparse_top_k_col/weighted": [0.7438323, 0.7220243],
    "sparse_top_k_sorted/plain": [0.4, 0.6],
    "sparse_top_k_sorted/weighted": [0.323727, 0.5237136],
    "squared_hinge/plain": [0.8134844, 1.1189648],
    "squared_hinge/weighted": [0.9227096, 1.3728983],
    "sum/plain": [-1.7233937, -3.2817893],
    "sum/weighted": [-1.3745692, -4.4960551],
    "sum_2d/plain": [-6.0914159, -4.2744846],
    "sum_2d/weighted": [-6.3020377, -2.2192826],
    "sum_2d_w2d/plain": [1.6693461, 3.4732065],
    "sum_2d_w2d/weighted": [5.355094, 5.3589597],
    "top_k/plain": [0.4, 0.6],
    "top_k/weighted": [0.323727, 0.5237136],
}
