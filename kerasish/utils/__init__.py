"""`keras.utils`: progress bar, label helpers and seeding.

Names load on first use, so importing this package stays cheap.
"""

from kerasish.core.lazy import lazy_exports

_EXPORTS = {
    "array_to_img": "kerasish.utils.image_utils",
    "custom_object_scope": "kerasish.saving.object_registration",
    "CustomObjectScope": "kerasish.saving.object_registration",
    "deserialize_keras_object": "kerasish.saving.serialization_lib",
    "get_custom_objects": "kerasish.saving.object_registration",
    "get_file": "kerasish.utils.file_utils",
    "get_registered_name": "kerasish.saving.object_registration",
    "get_registered_object": "kerasish.saving.object_registration",
    "img_to_array": "kerasish.utils.image_utils",
    "load_img": "kerasish.utils.image_utils",
    "model_to_dot": "kerasish.utils.model_visualization",
    "normalize": "kerasish.utils.numerical_utils",
    "pad_sequences": "kerasish.utils.sequence_utils",
    "plot_model": "kerasish.utils.model_visualization",
    "Progbar": "kerasish.utils.progbar",
    "PyDataset": "kerasish.utils.py_dataset",
    "register_keras_serializable": "kerasish.saving.object_registration",
    "save_img": "kerasish.utils.image_utils",
    "Sequence": "kerasish.utils.py_dataset",
    "serialize_keras_object": "kerasish.saving.serialization_lib",
    "set_random_seed": "kerasish.core.random",
    "split_dataset": "kerasish.utils.dataset_utils",
    "timeseries_dataset_from_array": "kerasish.utils.timeseries_dataset_utils",
    "to_categorical": "kerasish.utils.numerical_utils",
}

__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports("kerasish.utils", _EXPORTS)
