"""Whole-model compat cases (kind "model") and the builders they name.

Model definitions are code, not data: `BUILDERS` maps a builder name to a
function `(module) -> model` that works with both the real `keras` module and
`kerasish` (only the public Keras API, plus `jax` for the custom train step),
so both sides build the same model. A case's `spec["builder"]` names one.

`spec` also holds `inputs` (input shapes without the batch axis; one shape is
passed as a single array, several as a list), `targets` (`("regress", units)`
float targets or `("classify", classes)` int labels, one per output), `n`
(samples), `compile` (`optimizer` as `(class, kwargs)`, plus any `loss`,
`loss_weights`, `metrics`), `fit` (fit kwargs) and `columns` (`COLUMNS` for
`summary()`). `checks` picks what is recorded: "forward" (`training=False`
outputs and `model.losses` after that call), "grads" (gradients of
`sum(y**2)` over all outputs w.r.t. trainable weights and inputs, through
`stateless_call`), "fit" (History, params, final weights from the recorded
initial weights), "evaluate" (list and `return_dict` forms, before and after
`fit`, and `metrics_names` along the way), "layers" (`model.layers` names,
weight paths) and "summary" (text before compile and after `fit`).
"""

from types import ModuleType

import jax

from compat.cases import Case


def multi_io(m: ModuleType):
    """Two inputs, Dense/Add/Concatenate trunk, a regression and a
    classification head."""
    features = m.Input(shape=(4,), name="features")
    extra = m.Input(shape=(3,), name="extra")
    a = m.layers.Dense(6, activation="relu", name="dense_a")(features)
    b = m.layers.Dense(6, activation="tanh", name="dense_b")(extra)
    added = m.layers.Add(name="add")([a, b])
    merged = m.layers.Concatenate(name="concat")([added, extra])
    reg = m.layers.Dense(1, name="reg")(merged)
    cls = m.layers.Dense(3, activation="softmax", name="cls")(merged)
    return m.Model(inputs=[features, extra], outputs=[reg, cls], name="multi_io")


def subclassed(m: ModuleType, rate: float):
    class SubclassedMLP(m.Model):
        def __init__(self, dropout_rate=0.5, **kwargs):
            super().__init__(**kwargs)
            self.hidden = m.layers.Dense(8, activation="relu", name="hidden")
            self.dropout = m.layers.Dropout(dropout_rate, name="dropout")
            self.probs = m.layers.Dense(3, activation="softmax", name="probs")

        def call(self, inputs, training=None):
            x = self.hidden(inputs)
            x = self.dropout(x, training=training)
            return self.probs(x)

    return SubclassedMLP(dropout_rate=rate, name="subclassed_mlp")


def custom_layer(m: ModuleType):
    """A Keras-style layer: `build`/`add_weight`/`call`/`get_config`, a
    non-trainable moving mean updated with `assign` in training, an `add_loss`."""

    class CenteredDense(m.layers.Layer):
        def __init__(self, units, momentum=0.8, l2=0.01, **kwargs):
            super().__init__(**kwargs)
            self.units = units
            self.momentum = momentum
            self.l2 = l2

        def build(self, input_shape):
            self.kernel = self.add_weight(
                shape=(input_shape[-1], self.units),
                initializer="glorot_uniform",
                name="kernel",
            )
            self.bias = self.add_weight(
                shape=(self.units,), initializer="ones", name="bias"
            )
            self.moving_mean = self.add_weight(
                shape=(self.units,),
                initializer="zeros",
                trainable=False,
                name="moving_mean",
            )

        def call(self, inputs, training=None):
            y = m.ops.matmul(inputs, self.kernel) + self.bias
            centered = y - self.moving_mean
            if training:
                mean = m.ops.mean(y, axis=0)
                self.moving_mean.assign(
                    self.momentum * self.moving_mean + (1.0 - self.momentum) * mean
                )
            self.add_loss(self.l2 * m.ops.sum(m.ops.square(self.kernel)))
            return centered

        def get_config(self):
            config = super().get_config()
            config.update(units=self.units, momentum=self.momentum, l2=self.l2)
            return config

    return m.Sequential(
        [
            m.Input(shape=(4,)),
            CenteredDense(5, name="centered"),
            m.layers.Activation("tanh", name="tanh"),
            m.layers.Dense(1, name="out"),
        ],
        name="custom_layer_model",
    )


