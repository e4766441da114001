"""Data recipes of the compat cases (drawn by `generate.py`, stored in the
references, so the tests read the data rather than redraw it) and a fake clock."""

import numpy as np

F32 = np.float32


def make_pair(kind: str, rng: np.random.Generator, n: int) -> tuple:
    """`(y_true, y_pred)` (or `(values, None)`) of data kind `kind`, n samples."""
    c = 3
    if kind == "values":
        return rng.normal(size=(n,)).astype(F32), None
    if kind == "regression":
        return rng.uniform(0.0, 2.0, (n, c)).astype(F32), rng.normal(
            1.0, 1.0, (n, c)
        ).astype(F32)
    if kind == "positive":
        return rng.uniform(0.0, 2.0, (n, c)).astype(F32), rng.uniform(
            0.1, 2.0, (n, c)
        ).astype(F32)
    if kind == "probs":
        return rng.uniform(0.0, 1.0, (n, c)).astype(F32), rng.uniform(
            0.05, 1.0, (n, c)
        ).astype(F32)
    if kind in ("binary_probs", "binary_logits", "hinge", "binary_col", "multilabel"):
        cols = 1 if kind == "binary_col" else c
        y_true = rng.integers(0, 2, (n, cols)).astype(F32)
        if kind in ("binary_probs", "binary_col", "multilabel"):
            return y_true, rng.uniform(0.02, 0.98, (n, cols)).astype(F32)
        return y_true, rng.normal(0.0, 2.0, (n, cols)).astype(F32)
    labels = rng.integers(0, c, (n,))
    probs = rng.uniform(0.05, 1.0, (n, c)).astype(F32)
    logits = rng.normal(0.0, 2.0, (n, c)).astype(F32)
    onehot = np.eye(c, dtype=F32)[labels]
    return {
        "onehot_probs": (onehot, probs),
        "onehot_logits": (onehot, logits),
        "sparse_probs": (labels.astype(np.int32), probs),
        "sparse_logits": (labels.astype(np.int32), logits),
        "sparse_col_logits": (labels.astype(np.int32)[:, None], logits),
        "int_labels": (
            labels.astype(np.int32),
            rng.integers(0, c, (n,)).astype(np.int32),
        ),
    }[kind]


def fit_data(kind: str, rng: np.random.Generator, input_shape=(8,), n: int = 40):
    """`(x, y)` for the fit / evaluate / summary / fit_log cases."""
    x = rng.normal(size=(n, *input_shape)).astype(F32)
    if kind == "classify":
        return x, rng.integers(0, 3, (n,)).astype(np.int32)
    w = rng.normal(size=(int(np.prod(input_shape)), 1)).astype(F32)
    return x, (x.reshape(n, -1) @ w + 0.1 * rng.normal(size=(n, 1))).astype(F32)


GRID = np.array(
    [-50, -20, -10, -6, -4, -3, -2, -1.5, -1, -0.75, -0.5, -0.3, -0.25, -0.1, -0.01, 0]
    + [0.01, 0.1, 0.25, 0.3, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 4, 6, 10, 20, 50],
    dtype=F32,
).reshape(2, 16)


GRAD_SCALES = (1.0, 0.5, 2.0, 0.1, 1.5)


class FakeClock:
    """Stands in for `time.time` so Progbar output is reproducible."""

    def __init__(self, now: float):
        self.now = now

    def __call__(self) -> float:
        return self.now
