"""`keras.utils`: progress bar, label helpers and seeding."""

from kerasish.core.random import set_random_seed
from kerasish.utils.numerical_utils import (
    normalize,
    to_categorical,
)
from kerasish.utils.progbar import Progbar

__all__ = [
    "Progbar",
    "normalize",
    "set_random_seed",
    "to_categorical",
]
