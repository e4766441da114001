"""Initializer cases: sample statistics (exact values for deterministic ones)."""

from compat.cases import Case

SHAPES = ((64, 128), (3, 3, 8, 16))

# (case suffix, identifier, family). The identifier is a `keras.initializers.get`
# string or `(class_name, kwargs)`. The family picks the test's tolerance:
# "exact" (deterministic), "bounded" (uniform / truncated: min and max are
# stable), "normal" (unbounded: min and max are loose), "orthogonal".
INITIALIZERS = [
    ("zeros", "zeros", "exact"),
    ("ones", "ones", "exact"),
    ("constant", ("Constant", {"value": 0.3}), "exact"),
    ("identity", "identity", "exact"),
    ("identity_gain", ("Identity", {"gain": 2.0}), "exact"),
    ("random_normal", "random_normal", "normal"),
    ("random_normal_args", ("RandomNormal", {"mean": 1.0, "stddev": 0.5}), "normal"),
    ("random_uniform", "random_uniform", "bounded"),
    (
        "random_uniform_args",
        ("RandomUniform", {"minval": -2.0, "maxval": 1.0}),
        "bounded",
    ),
    ("truncated_normal", "truncated_normal", "bounded"),
    (
        "truncated_normal_args",
        ("TruncatedNormal", {"mean": 0.5, "stddev": 2.0}),
        "bounded",
    ),
    ("glorot_uniform", "glorot_uniform", "bounded"),
    ("glorot_normal", "glorot_normal", "bounded"),
    ("he_uniform", "he_uniform", "bounded"),
    ("he_normal", "he_normal", "bounded"),
    ("lecun_uniform", "lecun_uniform", "bounded"),
    ("lecun_normal", "lecun_normal", "bounded"),
    ("orthogonal", "orthogonal", "orthogonal"),
    ("orthogonal_gain", ("Orthogonal", {"gain": 2.0}), "orthogonal"),
    ("variance_scaling", "variance_scaling", "bounded"),
    (
        "variance_scaling_fan_out_uniform",
        (
            "VarianceScaling",
            {"scale": 2.0, "mode": "fan_out", "distribution": "uniform"},
        ),
        "bounded",
    ),
    (
        "variance_scaling_fan_avg_untruncated",
        (
            "VarianceScaling",
            {"scale": 0.5, "mode": "fan_avg", "distribution": "untruncated_normal"},
        ),
        "normal",
    ),
]

# Keras' Identity initializer only accepts 2D shapes.
_ONLY_2D = {"identity", "identity_gain"}

CASES = [
    Case(
        f"initializer_{suffix}",
        "initializer",
        spec={
            "init": ident,
            "family": family,
            "shapes": SHAPES[:1] if suffix in _ONLY_2D else SHAPES,
        },
    )
    for suffix, ident, family in INITIALIZERS
]
