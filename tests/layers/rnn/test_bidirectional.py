import numpy as np
import pytest

import kerasish as keras
from kerasish import layers
from kerasish.core.masking import get_keras_mask
from tests.layer_checks import check_layer

X = np.random.default_rng(0).normal(size=(2, 4, 3)).astype("float32")


@pytest.mark.parametrize(
    "mode, seq, shape",
    [("concat", True, (2, 4, 4)), ("sum", False, (2, 2)), ("ave", True, (2, 4, 2))],
)
def test_check_layer(mode, seq, shape):
    check_layer(
        layers.Bidirectional,
        {"layer": layers.LSTM(2, return_sequences=seq), "merge_mode": mode},
        (2, 4, 3),
        shape,
        6,
        0,
    )


def test_names_merge_and_backward_order():
    bi = layers.Bidirectional(
        layers.GRU(2, return_sequences=True, name="g"), merge_mode=None, name="bi"
    )
    y, y_rev = bi(X)
    assert [v.path for v in bi.weights][0] == "bi/forward_g/gru_cell/kernel"
    assert [v.path for v in bi.weights][3] == "bi/backward_g/gru_cell/kernel"
    backward = layers.GRU(2, return_sequences=True, go_backwards=True)
    backward(X)
    backward.set_weights(bi.backward_layer.get_weights())
    np.testing.assert_allclose(y_rev, np.flip(backward(X), axis=1), rtol=1e-6)


def test_return_state_mask_and_errors():
    bi = layers.Bidirectional(layers.LSTM(2, return_state=True))
    out, *states = bi(X, initial_state=[np.ones((2, 2), "float32")] * 4)
    assert out.shape == (2, 4) and len(states) == 4
    masked = layers.Bidirectional(layers.LSTM(2, return_sequences=True))
    mask = np.array([[True, True, False, False], [True] * 4])
    y = masked(X, mask=mask)
    np.testing.assert_array_equal(np.asarray(y)[0, 2:], 0.0)  # zero_output_for_mask
    np.testing.assert_array_equal(get_keras_mask(y), mask)
    with pytest.raises(ValueError, match="Invalid merge mode"):
        layers.Bidirectional(layers.LSTM(2), merge_mode="max")
    with pytest.raises(ValueError, match="different `go_backwards`"):
        layers.Bidirectional(layers.LSTM(2), backward_layer=layers.LSTM(2))
    with pytest.raises(AttributeError, match="must be stateful"):
        layers.Bidirectional(layers.LSTM(2)).reset_states()


def test_text_classifier_trains_with_fit():
    keras.utils.set_random_seed(0)  # initial weights and shuffling
    rng = np.random.default_rng(0)
    tokens = rng.integers(1, 20, (64, 8))
    for i, n in enumerate(rng.integers(0, 6, 64)):
        tokens[i, 8 - n :] = 0  # right padding
    labels = (tokens[:, 0] > 10).astype("int32")
    model = keras.Sequential(
        [
            keras.Input((8,), dtype="int32"),
            layers.Embedding(20, 8, mask_zero=True),
            layers.Bidirectional(layers.LSTM(8, return_sequences=True)),
            layers.LSTM(8),
            layers.Dense(2, activation="softmax"),
        ]
    )
    model.compile(
        keras.optimizers.Adam(0.02),
        "sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    history = model.fit(tokens, labels, batch_size=16, epochs=8, verbose=0)
    losses = history.history["loss"]
    assert losses[-1] < 0.5 * losses[0]
    predictions = model.predict(tokens, verbose=0)
    assert predictions.shape == (64, 2)
    assert history.history["accuracy"][-1] > 0.8
