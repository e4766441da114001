import jax
import jax.numpy as jnp
import numpy as np
import pytest

import kerasish as keras
from kerasish import layers
from tests.layer_checks import check_layer


@pytest.mark.parametrize(
    "kwargs, out_shape",
    [
        ({"units": 3}, (2, 3)),
        ({"units": 3, "return_sequences": True, "go_backwards": True}, (2, 4, 3)),
        ({"units": 2, "use_bias": False, "unroll": True}, (2, 2)),
    ],
)
def test_check_layer(kwargs, out_shape):
    n_weights = 3 if kwargs.get("use_bias", True) else 2
    check_layer(layers.LSTM, kwargs, (2, 4, 3), out_shape, n_weights, 0)


def test_layout_and_unit_forget_bias():
    layer = layers.LSTM(4, name="my_lstm")
    layer(np.zeros((1, 2, 3), "float32"))
    assert [v.path for v in layer.weights] == [
        "my_lstm/lstm_cell/kernel",
        "my_lstm/lstm_cell/recurrent_kernel",
        "my_lstm/lstm_cell/bias",
    ]
    kernel, recurrent, bias = layer.get_weights()
    assert kernel.shape == (3, 16) and recurrent.shape == (4, 16)
    np.testing.assert_array_equal(bias, [0] * 4 + [1] * 4 + [0] * 8)
    # Orthogonal recurrent initializer: columns of (4, 16) are orthonormal rows.
    np.testing.assert_allclose(recurrent @ recurrent.T, np.eye(4), atol=1e-5)


def test_gate_math_matches_numpy():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2, 3, 2)).astype("float32")
    layer = layers.LSTM(2, return_state=True)
    layer(x)
    k, r, b = layer.get_weights()
    h = c = np.zeros((2, 2), "float32")
    sig = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
    for t in range(3):
        z = x[:, t] @ k + h @ r + b
        i, f, g, o = np.split(z, 4, axis=1)
        c = sig(f) * c + sig(i) * np.tanh(g)
        h = sig(o) * np.tanh(c)
    out, h_state, c_state = layer(x)
    np.testing.assert_allclose(out, h, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(h_state, h, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(c_state, c, rtol=1e-5, atol=1e-6)


def test_dropout_masks_fixed_across_time_and_inference_deterministic():
    layer = layers.LSTM(3, dropout=0.5, recurrent_dropout=0.5, seed=1)
    x = np.ones((4, 5, 2), "float32")
    a, b = layer(x), layer(x)
    np.testing.assert_array_equal(a, b)  # inference: no dropout
    assert layer.cell.implementation == 1
    drawn = []
    original = layer.cell._create_dropout_mask

    def spy(step_input, rate):
        drawn.append(step_input.shape)
        return original(step_input, rate)

    layer.cell._create_dropout_mask = spy
    y = layer(x, training=True)
    assert drawn == [(4, 2), (4, 3)]  # once per call, not per step
    assert layer.cell._dropout_mask is None  # reset after the loop
    assert not np.allclose(y, a)


def test_dropout_under_jit_with_key():
    model = keras.Sequential([keras.Input((5, 2)), layers.GRU(3, dropout=0.3)])
    x = np.ones((4, 5, 2), "float32")
    fn = jax.jit(lambda p, k: model.apply(p, x, training=True, key=k))
    y1, y2 = fn(model.params, jax.random.key(0)), fn(model.params, jax.random.key(1))
    assert y1.shape == (4, 3) and not jnp.allclose(y1, y2)


def test_regularizers_and_constraints():
    layer = layers.LSTM(
        2,
        kernel_regularizer="l2",
        recurrent_regularizer="l1",
        bias_constraint="non_neg",
    )
    layer(np.ones((1, 2, 2), "float32"))
    assert len(layer.losses) == 2
    assert layer.cell.bias.constraint is not None
    assert layer.get_config()["recurrent_regularizer"]["class_name"] == "L1"


def test_bad_units_and_use_cudnn():
    with pytest.raises(ValueError, match="expected a positive integer"):
        layers.LSTM(0)
    with pytest.raises(ValueError, match="use_cudnn"):
        layers.LSTM(2, use_cudnn="yes")
