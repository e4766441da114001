"""Preprocessing layers that run inside models: feature preprocessing
(Normalization, Discretization, ...), image resizing and augmentation."""

from kerasish.layers.preprocessing.category_encoding import CategoryEncoding
from kerasish.layers.preprocessing.center_crop import CenterCrop
from kerasish.layers.preprocessing.discretization import Discretization
from kerasish.layers.preprocessing.normalization import Normalization
from kerasish.layers.preprocessing.random_brightness import RandomBrightness
from kerasish.layers.preprocessing.random_contrast import RandomContrast
from kerasish.layers.preprocessing.random_crop import RandomCrop
from kerasish.layers.preprocessing.random_flip import RandomFlip
from kerasish.layers.preprocessing.random_rotation import RandomRotation
from kerasish.layers.preprocessing.random_translation import RandomTranslation
from kerasish.layers.preprocessing.random_zoom import RandomZoom
from kerasish.layers.preprocessing.rescaling import Rescaling
from kerasish.layers.preprocessing.resizing import Resizing

__all__ = [
    "CategoryEncoding",
    "CenterCrop",
    "Discretization",
    "Normalization",
    "RandomBrightness",
    "RandomContrast",
    "RandomCrop",
    "RandomFlip",
    "RandomRotation",
    "RandomTranslation",
    "RandomZoom",
    "Rescaling",
    "Resizing",
]
