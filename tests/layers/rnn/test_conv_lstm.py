import jax
import jax.numpy as jnp
import numpy as np
import pytest

import kerasish as keras
from kerasish import layers
from tests.layer_checks import check_layer


@pytest.mark.parametrize(
    "cls, kwargs, in_shape, out_shape",
    [
        (layers.ConvLSTM1D, {"filters": 2, "kernel_size": 3}, (2, 3, 6, 2), (2, 4, 2)),
        (
            layers.ConvLSTM2D,
            {"filters": 2, "kernel_size": 2, "padding": "same", "strides": 2},
            (2, 3, 5, 4, 1),
            (2, 3, 2, 2),
        ),
        (
            layers.ConvLSTM2D,
            {"filters": 3, "kernel_size": 2, "return_sequences": True},
            (2, 3, 4, 4, 1),
            (2, 3, 3, 3, 3),
        ),
        (
            layers.ConvLSTM3D,
            {"filters": 2, "kernel_size": 2, "use_bias": False},
            (1, 2, 3, 3, 3, 1),
            (1, 2, 2, 2, 2),
        ),
    ],
)
def test_check_layer(cls, kwargs, in_shape, out_shape):
    n_weights = 3 if kwargs.get("use_bias", True) else 2
    check_layer(cls, kwargs, in_shape, out_shape, n_weights, 0)


def test_layout_and_unit_forget_bias():
    layer = layers.ConvLSTM2D(2, (3, 2), name="clstm")
    layer(np.zeros((1, 2, 5, 4, 3), "float32"))
    assert [v.path for v in layer.weights] == [
        "clstm/conv_lstm_cell/kernel",
        "clstm/conv_lstm_cell/recurrent_kernel",
        "clstm/conv_lstm_cell/bias",
    ]
    kernel, recurrent, bias = layer.get_weights()
    assert kernel.shape == (3, 2, 3, 8) and recurrent.shape == (3, 2, 2, 8)
    np.testing.assert_array_equal(bias, [0] * 2 + [1] * 2 + [0] * 4)


def test_return_state_channels_first():
    layer = layers.ConvLSTM1D(
        3, 2, data_format="channels_first", return_state=True, padding="same"
    )
    out, h, c = layer(np.ones((2, 4, 5, 6), "float32"))  # (batch, time, C, steps)
    assert out.shape == h.shape == c.shape == (2, 3, 6)
    np.testing.assert_array_equal(out, h)
    assert layer.compute_output_shape((None, 4, 5, 6)) == (
        (None, 3, 6),
        (None, 3, 6),
        (None, 3, 6),
    )


def test_masked_trailing_steps_equal_the_truncated_sequence():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2, 4, 3, 3, 1)).astype("float32")
    layer = layers.ConvLSTM2D(2, 2, padding="same", return_state=True)
    mask = np.array([[True] * 4, [True, True, False, False]])
    out, h, c = layer(x, mask=mask)
    short = layer(x[1:, :2])
    for got, want in zip((out, h, c), short, strict=True):
        np.testing.assert_allclose(got[1], want[0], rtol=1e-5, atol=1e-6)
    full = layer(x[:1])
    np.testing.assert_allclose(out[0], full[0][0], rtol=1e-5, atol=1e-6)


def test_dropout_masks_per_gate_fixed_across_time():
    layer = layers.ConvLSTM2D(2, 2, dropout=0.5, recurrent_dropout=0.5, seed=1)
    x = np.ones((2, 5, 3, 3, 1), "float32")
    inference = layer(x)
    np.testing.assert_array_equal(inference, layer(x))
    drawn = []
    original = layer.cell._create_dropout_mask

    def spy(step_input, rate):
        masks = original(step_input, rate)
        drawn.append((step_input.shape, len(masks)))
        return masks

    layer.cell._create_dropout_mask = spy
    y = layer(x, training=True)
    # Once per call, one mask per gate: inputs (2, 3, 3, 1), states (2, 2, 2, 2).
    assert drawn == [((2, 3, 3, 1), 4), ((2, 2, 2, 2), 4)]
    assert layer.cell._dropout_mask is None
    assert not np.allclose(y, inference)


def test_stateful_carries_and_resets():
    layer = layers.ConvLSTM1D(2, 2, stateful=True)
    model = keras.Sequential([keras.Input(batch_shape=(2, 3, 4, 1)), layer])
    x = np.random.default_rng(0).normal(size=(2, 3, 4, 1)).astype("float32")
    first = np.asarray(model(x))
    second = np.asarray(model(x))
    assert not np.allclose(first, second)
    layer.reset_states()
    np.testing.assert_allclose(np.asarray(model(x)), first, rtol=1e-6)


def test_trains_under_fit_and_jit():
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [
            keras.Input((3, 4, 4, 1)),
            layers.ConvLSTM2D(2, 2, padding="same"),
            layers.Flatten(),
            layers.Dense(1),
        ]
    )
    model.compile(optimizer="adam", loss="mse")
    rng = np.random.default_rng(0)
    x = rng.normal(size=(16, 3, 4, 4, 1)).astype("float32")
    y = x.mean(axis=(1, 2, 3))
    history = model.fit(x, y, batch_size=8, epochs=5, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]
    grads = jax.grad(lambda p: jnp.sum(model.apply(p, x) ** 2))(model.params)
    assert all(jnp.any(g != 0) for g in jax.tree_util.tree_leaves(grads))


def test_argument_errors():
    with pytest.raises(ValueError, match="dilation_rate"):
        layers.ConvLSTM2D(2, 3, strides=2, dilation_rate=2)
    with pytest.raises(ValueError, match="kernel_size"):
        layers.ConvLSTM2D(2, (3, 3, 3))
    with pytest.raises(ValueError, match="padding"):
        layers.ConvLSTM1D(2, 3, padding="causal")
    with pytest.raises(ValueError, match="expected ndim=5, found ndim=4"):
        layers.ConvLSTM2D(2, 2)(np.zeros((2, 3, 4, 1), "float32"))
    with pytest.raises(ValueError, match="static input shapes"):
        keras.Sequential([keras.Input((3, None, 4, 1)), layers.ConvLSTM2D(2, 2)])
