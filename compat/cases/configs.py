"""Model config compat cases (kind "config") and the builders they name.

Each builder `(module) -> model` works with the real `keras` module and with
`kerasish`. It starts with `clear_session()` so that the names Keras generates
itself (recorded ops such as `add`, hidden input layers) do not depend on what
ran before in the process; everything else is named explicitly.

The recorder stores Keras' `serialize_keras_object(model)` (which holds
`get_config()`, `build_config` and `compile_config`), `model.to_json()`, the
weights and predictions on fixed inputs, so the tests can check that kerasish
writes the same config and loads Keras' config into an equivalent model.
Kind "op_table" records Keras' operation class behind each `keras.ops`
function (`kerasish/saving/keras_ops_table.py` must match it).
"""

from types import ModuleType

from compat.cases import Case


def mlp(m: ModuleType):
    """A Sequential MLP with an Input, regularizer, constraint, dropout."""
    m.backend.clear_session()
    return m.Sequential(
        [
            m.Input(shape=(5,), name="features"),
            m.layers.Dense(
                8,
                activation="relu",
                kernel_regularizer=m.regularizers.L2(0.01),
                kernel_constraint=m.constraints.MaxNorm(2.0),
                name="hidden",
            ),
            m.layers.Dropout(0.25, name="drop"),
            m.layers.Dense(3, activation="softmax", name="probs"),
        ],
        name="mlp",
    )


def convnet(m: ModuleType):
    """A small convnet with BatchNormalization and pooling."""
    m.backend.clear_session()
    return m.Sequential(
        [
            m.Input(shape=(8, 8, 2), name="image"),
            m.layers.Conv2D(
                4, 3, padding="same", kernel_initializer="he_normal", name="conv"
            ),
            m.layers.BatchNormalization(momentum=0.9, name="bn"),
            m.layers.Activation("relu", name="relu"),
            m.layers.MaxPooling2D(2, name="pool"),
            m.layers.Flatten(name="flat"),
            m.layers.Dense(2, name="logits"),
        ],
        name="convnet",
    )


def unbuilt_sequential(m: ModuleType):
    """A Sequential without Input, built later with `build(shape)`."""
    m.backend.clear_session()
    model = m.Sequential(
        [m.layers.Dense(3, name="d0"), m.layers.Dense(1, name="d1")], name="lazy"
    )
    model.build((None, 4))
    return model


def shared_two_inputs(m: ModuleType):
    """Two inputs through one shared Dense, combined with `x + y` and an op."""
    m.backend.clear_session()
    left = m.Input(shape=(4,), name="left")
    right = m.Input(shape=(4,), name="right")
    shared = m.layers.Dense(3, activation="tanh", name="shared")
    x = shared(left)
    y = shared(right)
    z = x + y
    z = m.ops.mean(z, axis=-1, keepdims=True)
    out = m.layers.Dense(2, name="out")(m.layers.Concatenate(name="cat")([z, x]))
    return m.Model([left, right], out, name="two_inputs")


def nested(m: ModuleType):
    """A functional model and a Sequential nested in a functional model with
    dict inputs and dict outputs."""
    m.backend.clear_session()
    inner_in = m.Input(shape=(3,), name="inner_in")
    inner = m.Model(
        inner_in, m.layers.Dense(4, name="inner_dense")(inner_in), name="inner"
    )
    stack = m.Sequential(
        [m.layers.Dense(2, activation="relu", name="stack_dense")], name="stack"
    )
    features = m.Input(shape=(3,), name="features")
    hidden = inner(features)
    head = stack(hidden)
    score = m.layers.Dense(1, name="score")(head)
    return m.Model(
        {"features": features}, {"score": score, "hidden": hidden}, name="outer"
    )


def compiled(m: ModuleType):
    """A functional model compiled with an optimizer schedule, loss and metrics."""
    m.backend.clear_session()
    inputs = m.Input(shape=(4,), name="x")
    outputs = m.layers.Dense(2, activation="softmax", name="probs")(inputs)
    model = m.Model(inputs, outputs, name="compiled")
    schedule = m.optimizers.schedules.ExponentialDecay(0.1, 10, 0.9)
    model.compile(
        optimizer=m.optimizers.Adam(learning_rate=schedule, clipnorm=1.0),
        loss=m.losses.SparseCategoricalCrossentropy(from_logits=False),
        metrics=["accuracy", m.metrics.AUC(name="auc")],
    )
    return model


BUILDERS = {
    "mlp": mlp,
    "convnet": convnet,
    "unbuilt_sequential": unbuilt_sequential,
    "shared_two_inputs": shared_two_inputs,
    "nested": nested,
    "compiled": compiled,
}

# Input shapes (without batch) the recorder feeds for predictions.
INPUTS = {
    "mlp": [(5,)],
    "convnet": [(8, 8, 2)],
    "unbuilt_sequential": [(4,)],
    "shared_two_inputs": [(4,), (4,)],
    "nested": {"features": (3,)},
    "compiled": [(4,)],
}


def _case(builder: str) -> Case:
    return Case(f"config_{builder}", "config", spec={"builder": builder})


CASES = [_case(name) for name in BUILDERS] + [Case("config_op_table", "op_table")]
