"""Records `mixed_precision` cases (see `compat/cases/mixed_precision.py`)."""

import keras
import numpy as np

from compat.cases import mixed_precision


def initial_weights(model, seed: int) -> list[np.ndarray]:
    """Deterministic weights (positive moving variances) for both sides."""
    rng = np.random.default_rng(seed)
    weights = []
    for v in model.weights:
        value = rng.normal(size=v.shape).astype(v.dtype) * 0.5
        if v.name == "moving_variance":
            value = np.abs(value) + 1
        weights.append(value)
    return weights


def record(case):
    try:
        model = mixed_precision.build(keras, case)
        rng = np.random.default_rng(case.seed)
        x = rng.normal(size=(16, 6)).astype("float32")
        y = rng.integers(0, 3, size=16)
        model.set_weights(initial_weights(model, case.seed))
        hidden = model.layers[1](model.layers[0](x))
        out = {"x": x, "y": y, "weights": model.get_weights()}
        out["predict"] = model.predict(x, verbose=0)
        extras = {
            "hidden_dtype": str(hidden.dtype),
            "predict_dtype": str(out["predict"].dtype),
            "weight_dtypes": [str(v.dtype) for v in model.weights],
            "dtype_config": model.get_config()["layers"][1]["config"]["dtype"],
        }
        model.compile(
            optimizer=mixed_precision.optimizer(keras, case),
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
        )
        extras["optimizer"] = type(model.optimizer).__name__
        history = model.fit(
            x, y, epochs=case.spec["epochs"], batch_size=8, shuffle=False, verbose=0
        )
        extras["history"] = {
            k: [float(v) for v in vs] for k, vs in history.history.items()
        }
        out["final_weights"] = model.get_weights()
        out["optimizer_variables"] = [np.asarray(v) for v in model.optimizer.variables]
        extras["optimizer_paths"] = [v.path for v in model.optimizer.variables]
        return out, extras
    finally:
        keras.config.set_dtype_policy("float32")


RECORDERS = {"mixed_precision": record}
