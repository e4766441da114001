"""Compat cases for normalization, embedding/masking and activation layers (issue 3).

The generic layer recorder feeds float inputs drawn from a normal distribution.
Embedding cases use them as they are: Keras' `Embedding` casts non-integer
inputs to int32 (truncation toward zero; -2 and -1 wrap to the table's end),
so the lookup, the `mask_zero` mask and the gradients are fully determined
by the recorded inputs.
"""

from compat.cases import Case
from compat.cases.optimizers import OPTIMIZERS

FWD_GRADS = ("forward", "forward_train", "grads")
# Positive variances for non-trivial moving statistics.
VARIANCE_INIT = {"class_name": "RandomUniform", "config": {"minval": 0.5, "maxval": 2}}
RANDOM_INIT = {"class_name": "RandomNormal", "config": {"stddev": 0.5}}


def _layer(name: str, layers: tuple, input_shape: tuple) -> Case:
    return Case(name, "layer", layers=layers, input_shape=input_shape, checks=FWD_GRADS)


def _dense(name: str, units: int, **kwargs) -> tuple[str, dict]:
    return ("Dense", {"units": units, "name": name, **kwargs})


def _bn(**kwargs) -> tuple[str, dict]:
    return (
        "BatchNormalization",
        {
            "name": "bn",
            "beta_initializer": RANDOM_INIT,
            "gamma_initializer": VARIANCE_INIT,
            "moving_mean_initializer": RANDOM_INIT,
            "moving_variance_initializer": VARIANCE_INIT,
            **kwargs,
        },
    )


def _ln(**kwargs) -> tuple[str, dict]:
    return (
        "LayerNormalization",
        {
            "name": "ln",
            "beta_initializer": RANDOM_INIT,
            "gamma_initializer": VARIANCE_INIT,
            **kwargs,
        },
    )


def _gn(**kwargs) -> tuple[str, dict]:
    return (
        "GroupNormalization",
        {
            "name": "gn",
            "beta_initializer": RANDOM_INIT,
            "gamma_initializer": VARIANCE_INIT,
            **kwargs,
        },
    )


NORMALIZATION = [
    _layer("layer_norm_batchnorm", (_dense("d0", 4), _bn()), (3,)),
    _layer(
        "layer_norm_batchnorm_variants",
        (
            _bn(axis=1, center=False, momentum=0.5, epsilon=0.1, name="bn0"),
            _bn(scale=False, name="bn1"),
        ),
        (3, 4),
    ),
    _layer("layer_norm_layernorm", (_dense("d0", 4), _ln()), (3,)),
    _layer(
        "layer_norm_layernorm_variants",
        (
            _ln(axis=[2, 1], epsilon=0.1, name="ln0"),
            _ln(center=False, name="ln1"),
            _ln(rms_scaling=True, name="ln2"),
        ),
        (3, 4),
    ),
    _layer(
        "layer_norm_groupnorm_variants",
        (
            _gn(groups=2, name="gn0"),
            _gn(groups=-1, name="gn1"),
            _gn(groups=2, axis=1, name="gn2"),
        ),
        (4, 4),
    ),
    _layer(
        "layer_norm_unitnorm",
        (
            ("UnitNormalization", {"axis": [1, 2], "name": "un0"}),
            _dense("d0", 4),
            ("UnitNormalization", {"name": "un1"}),
        ),
        (3, 4),
    ),
]

EMBEDDING = [
    _layer(
        "layer_embedding_dense",
        (
            ("Embedding", {"input_dim": 5, "output_dim": 3, "name": "emb"}),
            _dense("d0", 2),
        ),
        (6,),
    ),
    # The mask (inputs != 0) reaches BatchNormalization, whose training-mode
    # statistics leave the masked timesteps out.
    _layer(
        "layer_embedding_mask_zero_batchnorm",
        (
            (
                "Embedding",
                {"input_dim": 5, "output_dim": 3, "mask_zero": True, "name": "emb"},
            ),
            _bn(),
        ),
        (6,),
    ),
    # ReLU zeroes both features of about a quarter of the timesteps, which
    # Masking masks. (With a single feature, Keras' masked BatchNormalization
    # fails: its masked moments squeeze to scalars.)
    _layer(
        "layer_embedding_masking_batchnorm",
        (("ReLU", {"name": "r0"}), ("Masking", {"name": "mask"}), _bn()),
        (6, 2),
    ),
]

ACTIVATIONS = [
    _layer(
        "layer_act_relu_variants",
        (
            _dense("d0", 6),
            ("ReLU", {"name": "a0"}),
            _dense("d1", 6),
            (
                "ReLU",
                {
                    "max_value": 1.0,
                    "negative_slope": 0.1,
                    "threshold": 0.2,
                    "name": "a1",
                },
            ),
            _dense("d2", 6),
            ("ReLU", {"max_value": 6.0, "name": "a2"}),
        ),
        (4,),
    ),
    _layer(
        "layer_act_leaky_relu_elu",
        (
            _dense("d0", 6),
            ("LeakyReLU", {"name": "a0"}),
            _dense("d1", 6),
            ("LeakyReLU", {"negative_slope": 0.05, "name": "a1"}),
            _dense("d2", 6),
            ("ELU", {"alpha": 0.7, "name": "a2"}),
        ),
        (4,),
    ),
    _layer(
        "layer_act_prelu",
        (
            (
                "PReLU",
                {"alpha_initializer": RANDOM_INIT, "shared_axes": [1], "name": "a0"},
            ),
            _dense("d0", 4),
            ("PReLU", {"alpha_initializer": RANDOM_INIT, "name": "a1"}),
        ),
        (3, 4),
    ),
    _layer(
        "layer_act_softmax",
        (
            ("Softmax", {"axis": 1, "name": "a0"}),
            _dense("d0", 4),
            ("Softmax", {"name": "a1"}),
            _dense("d1", 4),
            ("Softmax", {"axis": [1, 2], "name": "a2"}),
        ),
        (3, 4),
    ),
]

# `fit` cases (checked by compat/test_training.py): BatchNormalization's moving
# statistics are non-trainable state carried by the jitted train step.
FIT = [
    Case(
        "layer_norm_batchnorm_fit",
        "fit",
        layers=(
            _dense("hidden", 8, activation="relu"),
            ("BatchNormalization", {"name": "bn", "momentum": 0.8}),
            _dense("probs", 3, activation="softmax"),
        ),
        input_shape=(8,),
        spec={
            "data": "classify",
            "loss": "sparse_categorical_crossentropy",
            "metrics": ["accuracy"],
            "optimizer": OPTIMIZERS["sgd"],
            "runs": [{"fit": {"batch_size": 16, "epochs": 2, "shuffle": False}}],
        },
    ),
]

CASES = [*NORMALIZATION, *EMBEDDING, *ACTIVATIONS, *FIT]
