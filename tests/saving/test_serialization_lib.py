"""Tests for kerasish/saving/serialization_lib.py (and deserialization.py)."""

import json

import numpy as np
import pytest

import kerasish as keras
from kerasish.saving import object_registration, serialization_lib

ser = keras.saving.serialize_keras_object
de = keras.saving.deserialize_keras_object


def _json(obj):
    return json.loads(json.dumps(obj))


def test_plain_values_and_special_types():
    assert ser(None) is None and ser(3) == 3 and ser("a") == "a"
    assert ser((1, [2, {"k": 3}])) == (1, [2, {"k": 3}])
    assert ser(slice(1, None, 2)) == {
        "class_name": "__slice__",
        "config": {"start": 1, "stop": None, "step": 2},
    }
    assert ser(Ellipsis) == {"class_name": "__ellipsis__", "config": {}}
    assert ser(np.float32(1.5)) == 1.5
    config = ser(np.arange(3, dtype="int32"))
    assert config == {
        "class_name": "__numpy__",
        "config": {"value": [0, 1, 2], "dtype": "int32"},
    }
    np.testing.assert_array_equal(de(config), np.arange(3))
    assert de(ser(b"xy")) == b"xy"
    assert de(ser(slice(1, 4))) == slice(1, 4)
    assert de(ser(Ellipsis)) is Ellipsis


def test_function_config_matches_keras():
    assert ser(keras.activations.relu) == {
        "module": "builtins",
        "class_name": "function",
        "config": "relu",
        "registered_name": "function",
    }
    assert de(ser(keras.activations.relu)) is keras.activations.relu
    assert de(ser(keras.losses.mean_squared_error)) is not None


@pytest.mark.parametrize(
    "obj, module",
    [
        (keras.layers.Dense(2, name="d"), "keras.layers"),
        (keras.initializers.HeNormal(seed=1), "keras.initializers"),
        (keras.regularizers.L1L2(l1=0.1, l2=0.2), "keras.regularizers"),
        (keras.constraints.MaxNorm(2.0), "keras.constraints"),
        (keras.losses.Huber(delta=2.0), "keras.losses"),
        (keras.metrics.AUC(name="auc"), "keras.metrics"),
        (keras.optimizers.SGD(momentum=0.9), "keras.optimizers"),
        (
            keras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.9),
            "keras.optimizers.schedules",
        ),
        (
            keras.optimizers.Adam(keras.optimizers.schedules.CosineDecay(0.1, 10)),
            "keras.optimizers",
        ),
    ],
)
def test_families_round_trip_through_json(obj, module):
    config = _json(ser(obj))
    assert config["module"] == module
    assert config["class_name"] == type(obj).__name__
    assert config["registered_name"] is None
    revived = de(config)
    assert type(revived) is type(obj)
    assert _json(ser(revived)) == config


def test_alias_serializes_under_canonical_name():
    config = ser(keras.layers.AvgPool1D(2, name="p"))
    assert config["class_name"] == "AveragePooling1D"
    assert ser(keras.Sequential(name="s"))["module"] == "keras"


def test_custom_layer_registered_and_in_custom_objects():
    @keras.saving.register_keras_serializable("pkg")
    class Scale(keras.layers.Layer):
        def __init__(self, factor=2.0, **kwargs):
            super().__init__(**kwargs)
            self.factor = factor

        def call(self, x):
            return x * self.factor

        def get_config(self):
            return {**super().get_config(), "factor": self.factor}

    try:
        config = _json(ser(Scale(3.0, name="s")))
        assert config["registered_name"] == "pkg>Scale"
        assert config["module"] == Scale.__module__
        assert de(config).factor == 3.0
    finally:
        object_registration.GLOBAL_CUSTOM_OBJECTS.pop("pkg>Scale")
        object_registration.GLOBAL_CUSTOM_NAMES.pop(Scale)
    with pytest.raises(TypeError, match="Could not locate class 'Scale'"):
        de(config)
    assert de(config, custom_objects={"pkg>Scale": Scale}).factor == 3.0
    with keras.saving.custom_object_scope({"pkg>Scale": Scale}):
        assert de(config).factor == 3.0


def test_refuses_classes_outside_keras_namespaces():
    for config in (
        {"module": "os", "class_name": "system", "config": {}},
        {"module": "keras.src.utils", "class_name": "Progbar", "config": {}},
        {"module": "builtins", "class_name": "function", "config": "eval"},
    ):
        with pytest.raises(TypeError, match="Could not locate"):
            de(config)
    with pytest.raises(ValueError, match="not a modeling function"):
        de(
            {
                "module": "keras.models",
                "class_name": "function",
                "config": "load_model",
                "registered_name": "load_model",
            }
        )


def test_lambda_needs_unsafe_mode():
    with pytest.warns(UserWarning, match="includes a `lambda`"):
        config = _json(ser(lambda x: x + 1))
    assert config["class_name"] == "__lambda__"
    with pytest.raises(ValueError, match="deserialization of a Python lambda"):
        de(config)
    assert de(config, safe_mode=False)(1) == 2
    with serialization_lib.SafeModeScope(True):
        with pytest.raises(ValueError, match="Python lambda"):
            de(config, safe_mode=False)


def test_lambda_layer_refused_in_safe_mode():
    model = keras.Sequential(
        [keras.Input((2,), name="i"), keras.layers.Lambda(lambda x: x * 2, name="l")]
    )
    text = model.to_json()
    with pytest.raises(ValueError, match="Python lambda"):
        keras.models.model_from_json(text)
    with serialization_lib.SafeModeScope(False):
        revived = keras.models.model_from_json(text)
    np.testing.assert_allclose(revived.predict(np.ones((1, 2)), verbose=0), [[2, 2]])


def test_object_sharing_scope_shares_instances():
    layer = keras.layers.Dense(2, name="d")
    with serialization_lib.ObjectSharingScope():
        configs = ser([layer, layer])
    assert configs[0]["shared_object_id"] == configs[1]["shared_object_id"]
    with serialization_lib.ObjectSharingScope():
        first, second = de(_json(configs))
    assert first is second
