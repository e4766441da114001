import jax
import jax.numpy as jnp
import numpy as np
import pytest

import kerasish as keras
from kerasish import layers

# Printed by Keras 3.15.1 for the same model (`COLUMNS` unset, not a TTY).
KERAS_SUMMARY = """\
Model: "functional"
┏━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┓
┃ Layer (type)        ┃ Output Shape      ┃    Param # ┃ Connected to      ┃
┡━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━┩
│ a (InputLayer)      │ (None, 4)         │          0 │ -                 │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ pa (Dense)          │ (None, 3)         │         15 │ a[0][0]           │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ b (InputLayer)      │ (None, 3)         │          0 │ -                 │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ cat (Concatenate)   │ (None, 6)         │          0 │ pa[0][0], b[0][0] │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ p2 (Dense)          │ (None, 3)         │         21 │ cat[0][0]         │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ out (Dense)         │ (None, 2)         │          8 │ p2[0][0]          │
└─────────────────────┴───────────────────┴────────────┴───────────────────┘
 Total params: 44 (176.00 B)
 Trainable params: 44 (176.00 B)
 Non-trainable params: 0 (0.00 B)
"""


class Cat(layers.Layer):
    """Concatenation written as a user layer taking a list of inputs."""

    def call(self, inputs):
        return jnp.concatenate(inputs, axis=-1)


Cat.__name__ = "Concatenate"


def _two_input_model():
    a = keras.Input((4,), name="a")
    b = keras.Input((3,), name="b")
    x = Cat(name="cat")([layers.Dense(3, name="pa")(a), b])
    y = layers.Dense(2, name="out")(layers.Dense(3, name="p2")(x))
    return keras.Model([a, b], y)


def test_model_with_inputs_and_outputs_is_functional():
    inputs = keras.Input((8,))
    outputs = layers.Dense(2)(layers.Dense(4)(inputs))
    model = keras.Model(inputs, outputs)
    assert isinstance(model, keras.models.Functional)
    assert model.output is outputs and model.inputs == [inputs]
    assert model.predict(np.ones((3, 8)), verbose=0).shape == (3, 2)


