"""Optimizer cases: weights after each of 5 `apply_gradients` steps on a small
model with a fixed gradient sequence, and the optimizer variables at the end.

`OPTIMIZERS` is shared with the `fit` cases in `cases/training.py`.
"""

from compat.cases import Case

# name -> (class name, kwargs) for `build_optimizer`.
OPTIMIZERS = {
    "sgd": ("SGD", {"learning_rate": 0.1}),
    "sgd_momentum": ("SGD", {"learning_rate": 0.05, "momentum": 0.9}),
    "sgd_nesterov": ("SGD", {"learning_rate": 0.05, "momentum": 0.9, "nesterov": True}),
    "adam": ("Adam", {"learning_rate": 0.01}),
    "adam_amsgrad": ("Adam", {"learning_rate": 0.01, "amsgrad": True}),
    "adamw": ("AdamW", {"learning_rate": 0.01, "weight_decay": 0.1}),
    "rmsprop": ("RMSprop", {"learning_rate": 0.01}),
    "rmsprop_momentum": ("RMSprop", {"learning_rate": 0.01, "momentum": 0.5}),
    "rmsprop_centered": ("RMSprop", {"learning_rate": 0.01, "centered": True}),
    "adagrad": ("Adagrad", {"learning_rate": 0.1}),
    "adamax": ("Adamax", {"learning_rate": 0.01}),
    "nadam": ("Nadam", {"learning_rate": 0.01}),
}

VARIANTS = {
    "defaults_sgd": ("SGD", {}),
    "defaults_adam": ("Adam", {}),
    "defaults_rmsprop": ("RMSprop", {}),
    "sgd_clipnorm": ("SGD", {"learning_rate": 0.1, "clipnorm": 0.5}),
    "sgd_clipvalue": ("SGD", {"learning_rate": 0.1, "clipvalue": 0.2}),
    "adam_global_clipnorm": ("Adam", {"learning_rate": 0.01, "global_clipnorm": 0.5}),
    "sgd_weight_decay": ("SGD", {"learning_rate": 0.1, "weight_decay": 0.2}),
    "sgd_momentum_exponential_decay": (
        "SGD",
        {
            "learning_rate": (
                "ExponentialDecay",
                {"initial_learning_rate": 0.1, "decay_steps": 2, "decay_rate": 0.5},
            ),
            "momentum": 0.9,
        },
    ),
    "adam_cosine_decay": (
        "Adam",
        {
            "learning_rate": (
                "CosineDecay",
                {"initial_learning_rate": 0.05, "decay_steps": 4},
            )
        },
    ),
    "rmsprop_piecewise": (
        "RMSprop",
        {
            "learning_rate": (
                "PiecewiseConstantDecay",
                {"boundaries": [1, 3], "values": [0.05, 0.02, 0.01]},
            )
        },
    ),
}

MODEL_LAYERS = (("Dense", {"units": 3, "name": "d0"}),)

CASES = [
    Case(
        f"optimizer_{name}",
        "optimizer",
        layers=MODEL_LAYERS,
        input_shape=(4,),
        seed=i,
        spec={"optimizer": opt, "steps": 5},
    )
    for i, (name, opt) in enumerate({**OPTIMIZERS, **VARIANTS}.items())
]
