import numpy as np
import pytest

from kerasish import layers


def test_stack_feeds_outputs_and_returns_nested_states():
    cells = [layers.LSTMCell(3, name="a"), layers.GRUCell(2, name="b")]
    rnn = layers.RNN(
        layers.StackedRNNCells(cells, name="st"), return_state=True, name="rnn"
    )
    out, lstm_states, gru_state = rnn(np.ones((2, 4, 5), "float32"))
    assert out.shape == (2, 2) and len(lstm_states) == 2
    np.testing.assert_array_equal(out, gru_state[0])  # [h], as in Keras
    assert [v.path for v in rnn.weights][3] == "rnn/st/b/kernel"
    assert rnn.cell.cells[1].kernel.shape == (3, 6)
    config = rnn.cell.get_config()
    clone = layers.StackedRNNCells.from_config(config)
    assert clone.get_config() == config


def test_cells_must_look_like_cells():
    with pytest.raises(ValueError, match="must have a `state_size`"):
        layers.StackedRNNCells([layers.Dense(2)])
