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


def _fit(name, layers=MLP, runs=None, **spec) -> Case:
    runs = runs or [{"fit": {**FIT, "shuffle": False}}]
    return Case(
        name, "fit", layers=layers, input_shape=(8,), spec={**spec, "runs": runs}
    )


# Each optimizer trains twice on one compiled model (one set of jit compiles):
# unshuffled, then, from the initial weights again but with the optimizer state
# carried over (as Keras does across `fit` calls), shuffled after
# `set_random_seed(123)`.
UNSHUFFLED_THEN_SHUFFLED = [
    {"fit": {**FIT, "shuffle": False}},
    {"fit": {**FIT, "shuffle": True}, "seed_before_fit": 123, "reset_weights": True},
]

CASES = [
    *[
        _fit(f"fit_{opt}", optimizer=spec, runs=UNSHUFFLED_THEN_SHUFFLED, **CLASSIFY)
        for opt, spec in OPTIMIZERS.items()
    ],
    _fit(
        "fit_validation_split",
        optimizer=OPTIMIZERS["adam"],
        runs=[{"fit": {**FIT, "shuffle": False, "validation_split": 0.25}}],
        **CLASSIFY,
    ),
    _fit(
        "fit_sample_weight",
        optimizer=OPTIMIZERS["sgd_momentum"],
        sample_weight=True,
        **CLASSIFY,
    ),
    _fit(
        "fit_class_weight",
        optimizer=OPTIMIZERS["rmsprop"],
        runs=[
            {"fit": {**FIT, "shuffle": False, "class_weight": {0: 1.0, 1: 2.5, 2: 0.5}}}
        ],
        **CLASSIFY,
    ),
    _fit(
        "fit_regression_mse_mae",
        layers=REGRESSOR,
        optimizer=OPTIMIZERS["adam"],
        data="regress",
        loss="mse",
        metrics=["mae"],
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
