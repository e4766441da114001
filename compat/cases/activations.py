"""Activation cases: every `keras.activations` function on a fixed grid."""

from compat.cases import Case

# (function name, kwargs); names are `keras.activations` attribute names.
FUNCTIONS = [
    ("celu", {}),
    ("celu", {"alpha": 2.0}),
    ("elu", {}),
    ("elu", {"alpha": 0.5}),
    ("exponential", {}),
    ("gelu", {}),
    ("gelu", {"approximate": True}),
    ("glu", {}),
    ("glu", {"axis": 0}),
    ("hard_shrink", {}),
    ("hard_shrink", {"threshold": 1.5}),
    ("hard_sigmoid", {}),
    ("hard_silu", {}),
    ("hard_swish", {}),
    ("hard_tanh", {}),
    ("leaky_relu", {}),
    ("leaky_relu", {"negative_slope": 0.05}),
    ("linear", {}),
    ("log_sigmoid", {}),
    ("log_softmax", {}),
    ("log_softmax", {"axis": 0}),
    ("mish", {}),
    ("relu", {}),
    ("relu", {"negative_slope": 0.1, "max_value": 4.0, "threshold": 0.5}),
    ("relu", {"max_value": 6.0}),
    ("relu6", {}),
    ("selu", {}),
    ("sigmoid", {}),
    ("silu", {}),
    ("soft_shrink", {}),
    ("soft_shrink", {"threshold": 1.0}),
    ("softmax", {}),
    ("softmax", {"axis": 0}),
    ("softplus", {}),
    ("softsign", {}),
    ("sparse_plus", {}),
    ("sparse_sigmoid", {}),
    ("sparsemax", {}),
    ("squareplus", {}),
    ("squareplus", {"b": 1.0}),
    ("swish", {}),
    ("tanh", {}),
    ("tanh_shrink", {}),
    ("threshold", {"threshold": 0.5, "default_value": -1.0}),
]


def _case_name(fn: str, kwargs: dict) -> str:
    suffix = "".join(f"_{k}{v}" for k, v in kwargs.items())
    return f"activation_{fn}{suffix}"


CASES = [
    Case(_case_name(fn, kw), "activation", spec={"fn": fn, "kwargs": kw})
    for fn, kw in FUNCTIONS
]
