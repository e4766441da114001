"""Training cases: `fit` trajectories (History and weights) and `evaluate`'s
return forms.

Data kinds: "classify" (40 samples, 8 features, 3 integer classes) and
"regress" (40 samples, 8 features, `(40, 1)` float targets).
"""

from compat.cases import Case
from compat.cases.optimizers import OPTIMIZERS

MLP = (
    ("Dense", {"units": 16, "activation": "relu", "name": "hidden"}),
    ("Dense", {"units": 3, "activation": "softmax", "name": "probs"}),
)
REGRESSOR = (
    ("Dense", {"units": 16, "activation": "relu", "name": "hidden"}),
    ("Dense", {"units": 1, "name": "out"}),
)
CLASSIFY = {
    "data": "classify",
    "loss": "sparse_categorical_crossentropy",
    "metrics": ["accuracy"],
}
FIT = {"batch_size": 16, "epochs": 3}


def _fit(name, layers=MLP, seed=0, **spec) -> Case:
    return Case(name, "fit", layers=layers, input_shape=(8,), seed=seed, spec=spec)


CASES = [
    *[
        _fit(
            f"fit_{opt}",
            optimizer=spec,
            **CLASSIFY,
            fit={**FIT, "shuffle": False},
        )
        for opt, spec in OPTIMIZERS.items()
    ],
    *[
        _fit(
            f"fit_{opt}_shuffled",
            seed=1,
            optimizer=spec,
            **CLASSIFY,
            fit={**FIT, "shuffle": True},
            seed_before_fit=123,
        )
        for opt, spec in OPTIMIZERS.items()
    ],
    _fit(
        "fit_validation_split",
        optimizer=OPTIMIZERS["adam"],
        **CLASSIFY,
        fit={**FIT, "shuffle": False, "validation_split": 0.25},
    ),
    _fit(
        "fit_sample_weight",
        optimizer=OPTIMIZERS["sgd_momentum"],
        **CLASSIFY,
        fit={**FIT, "shuffle": False},
        sample_weight=True,
    ),
    _fit(
        "fit_class_weight",
        optimizer=OPTIMIZERS["rmsprop"],
        **CLASSIFY,
        fit={**FIT, "shuffle": False, "class_weight": {0: 1.0, 1: 2.5, 2: 0.5}},
    ),
    _fit(
        "fit_regression_mse_mae",
        layers=REGRESSOR,
        optimizer=OPTIMIZERS["adam"],
        data="regress",
        loss="mse",
        metrics=["mae"],
        fit={**FIT, "shuffle": False},
    ),
    Case(
        "evaluate_return_forms",
        "evaluate",
        layers=MLP,
        input_shape=(8,),
        spec={"data": "classify", "optimizer": OPTIMIZERS["sgd"], "batch_size": 16},
    ),
    Case(
        "evaluate_regression_two_metrics",
        "evaluate",
        layers=REGRESSOR,
        input_shape=(8,),
        spec={
            "data": "regress",
            "optimizer": OPTIMIZERS["sgd"],
            "batch_size": 16,
            "loss": "mse",
            "metrics": ["mse", "mae"],
        },
    ),
]
