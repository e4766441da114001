"""Layer cases: forward passes (inference and training mode) and gradients."""

from compat.cases import Case

FWD_GRADS = ("forward", "forward_train", "grads")
# Dropout is random in training mode: only inference outputs are comparable.
FWD_GRADS_INFERENCE = ("forward", "grads")


def _dense(name: str, units: int, **kwargs) -> tuple[str, dict]:
    return ("Dense", {"units": units, "name": name, **kwargs})


CASES = [
    Case(
        "layer_dense_relu",
        "layer",
        layers=(_dense("d0", 3, activation="relu"),),
        input_shape=(5,),
        checks=FWD_GRADS,
    ),
    Case(
        "layer_dense_rank3_relu_no_bias",
        "layer",
        layers=(_dense("d0", 4, activation="relu", use_bias=False),),
        input_shape=(3, 5),
        checks=FWD_GRADS,
    ),
    Case(
        "layer_dense_rank3_linear",
        "layer",
        layers=(_dense("d0", 2), _dense("d1", 3, activation="tanh")),
        input_shape=(2, 3, 4),
        checks=FWD_GRADS,
    ),
    *[
        Case(
            f"layer_activation_{act}",
            "layer",
            layers=(_dense("d0", 6), ("Activation", {"activation": act, "name": "a0"})),
            input_shape=(4,),
            checks=FWD_GRADS,
        )
        for act in ("relu", "tanh", "sigmoid", "softmax", "gelu", "elu", "swish")
    ],
    Case(
        "layer_flatten",
        "layer",
        layers=(("Flatten", {"name": "f0"}), _dense("d0", 3)),
        input_shape=(2, 3, 2),
        checks=FWD_GRADS,
    ),
    Case(
        "layer_reshape",
        "layer",
        layers=(
            ("Reshape", {"target_shape": (3, 4), "name": "r0"}),
            _dense("d0", 2),
            ("Reshape", {"target_shape": (-1,), "name": "r1"}),
        ),
        input_shape=(12,),
        checks=FWD_GRADS,
    ),
    Case(
        "layer_identity",
        "layer",
        layers=(("Identity", {"name": "i0"}), _dense("d0", 3, activation="sigmoid")),
        input_shape=(5,),
        checks=FWD_GRADS,
    ),
    Case(
        "layer_dropout_inference",
        "layer",
        layers=(
            _dense("d0", 8, activation="relu"),
            ("Dropout", {"rate": 0.5, "name": "drop"}),
            _dense("d1", 3),
        ),
        input_shape=(5,),
        checks=FWD_GRADS_INFERENCE,
    ),
    Case(
        "layer_mlp_initializers",
        "layer",
        layers=(
            _dense(
                "d0",
                7,
                activation="relu",
                kernel_initializer="he_normal",
                bias_initializer="ones",
            ),
            ("Flatten", {"name": "f0"}),
            _dense("d1", 2, activation="softmax", kernel_initializer="lecun_uniform"),
        ),
        input_shape=(6,),
        checks=FWD_GRADS,
    ),
]
