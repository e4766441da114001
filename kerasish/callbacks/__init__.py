"""`keras.callbacks`: hooks into `fit`, `evaluate` and `predict`."""

from kerasish.callbacks.callback import Callback
from kerasish.callbacks.callback_list import CallbackList
from kerasish.callbacks.history import History
from kerasish.callbacks.progbar_logger import ProgbarLogger
from kerasish.callbacks.terminate_on_nan import TerminateOnNaN

__all__ = [
    "Callback",
    "CallbackList",
    "History",
    "ProgbarLogger",
    "TerminateOnNaN",
]
