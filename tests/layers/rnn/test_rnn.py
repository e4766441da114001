import jax
import numpy as np
import pytest

import kerasish as keras
from kerasish import layers
from kerasish.core.masking import get_keras_mask
from tests.layer_checks import check_layer


class MinimalRNNCell(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.state_size = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units))
        self.recurrent_kernel = self.add_weight(shape=(self.units, self.units))

    def call(self, inputs, states):
        output = inputs @ self.kernel + states[0] @ self.recurrent_kernel
        return output, [output]

    def get_config(self):
        return {**super().get_config(), "units": self.units}


X = np.random.default_rng(0).normal(size=(2, 4, 3)).astype("float32")


def test_check_layer_with_cell():
    check_layer(
        layers.RNN,
        {"cell": layers.SimpleRNNCell(2), "return_sequences": True},
        (2, 4, 3),
        (2, 4, 2),
        3,
        0,
    )


def test_user_cell_and_config_round_trip():
    layer = layers.RNN(MinimalRNNCell(3, name="minimal"), return_state=True)
    out, state = layer(X)
    assert out.shape == (2, 3) and state.shape == (2, 3)
    np.testing.assert_array_equal(out, state)
    config = layer.get_config()
    assert config["cell"]["class_name"] == "MinimalRNNCell"
    clone = layers.RNN.from_config(
        config, custom_objects={"MinimalRNNCell": MinimalRNNCell}
    )
    assert clone.cell.built and clone.get_config() == config


def test_masked_steps_carry_state_and_output():
    layer = layers.SimpleRNN(2, return_sequences=True, return_state=True)
    mask = np.array([[True, True, False, False], [True, False, True, True]])
    seq, state = layer(X, mask=mask)
    seq = np.asarray(seq)
    np.testing.assert_array_equal(seq[0, 2], seq[0, 1])
    np.testing.assert_array_equal(seq[0, 3], seq[0, 1])
    np.testing.assert_array_equal(state[0], seq[0, 1])
    np.testing.assert_array_equal(seq[1, 1], seq[1, 0])
    # Same as running the unmasked prefix only.
    prefix = layers.SimpleRNN(2)
    prefix(X)
    prefix.set_weights(layer.get_weights())
    np.testing.assert_allclose(prefix(X[:1, :2]), seq[:1, 1], rtol=1e-6)


def test_mask_flows_from_masking_layer_to_output_mask():
    x = X.copy()
    x[0, 2:] = 0.0
    masking = layers.Masking()
    rnn = layers.LSTM(2, return_sequences=True)
    y = rnn(masking(x))
    np.testing.assert_array_equal(
        get_keras_mask(y), [[True, True, False, False], [True] * 4]
    )


def test_unroll_equals_scan():
    scan = layers.GRU(3, return_sequences=True, go_backwards=True)
    unrolled = layers.GRU(3, return_sequences=True, go_backwards=True, unroll=True)
    scan(X)
    unrolled(X)
    unrolled.set_weights(scan.get_weights())
    np.testing.assert_allclose(unrolled(X), scan(X), rtol=1e-5, atol=1e-6)


def test_initial_state_and_errors():
    layer = layers.LSTM(2, return_state=True)
    h0, c0 = np.ones((2, 2), "float32"), np.zeros((2, 2), "float32")
    _, h, _ = layer(X, initial_state=[h0, c0])
    _, h_zero, _ = layer(X)
    assert not np.allclose(h, h_zero)
    with pytest.raises(ValueError, match="expects 2 state"):
        layer(X, initial_state=[h0])
    with pytest.raises(ValueError, match="not compatible with `cell.state_size`"):
        layer(X, initial_state=[np.ones((2, 3), "float32")] * 2)


def test_bad_inputs_and_cells():
    with pytest.raises(ValueError, match="expected ndim=3"):
        layers.LSTM(2)(np.zeros((2, 3), "float32"))
    with pytest.raises(ValueError, match="expects 3D inputs"):
        layers.RNN(layers.SimpleRNNCell(2))(np.zeros((2, 3), "float32"))
    with pytest.raises(ValueError, match="should have a `state_size` attribute"):
        layers.RNN(layers.Dense(2))

    class NoCall:
        state_size = 2

    with pytest.raises(ValueError, match="should have a `call` method"):
        layers.RNN(NoCall())
    with pytest.raises(ValueError, match="batch size must be static"):
        layers.LSTM(2, stateful=True)(keras.Input((3, 4)))


def test_stateful_eager_and_reset():
    layer = layers.SimpleRNN(2, stateful=True)
    first = np.asarray(layer(X))
    second = np.asarray(layer(X))
    assert not np.allclose(first, second)
    assert len(layer.weights) == 3 and len(layer.states) == 1
    np.testing.assert_array_equal(layer.states[0].numpy(), second)
    layer.reset_states()
    np.testing.assert_array_equal(layer(X), first)
    with pytest.raises(ValueError, match="Expected batch size: 2"):
        layer(X[:1])


def test_stateful_state_is_carried_by_the_pure_face_and_fit():
    model = keras.Sequential(
        [keras.Input(batch_shape=(2, 4, 3)), layers.GRU(2, stateful=True, name="g")]
    )
    assert set(model.state["g"]) == {"rnn_state"}
    y, state = model.apply(model.params, X, return_state=True)
    np.testing.assert_array_equal(state["g"]["rnn_state"], y)
    y2 = jax.jit(model.apply)(model.params, X, state=state)
    assert not np.allclose(y, y2)
    model.compile("sgd", "mse")
    model.fit(np.tile(X, (3, 1, 1)), np.zeros((6, 2)), batch_size=2, verbose=0)
    assert np.any(model.get_layer("g").states[0].numpy() != 0)
    assert len(model.get_weights()) == 3
