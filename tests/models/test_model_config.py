"""Tests for kerasish/models/functional_config.py, op_config.py, model_config.py
(model configs; Keras' exact output is checked in compat/test_configs.py)."""

import json

import numpy as np
import pytest

import kerasish as keras
from kerasish import layers


def _json(obj):
    return json.loads(json.dumps(obj))


@pytest.fixture(scope="module")
def op_model():
    a = keras.Input((4,), name="a")
    b = keras.Input((4,), name="b")
    x = layers.Dense(3, name="d")(a) * 2.0 - b[:, :3]
    x = keras.ops.concatenate([x, keras.ops.expand_dims(keras.ops.sum(b, -1), -1)], 1)
    return keras.Model({"a": a, "b": b}, [layers.Dense(1, name="o")(x), x], name="m")


def test_ops_round_trip_with_same_predictions(op_model):
    config = _json(op_model.get_config())
    classes = [entry["class_name"] for entry in config["layers"]]
    assert {"Multiply", "Subtract", "GetItem", "Sum", "ExpandDims"} <= set(classes)
    getitem = next(e for e in config["layers"] if e["class_name"] == "GetItem")
    assert getitem["module"] == "keras.src.ops.numpy"
    assert getitem["inbound_nodes"][0]["args"][1][1]["class_name"] == "__slice__"
    revived = keras.Model.from_config(config)
    assert _json(revived.get_config()) == config
    revived.set_weights(op_model.get_weights())
    x = {"a": np.ones((2, 4), "float32"), "b": np.arange(8.0).reshape(2, 4)}
    got_all, want_all = revived.predict(x, verbose=0), op_model.predict(x, verbose=0)
    for got, want in zip(got_all, want_all, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-6)


def test_unknown_op_is_not_serializable():
    a = keras.Input((4,), name="a")
    out = keras.ops.cast(a, "int32")
    model = keras.Model(a, out)
    if not any(getattr(op, "_is_operation", False) for op in model._layers):
        pytest.skip("cast does not record an operation")
    with pytest.raises(NotImplementedError, match="cannot be serialized"):
        model.get_config()


def test_shared_layer_nodes():
    shared = layers.Dense(2, name="s")
    a, b = keras.Input((3,), name="a"), keras.Input((3,), name="b")
    model = keras.Model([a, b], layers.Add(name="add")([shared(a), shared(b)]))
    config = _json(model.get_config())
    entry = next(e for e in config["layers"] if e["name"] == "s")
    assert len(entry["inbound_nodes"]) == 2
    add = next(e for e in config["layers"] if e["name"] == "add")
    histories = [
        t["config"]["keras_history"] for t in add["inbound_nodes"][0]["args"][0]
    ]
    assert histories == [["s", 0, 0], ["s", 1, 0]]
    revived = keras.Model.from_config(config)
    assert len(revived.get_layer("s")._inbound_nodes) == 2


class Sub(keras.Model):
    def __init__(self, units=2, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.dense = layers.Dense(units)

    def call(self, x):
        return self.dense(x)


class NeedsArg(keras.Model):
    def __init__(self, units):
        super().__init__()
        self.dense = layers.Dense(units)

    def call(self, x):
        return self.dense(x)


class WithConfig(Sub):
    def get_config(self):
        return {**super().get_config(), "units": self.units}


def test_subclassed_model_configs():
    # Keras quirk: the automatic config reports the constructor's defaults.
    config = Sub(units=5, name="sub").get_config()
    assert config["units"] == 2 and config["name"] == "sub"
    assert WithConfig(units=5, name="w").get_config()["units"] == 5
    revived = WithConfig.from_config(WithConfig(units=5, name="w").get_config())
    assert revived.units == 5 and revived.name == "w"
    with pytest.raises(NotImplementedError, match="must override `get_config"):
        NeedsArg(3).get_config()
    serialized = keras.saving.serialize_keras_object(WithConfig(units=4, name="w2"))
    assert serialized["registered_name"] == "WithConfig"
    assert (
        keras.saving.deserialize_keras_object(
            serialized, custom_objects={"WithConfig": WithConfig}
        ).units
        == 4
    )


def test_compile_config_round_trip():
    model = keras.Sequential([keras.Input((3,), name="i"), layers.Dense(2, name="d")])
    assert model.get_compile_config() == {}
    model.compile(optimizer="adam", loss="mse", metrics=["mae"])
    config = _json(model.get_compile_config())
    assert config["optimizer"]["class_name"] == "Adam"
    assert config["loss"] == "mse" and config["jit_compile"] is True
    revived = keras.models.model_from_json(model.to_json())
    assert revived.compiled
    assert _json(revived.get_compile_config()) == config
    revived.fit(np.ones((4, 3)), np.ones((4, 2)), verbose=0)