def test_layers_order_and_summary_match_keras(monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    keras.backend.clear_session()
    model = _two_input_model()
    assert [layer.name for layer in model.layers] == [
        "a",
        "pa",
        "b",
        "cat",
        "p2",
        "out",
    ]
    lines = []
    model.summary(print_fn=lines.append)
    assert "".join(lines) == KERAS_SUMMARY


def test_multi_input_fit_predict_and_pure_apply():
    model = _two_input_model()
    x = [np.ones((5, 4), "float32"), np.ones((5, 3), "float32")]
    model.compile(optimizer="sgd", loss="mse")
    history = model.fit(x, np.zeros((5, 2), "float32"), epochs=2, verbose=0)
    assert len(history.history["loss"]) == 2
    eager = model.predict(x, verbose=0)
    np.testing.assert_allclose(
        np.asarray(jax.jit(model.apply)(model.params, x)), eager, rtol=1e-6
    )


def test_feature_extractor_from_inner_layer_output():
    inputs = keras.Input((8,))
    hidden = layers.Dense(4, name="hidden")
    model = keras.Model(inputs, layers.Dense(2)(hidden(inputs)))
    extractor = keras.Model(model.inputs, model.get_layer("hidden").output)
    x = np.ones((2, 8), "float32")
    np.testing.assert_allclose(
        extractor.predict(x, verbose=0), np.asarray(hidden(x)), rtol=1e-6
    )


def test_shared_layer_keeps_one_set_of_weights():
    shared = layers.Dense(3, name="shared")
    a, b = keras.Input((2,)), keras.Input((2,))
    model = keras.Model([a, b], Cat()([shared(a), shared(b)]))
    assert len(model.weights) == 2
    out = model.predict([np.ones((1, 2)), np.ones((1, 2))], verbose=0)
    np.testing.assert_allclose(out[:, :3], out[:, 3:])


def test_dict_inputs_and_nested_model():
    inner = keras.Sequential([keras.Input((3,)), layers.Dense(2, name="inner_dense")])
    x = keras.Input((3,), name="x")
    model = keras.Model({"x": x}, inner(x))
    out = model.predict({"x": np.ones((4, 3), "float32")}, verbose=0)
    assert out.shape == (4, 2)


def test_graph_disconnected_names_the_input():
    a, b = keras.Input((2,), name="a"), keras.Input((2,), name="b")
    out = Cat()([a, b])
    with pytest.raises(ValueError, match='Graph disconnected.*layer "b"'):
        keras.Model(a, out)


def test_wrong_number_of_inputs():
    model = _two_input_model()
    with pytest.raises(ValueError, match="expects 2 input\\(s\\), but it received 1"):
        model(np.ones((1, 4), "float32"))


def test_non_symbolic_outputs_rejected():
    with pytest.raises(ValueError, match="symbolic tensors"):
        keras.Model(keras.Input((2,)), np.ones((1, 2)))


def test_ops_and_operators_on_symbolic_tensors_become_graph_operations():
    x = keras.Input((4,), name="x")
    hidden = layers.Dense(3, name="d")
    h = hidden(x)
    y = keras.ops.mean(h * 2.0 + 1.0, axis=-1, keepdims=True) - h[:, :1]
    model = keras.Model(x, y)
    assert y.shape == (None, 1)
    assert [layer.name for layer in model.layers] == ["x", "d"]
    xv = np.arange(8, dtype="float32").reshape(2, 4)
    hv = np.asarray(hidden(xv))
    want = (hv * 2 + 1).mean(-1, keepdims=True) - hv[:, :1]
    np.testing.assert_allclose(model.predict(xv, verbose=0), want, rtol=1e-5)


def test_two_output_training_matches_keras():
    """Per-output losses, loss weights and metrics, as Keras 3.15.1 logs them
    (the literals were printed by Keras for the same initializers and data)."""
    rng = np.random.default_rng(0)
    x = rng.random((8, 4)).astype("float32")
    ya = rng.random((8, 1)).astype("float32")
    yb = rng.integers(0, 3, 8)
    inputs = keras.Input((4,), name="x")
    a = layers.Dense(1, name="out_a", kernel_initializer="ones")(inputs)
    b = layers.Dense(3, activation="softmax", name="out_b", kernel_initializer="zeros")(
        inputs
    )
    model = keras.Model(inputs, [a, b])
    model.compile(
        optimizer="sgd",
        loss={"out_a": "mse", "out_b": "sparse_categorical_crossentropy"},
        loss_weights={"out_a": 2.0, "out_b": 1.0},
        metrics={"out_b": "accuracy"},
    )
    history = model.fit(x, [ya, yb], epochs=2, batch_size=4, shuffle=False, verbose=0)
    assert sorted(history.history) == [
        "loss",
        "out_a_loss",
        "out_b_accuracy",
        "out_b_loss",
    ]
    keras_history = {
        "loss": [6.3707075119018555, 4.790061950683594],
        "out_a_loss": [2.635800361633301, 1.8472357988357544],
        "out_b_accuracy": [0.25, 0.5],
        "out_b_loss": [1.0991065502166748, 1.0955907106399536],
    }
    for key, want in keras_history.items():
        np.testing.assert_allclose(history.history[key], want, rtol=1e-5)
    assert model.metrics_names == [
        "loss",
        "compile_metrics",
        "out_a_loss",
        "out_b_loss",
    ]
    values = model.evaluate(x, {"out_a": ya, "out_b": yb}, verbose=0)
    # Keras' order: loss, the per-output losses, then the other keys sorted.
    np.testing.assert_allclose(
        values,
        [3.9210495948791504, 1.4147119522094727, 1.091625690460205, 0.5],
        rtol=1e-5,
    )
    as_dict = model.evaluate(x, [ya, yb], verbose=0, return_dict=True)
    assert sorted(as_dict) == ["loss", "out_a_loss", "out_b_accuracy", "out_b_loss"]


def test_multi_output_metrics_need_a_structure():
    inputs = keras.Input((4,))
    model = keras.Model(inputs, [layers.Dense(1)(inputs), layers.Dense(2)(inputs)])
    model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
    with pytest.raises(ValueError, match="several outputs"):
        model.fit(np.ones((2, 4)), [np.ones((2, 1)), np.ones((2, 2))], verbose=0)


def _two_outputs():
    inputs = keras.Input((4,))
    a = layers.Dense(1, name="a")(inputs)
    b = layers.Dense(2, name="b")(inputs)
    model = keras.Model(inputs, [a, b])
    model.compile(optimizer="sgd", loss="mse", weighted_metrics=[["mae"], ["mae"]])
    return model


def test_per_output_sample_weights():
    model = _two_outputs()
    rng = np.random.default_rng(0)
    x = rng.normal(size=(6, 4)).astype("float32")
    ya = rng.normal(size=(6, 1)).astype("float32")
    yb = rng.normal(size=(6, 2)).astype("float32")
    ones, zeros = np.ones(6, "float32"), np.zeros(6, "float32")
    plain = model.evaluate(x, [ya, yb], verbose=0, return_dict=True)
    # Output "a" weighted out, "b" as unweighted: the structure follows y.
    for y, weights in (
        ([ya, yb], [zeros, ones]),
        ({"a": ya, "b": yb}, {"a": zeros, "b": ones}),
    ):
        logs = model.evaluate(x, y, sample_weight=weights, verbose=0, return_dict=True)
        assert logs["a_loss"] == 0 and logs["a_mae"] == 0
        np.testing.assert_allclose(logs["b_loss"], plain["b_loss"], rtol=1e-6)
        np.testing.assert_allclose(logs["b_mae"], plain["b_mae"], rtol=1e-6)
        np.testing.assert_allclose(logs["loss"], plain["b_loss"], rtol=1e-6)
    # One array weighs every output.
    single = model.evaluate(x, [ya, yb], sample_weight=zeros, verbose=0)
    assert single[0] == 0


def test_sample_weight_structure_errors():
    model = _two_outputs()
    x, ya, yb = np.ones((4, 4)), np.ones((4, 1)), np.ones((4, 2))
    with pytest.raises(ValueError, match="one `sample_weight` array per output"):
        model.fit(x, [ya, yb], sample_weight={"a": np.ones(4)}, verbose=0)
    with pytest.raises(ValueError, match="one `sample_weight` array per output"):
        model.fit(x, [ya, yb], sample_weight=[np.ones(4)], verbose=0)
    with pytest.raises(ValueError, match=r"one scalar score per sample.*\(4, 2\)"):
        model.fit(x, [ya, yb], sample_weight=np.ones((4, 2)), verbose=0)


def test_layer_called_with_several_symbolic_arguments():
    query, value = keras.Input((5, 8)), keras.Input((7, 8))
    attended = layers.MultiHeadAttention(num_heads=2, key_dim=4)(query, value)
    assert attended.shape == (None, 5, 8)
    model = keras.Model([query, value], attended)
    out = model.predict([np.ones((2, 5, 8)), np.ones((2, 7, 8))], verbose=0)
    assert out.shape == (2, 5, 8)


def test_model_subclass_built_from_inputs_and_outputs_is_functional():
    class CustomModel(keras.Model):
        def describe(self):
            return "custom"

    class TwoArgs(keras.Model):
        def __init__(self, units, activation):
            super().__init__()
            self.dense = layers.Dense(units, activation=activation)

        def call(self, inputs):
            return self.dense(inputs)

    inputs = keras.Input((3,))
    model = CustomModel(inputs, layers.Dense(2)(inputs))
    assert isinstance(model, keras.models.Functional)
    assert type(model).__name__ == "CustomModel" and model.describe() == "custom"
    plain = TwoArgs(4, "relu")
    assert not isinstance(plain, keras.models.Functional)
    assert plain(np.ones((1, 3), "float32")).shape == (1, 4)
