"""Recurrent layers: cells, the `RNN` driver, `Bidirectional`, `TimeDistributed`."""

from kerasish.layers.rnn.bidirectional import Bidirectional
from kerasish.layers.rnn.dropout_rnn_cell import DropoutRNNCell
from kerasish.layers.rnn.gru import GRU, GRUCell
from kerasish.layers.rnn.lstm import LSTM, LSTMCell
from kerasish.layers.rnn.rnn import RNN
from kerasish.layers.rnn.simple_rnn import SimpleRNN, SimpleRNNCell
from kerasish.layers.rnn.stacked_rnn_cells import StackedRNNCells
from kerasish.layers.rnn.time_distributed import TimeDistributed

__all__ = [
    "GRU",
    "LSTM",
    "RNN",
    "Bidirectional",
    "DropoutRNNCell",
    "GRUCell",
    "LSTMCell",
    "SimpleRNN",
    "SimpleRNNCell",
    "StackedRNNCells",
    "TimeDistributed",
]
