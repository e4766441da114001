"""Printed-output cases: `model.summary()` text, `Progbar` lines, and the
captured stdout of `fit(verbose=1 / 2)`.

Summaries are rendered with `COLUMNS` set to `spec["columns"]` (Keras sizes the
table from the terminal width).
"""

from compat.cases import Case
from compat.cases.training import CLASSIFY, MLP

SUMMARY_LAYERS = (
    ("Flatten", {"name": "flatten"}),
    ("Dense", {"units": 16, "activation": "relu", "name": "dense"}),
    ("Dropout", {"rate": 0.25, "name": "dropout"}),
    ("Dense", {"units": 3, "activation": "softmax", "name": "dense_1"}),
)
LONG_NAME = "a_rather_long_dense_layer_name_that_wraps"


def _summary(name, layers=SUMMARY_LAYERS, input_shape=(4, 5), **spec) -> Case:
    spec = {"columns": 100, "model_name": "sequential", **spec}
    return Case(name, "summary", layers=layers, input_shape=input_shape, spec=spec)


def _progbar(name, **spec) -> Case:
    return Case(name, "progbar", spec=spec)


# Progbar updates: (clock time when `update` is called, current, values, finalize).
_UPDATES = [
    (1000.5, 1, [("loss", 0.9), ("acc", 0.25)], None),
    (1001.0, 2, [("loss", 0.7), ("acc", 0.5)], None),
    (1004.25, 5, [("loss", 0.5), ("acc", 0.5)], None),
    (1004.26, 6, [("loss", 0.45), ("acc", 0.625)], None),
    (1010.0, 9, [("loss", 0.3), ("acc", 0.75)], None),
    (1012.5, 10, [("loss", 0.00025), ("acc", 0.875)], None),
]

CASES = [
    _summary("summary_built"),
    _summary("summary_unbuilt", input_shape=None, model_name="unbuilt"),
    _summary(
        "summary_long_name",
        layers=(
            ("Flatten", {"name": "flatten"}),
            ("Dense", {"units": 1000, "name": LONG_NAME}),
            ("Dense", {"units": 2, "name": "d"}),
        ),
        model_name="long_names",
    ),
    _summary("summary_show_trainable", frozen=["dense"], show_trainable=True),
    _summary(
        "summary_after_fit",
        fit=True,
        optimizer=("Adam", {"learning_rate": 0.01}),
        loss="sparse_categorical_crossentropy",
    ),
    _progbar("progbar_verbose1", target=10, verbose=1, start=1000.0, updates=_UPDATES),
    _progbar(
        "progbar_verbose1_stateful",
        target=10,
        verbose=1,
        start=1000.0,
        updates=_UPDATES,
        stateful_metrics=["acc"],
        unit_name="sample",
    ),
    _progbar("progbar_verbose2", target=10, verbose=2, start=1000.0, updates=_UPDATES),
    _progbar(
        "progbar_unknown_target",
        target=None,
        verbose=1,
        start=1000.0,
        updates=[*_UPDATES[:3], (1006.0, 5, [("loss", 0.4)], True)],
    ),
    _progbar(
        "progbar_long_run",
        target=2000,
        verbose=1,
        start=0.0,
        updates=[
            (30.0, 1, [("loss", 2.0)], None),
            (90.0, 3, [("loss", 1.0)], None),
            (4000.0, 100, [("loss", 0.5)], None),
            (90000.0, 2000, [("loss", 0.25)], None),
        ],
    ),
    *[
        Case(
            f"fit_log_verbose{verbose}",
            "fit_log",
            layers=MLP,
            input_shape=(8,),
            spec={
                **CLASSIFY,
                "optimizer": ("Adam", {"learning_rate": 0.01}),
                "fit": {
                    "batch_size": 16,
                    "epochs": 2,
                    "shuffle": False,
                    "verbose": verbose,
                },
                "validation": verbose == 1,
            },
        )
        for verbose in (1, 2)
    ],
]
