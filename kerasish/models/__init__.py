"""`keras.models`: `Model`, `Sequential`, cloning, loading and saving.

The loaders and `clone_model` load on first use, so `import kerasish.models`
does not import the file formats (h5py, zip).
"""

from kerasish.core.lazy import lazy_exports
from kerasish.models.functional import Functional
from kerasish.models.model import Model
from kerasish.models.sequential import Sequential

_LAZY = {
    "clone_model": "kerasish.models.cloning",
    "load_model": "kerasish.saving.saving_api",
    "model_from_json": "kerasish.models.model_config",
    "save_model": "kerasish.saving.saving_api",
}

__all__ = ["Functional", "Model", "Sequential", *sorted(_LAZY)]
__getattr__, __dir__ = lazy_exports("kerasish.models", _LAZY)
