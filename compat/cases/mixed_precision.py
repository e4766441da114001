"""Mixed precision: dtype policies, autocast and loss scaling against Keras.

Each case builds `MLP_LAYERS` (Dense, BatchNormalization, a float32 softmax)
under a global policy, sets deterministic weights drawn from the seed, and
records output/hidden dtypes, predictions, the layer config's dtype entry, a
short `fit` (History, final weights) and, with a `LossScaleOptimizer`, its
variables after training.
"""

import copy

from compat.cases import Case, build_optimizer

MLP_LAYERS = (
    ("Dense", {"units": 8, "activation": "relu", "name": "d1"}),
    ("BatchNormalization", {"name": "bn"}),
    ("Dense", {"units": 3, "name": "d2"}),
    ("Activation", {"activation": "softmax", "dtype": "float32", "name": "sm"}),
)


def build(module, case: Case):
    """The case's model under its policy (the caller restores `"float32"`)."""
    module.config.set_dtype_policy(case.spec["policy"])
    layers = [getattr(module.layers, c)(**copy.deepcopy(kw)) for c, kw in case.layers]
    return module.Sequential([module.Input(shape=case.input_shape), *layers])


def optimizer(module, case: Case):
    """The compiled optimizer; `("LossScale", kwargs, inner)` wraps `inner`."""
    spec = case.spec["optimizer"]
    if spec[0] == "LossScale":
        inner = build_optimizer(module, spec[2])
        return module.optimizers.LossScaleOptimizer(inner, **spec[1])
    return build_optimizer(module, spec)


def _case(name, policy, opt, **spec):
    return Case(
        name=name,
        kind="mixed_precision",
        layers=MLP_LAYERS,
        input_shape=(6,),
        seed=3,
        spec={"policy": policy, "optimizer": opt, "epochs": 3, **spec},
    )


CASES = [
    _case("mixed_bfloat16_mlp", "mixed_bfloat16", ("SGD", {"learning_rate": 0.1})),
    # compile wraps the optimizer in a LossScaleOptimizer automatically.
    _case("mixed_float16_mlp", "mixed_float16", ("Adam", {"learning_rate": 0.01})),
    # A scale too large for float16 activations' gradients: the first steps are
    # skipped and halve the scale, later ones grow it every 2 finite steps.
    _case(
        "mixed_float16_loss_scaling",
        "mixed_float16",
        (
            "LossScale",
            {"initial_scale": 2.0**19, "dynamic_growth_steps": 2},
            ("SGD", {"learning_rate": 0.1, "momentum": 0.9}),
        ),
        epochs=4,
    ),
    _case("float16_policy", "float16", ("SGD", {"learning_rate": 0.1})),
]
