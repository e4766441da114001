"""`keras.saving`: object (de)serialization, custom object registration, files.

Names load on first use, so importing this package stays cheap.
"""

from kerasish.core.lazy import lazy_exports

_EXPORTS = {
    "custom_object_scope": "kerasish.saving.object_registration",
    "CustomObjectScope": "kerasish.saving.object_registration",
    "deserialize_keras_object": "kerasish.saving.serialization_lib",
    "get_custom_objects": "kerasish.saving.object_registration",
    "get_registered_name": "kerasish.saving.object_registration",
    "get_registered_object": "kerasish.saving.object_registration",
    "load_model": "kerasish.saving.saving_api",
    "load_params": "kerasish.saving.npz",
    "load_weights": "kerasish.saving.saving_api",
    "register_keras_serializable": "kerasish.saving.object_registration",
    "save_model": "kerasish.saving.saving_api",
    "save_params": "kerasish.saving.npz",
    "save_weights": "kerasish.saving.saving_api",
    "serialize_keras_object": "kerasish.saving.serialization_lib",
}

__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports("kerasish.saving", _EXPORTS)
