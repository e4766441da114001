"""Callbacks against Keras: what they write, print and change during `fit`.

Each case fits a small regression MLP (deterministic weights and data drawn
from the seed, `shuffle=False`) with one callback and records the history, the
final weights, what the callback printed, and the files it wrote in a fresh
directory (`<dir>` in paths): their names, a `.weights.h5` file's weights as
loaded back into the model, a CSV file's text. `run` is shared by the recorder
(real Keras) and the test (kerasish), so both sides do exactly the same.
"""

import contextlib
import copy
import io
import os
import warnings

import numpy as np

from compat.cases import Case, build_model, build_optimizer

LAYERS = (
    ("Dense", {"units": 4, "activation": "tanh", "name": "hidden"}),
    ("Dense", {"units": 1, "name": "out"}),
)


def data(seed: int) -> tuple:
    """Train and validation sets; the validation target drifts away from the
    training one, so `val_loss` improves, then worsens."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(12, 3)).astype("float32")
    y = (x @ np.array([[1.0], [-1.0], [0.5]]) + 0.3).astype("float32")
    xv = rng.normal(size=(6, 3)).astype("float32")
    yv = (xv @ np.array([[0.2], [-1.5], [1.0]]) - 0.4).astype("float32")
    return x, y, xv, yv


def initial_weights(model, seed: int) -> list:
    rng = np.random.default_rng(seed + 1)
    return [rng.normal(size=v.shape).astype("float32") * 0.5 for v in model.weights]


def _in_dir(value, directory: str):
    if isinstance(value, str) and value.startswith("<dir>/"):
        return os.path.join(directory, value[len("<dir>/") :])
    return value


def _make_model(module, case: Case):
    model = build_model(module, case)
    model.compile(
        optimizer=build_optimizer(module, case.spec["optimizer"]),
        loss="mse",
        metrics=list(case.spec.get("metrics", [])),
        steps_per_execution=case.spec.get("steps_per_execution", 1),
    )
    model.set_weights(initial_weights(model, case.seed))
    return model


def run(module, case: Case, directory: str) -> tuple[dict, dict]:
    """Fits `case` with its callback under `module`; returns `(arrays, extras)`."""
    cls, kwargs = case.spec["callback"]
    kwargs = {k: _in_dir(v, directory) for k, v in copy.deepcopy(kwargs).items()}
    callback = getattr(module.callbacks, cls)(**kwargs)
    model = _make_model(module, case)
    x, y, xv, yv = data(case.seed)
    out = io.StringIO()
    with contextlib.redirect_stdout(out), warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        history = model.fit(
            x,
            y,
            batch_size=case.spec.get("batch_size", 4),
            epochs=case.spec["epochs"],
            shuffle=False,
            verbose=0,
            validation_data=(xv, yv),
            callbacks=[callback],
        )
    arrays = {"final_weights": model.get_weights()}
    extras = {
        "epochs": list(history.epoch),
        "history": {k: [float(v) for v in vs] for k, vs in history.history.items()},
        "stdout": out.getvalue().replace(directory, "<dir>"),
        "warnings": sorted({str(m.message) for m in w if "callbacks" in m.filename}),
        "files": sorted(os.listdir(directory)),
    }
    for name in extras["files"]:
        path = os.path.join(directory, name)
        if name.endswith(".weights.h5"):
            loaded = _make_model(module, case)
            loaded.load_weights(path)
            arrays[f"file/{name}"] = loaded.get_weights()
        elif name.endswith(".csv"):
            with open(path, newline="") as f:
                extras[f"file/{name}"] = f.read()
    return arrays, extras


def _case(name: str, callback: tuple, epochs: int = 8, **spec) -> Case:
    return Case(
        name=f"callbacks_{name}",
        kind="callbacks",
        layers=LAYERS,
        input_shape=(3,),
        seed=11,
        spec={
            "callback": callback,
            "epochs": epochs,
            "optimizer": ("SGD", {"learning_rate": 0.3}),
            **spec,
        },
    )


CASES = [
    _case(
        "checkpoint_save_best",
        (
            "ModelCheckpoint",
            {
                "filepath": "<dir>/{epoch:02d}-{val_loss:.3f}.weights.h5",
                "save_best_only": True,
                "save_weights_only": True,
                "verbose": 1,
            },
        ),
    ),
    _case(
        "checkpoint_every_epoch_metric_template",
        (
            "ModelCheckpoint",
            {
                "filepath": "<dir>/m{epoch}-{mae:.2f}-{val_mae:.2f}.keras",
                "verbose": 1,
            },
        ),
        epochs=3,
        metrics=("mae",),
    ),
    _case(
        "checkpoint_threshold_max",
        (
            "ModelCheckpoint",
            {
                "filepath": "<dir>/best.weights.h5",
                "monitor": "val_mae",
                "mode": "max",
                "save_best_only": True,
                "save_weights_only": True,
                "initial_value_threshold": 0.9,
                "verbose": 1,
            },
        ),
        metrics=("mae",),
    ),
    _case(
        "checkpoint_batch_freq",
        (
            "ModelCheckpoint",
            {
                "filepath": "<dir>/e{epoch}-b{batch}.weights.h5",
                "save_freq": 4,
                "save_weights_only": True,
                "verbose": 1,
            },
        ),
        # 3 batches an epoch, 2 per execution: batch ends at 1, 2; 1, 2; ...
        epochs=3,
        steps_per_execution=2,
    ),
    _case(
        "early_stopping_restore",
        (
            "EarlyStopping",
            {"patience": 2, "restore_best_weights": True, "verbose": 1},
        ),
        epochs=20,
    ),
    _case(
        "reduce_lr_on_plateau",
        (
            "ReduceLROnPlateau",
            {"factor": 0.5, "patience": 1, "min_lr": 0.05, "verbose": 1},
        ),
        epochs=10,
    ),
    _case(
        "csv_logger",
        ("CSVLogger", {"filename": "<dir>/log.csv"}),
        epochs=3,
        metrics=("mae",),
    ),
]