def custom_train_step(m: ModuleType):
    """Keras' guide "Customizing what happens in fit() with JAX", lower-level
    variant: own loss, `Mean` loss tracker and MAE metric via `metrics`."""

    class CustomModel(m.Model):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.loss_tracker = m.metrics.Mean(name="loss")
            self.mae_metric = m.metrics.MeanAbsoluteError(name="mae")
            self.loss_fn = m.losses.MeanSquaredError()

        def compute_loss_and_updates(
            self,
            trainable_variables,
            non_trainable_variables,
            x,
            y,
            training=False,
        ):
            y_pred, non_trainable_variables = self.stateless_call(
                trainable_variables,
                non_trainable_variables,
                x,
                training=training,
            )
            loss = self.loss_fn(y, y_pred)
            return loss, (y_pred, non_trainable_variables)

        def train_step(self, state, data):
            (
                trainable_variables,
                non_trainable_variables,
                optimizer_variables,
                metrics_variables,
            ) = state
            x, y = data
            grad_fn = jax.value_and_grad(self.compute_loss_and_updates, has_aux=True)
            (loss, (y_pred, non_trainable_variables)), grads = grad_fn(
                trainable_variables, non_trainable_variables, x, y, training=True
            )
            (
                trainable_variables,
                optimizer_variables,
            ) = self.optimizer.stateless_apply(
                optimizer_variables, grads, trainable_variables
            )
            n = len(self.loss_tracker.variables)
            loss_tracker_vars = metrics_variables[:n]
            mae_metric_vars = metrics_variables[n:]
            loss_tracker_vars = self.loss_tracker.stateless_update_state(
                loss_tracker_vars, loss
            )
            mae_metric_vars = self.mae_metric.stateless_update_state(
                mae_metric_vars, y, y_pred
            )
            logs = {}
            logs[self.loss_tracker.name] = self.loss_tracker.stateless_result(
                loss_tracker_vars
            )
            logs[self.mae_metric.name] = self.mae_metric.stateless_result(
                mae_metric_vars
            )
            new_metrics_vars = loss_tracker_vars + mae_metric_vars
            state = (
                trainable_variables,
                non_trainable_variables,
                optimizer_variables,
                new_metrics_vars,
            )
            return logs, state

        @property
        def metrics(self):
            return [self.loss_tracker, self.mae_metric]

    inputs = m.Input(shape=(4,), name="x")
    hidden = m.layers.Dense(8, activation="relu", name="hidden")(inputs)
    outputs = m.layers.Dense(1, name="out")(hidden)
    return CustomModel(inputs, outputs, name="custom_step")


BUILDERS = {
    "multi_io": multi_io,
    "subclassed_dropout": lambda m: subclassed(m, 0.5),
    "subclassed_no_dropout": lambda m: subclassed(m, 0.0),
    "custom_layer": custom_layer,
    "custom_train_step": custom_train_step,
}


def sample_weight_arg(case: Case, weights: list):
    """`fit`/`evaluate`'s `sample_weight` from the recorded per-output weights:
    `spec["sample_weight"]` "per_output" passes them all (a list), "single"
    the first one for every output; absent, none."""
    mode = case.spec.get("sample_weight")
    if mode is None:
        return None
    return list(weights) if mode == "per_output" else weights[0]


def build(module: ModuleType, case: Case):
    """The case's model, built by `module` (real Keras or kerasish)."""
    return BUILDERS[case.spec["builder"]](module)


ADAM = ("Adam", {"learning_rate": 0.01})
FIT = {"batch_size": 8, "epochs": 2, "shuffle": False}


def _case(name: str, builder: str, checks: tuple, **spec) -> Case:
    spec = {"builder": builder, "n": 24, "columns": 110, "fit": FIT, **spec}
    return Case(
        name, "model", input_shape=None, checks=checks, seed=len(name), spec=spec
    )


CASES = [
    _case(
        "model_functional_multi_io",
        "multi_io",
        ("forward", "grads", "fit", "evaluate", "layers", "summary"),
        inputs=[(4,), (3,)],
        targets=[("regress", 1), ("classify", 3)],
        compile={
            "optimizer": ADAM,
            "loss": {"reg": "mse", "cls": "sparse_categorical_crossentropy"},
            "loss_weights": {"reg": 0.5, "cls": 2.0},
            "metrics": {"reg": ["mae"], "cls": ["accuracy"]},
        },
    ),
    *[
        _case(
            f"model_functional_multi_io_sample_weight_{mode}",
            "multi_io",
            ("fit", "evaluate"),
            inputs=[(4,), (3,)],
            targets=[("regress", 1), ("classify", 3)],
            compile={
                "optimizer": ADAM,
                "loss": ["mse", "sparse_categorical_crossentropy"],
                "metrics": [["mae"], ["accuracy"]],
                "weighted_metrics": [["mae"], ["accuracy"]],
            },
            sample_weight=mode,
        )
        for mode in ("per_output", "single")
    ],
    _case(
        "model_subclassed_dropout",
        "subclassed_dropout",
        ("forward", "grads", "layers", "summary"),
        inputs=[(6,)],
        targets=[("classify", 3)],
    ),
    _case(
        "model_subclassed_fit",
        "subclassed_no_dropout",
        ("forward", "fit", "evaluate", "layers"),
        inputs=[(6,)],
        targets=[("classify", 3)],
        compile={
            "optimizer": ADAM,
            "loss": "sparse_categorical_crossentropy",
            "metrics": ["accuracy"],
        },
    ),
    _case(
        "model_custom_layer",
        "custom_layer",
        ("forward", "grads", "fit", "evaluate", "layers", "summary"),
        inputs=[(4,)],
        targets=[("regress", 1)],
        compile={"optimizer": ADAM, "loss": "mse", "metrics": ["mae"]},
        config_layer="centered",
    ),
    _case(
        "model_custom_train_step",
        "custom_train_step",
        ("forward", "fit", "layers", "summary"),
        inputs=[(4,)],
        targets=[("regress", 1)],
        compile={"optimizer": ADAM},
    ),
]
