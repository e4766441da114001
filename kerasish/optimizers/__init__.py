"""`keras.optimizers`: Keras 3's optimizers, schedules and `get`, on pure JAX state."""

from kerasish.optimizers import schedules
from kerasish.optimizers.adagrad import Adagrad
from kerasish.optimizers.adam import Adam
from kerasish.optimizers.adamax import Adamax
from kerasish.optimizers.adamw import AdamW
from kerasish.optimizers.base import Optimizer
from kerasish.optimizers.loss_scale_optimizer import LossScaleOptimizer
from kerasish.optimizers.nadam import Nadam
from kerasish.optimizers.optax_wrapper import OptaxOptimizer
from kerasish.optimizers.registry import deserialize, get, serialize
from kerasish.optimizers.rmsprop import RMSprop
from kerasish.optimizers.sgd import SGD

__all__ = [
    "Adagrad",
    "Adam",
    "AdamW",
    "Adamax",
    "LossScaleOptimizer",
    "Nadam",
    "OptaxOptimizer",
    "Optimizer",
    "RMSprop",
    "SGD",
    "deserialize",
    "get",
    "schedules",
    "serialize",
]
