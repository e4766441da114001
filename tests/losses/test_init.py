"""`keras.losses.get`, serialization and compile-time resolution."""

import numpy as np
import pytest

from kerasish import losses


def test_get_aliases_and_names():
    assert losses.get("mse") is losses.mean_squared_error
    assert losses.get("MSE") is losses.mean_squared_error
    assert losses.get("mae") is losses.mean_absolute_error
    assert losses.get("bce") is losses.binary_crossentropy
    assert losses.get("kld") is losses.kl_divergence
    assert losses.get("categorical_crossentropy") is losses.categorical_crossentropy
    assert isinstance(losses.get("MeanSquaredError"), losses.MeanSquaredError)
    assert losses.get(None) is None
    instance = losses.Huber()
    assert losses.get(instance) is instance
    assert isinstance(losses.get(losses.Huber), losses.Huber)
    loss = losses.get(
        {"class_name": "CategoricalCrossentropy", "config": {"from_logits": True}}
    )
    assert loss.from_logits


def test_get_unknown_lists_known_names():
    with pytest.raises(ValueError, match="Could not interpret loss identifier: foo"):
        losses.get("foo")
    with pytest.raises(ValueError, match="mean_squared_error"):
        losses.get("crossentropy")


def test_serialize_matches_keras_format():
    # Observed with keras==3.15.1.
    assert losses.serialize(losses.MeanSquaredError()) == {
        "module": "keras.losses",
        "class_name": "MeanSquaredError",
        "config": {"name": "mean_squared_error", "reduction": "sum_over_batch_size"},
        "registered_name": None,
    }
    assert losses.serialize(losses.mean_squared_error) == {
        "module": "builtins",
        "class_name": "function",
        "config": "mean_squared_error",
        "registered_name": "function",
    }


def test_deserialize_round_trip():
    loss = losses.BinaryCrossentropy(from_logits=True, label_smoothing=0.1)
    restored = losses.deserialize(losses.serialize(loss))
    assert isinstance(restored, losses.BinaryCrossentropy)
    assert restored.get_config() == loss.get_config()
    assert losses.deserialize(losses.serialize(losses.hinge)) is losses.hinge
    wrapper = losses.LossFunctionWrapper(losses.huber, name="h", delta=2.0)
    config = wrapper.get_config()
    assert config["fn"]["config"] == "huber" and config["delta"] == 2.0
    rebuilt = losses.LossFunctionWrapper.from_config(config)
    assert rebuilt.fn is losses.huber and rebuilt._fn_kwargs == {"delta": 2.0}


@pytest.mark.parametrize(
    "y_true_shape, y_pred_shape, fn",
    [
        ((8, 1), (8, 1), "binary_crossentropy"),
        ((8,), (8, 10), "sparse_categorical_crossentropy"),
        ((8, 1), (8, 10), "sparse_categorical_crossentropy"),
        ((8, 10), (8, 10), "categorical_crossentropy"),
    ],
)
def test_resolve_crossentropy_by_shape(y_true_shape, y_pred_shape, fn):
    loss = losses.resolve_by_shape("ce", y_true_shape, y_pred_shape)
    assert isinstance(loss, losses.LossFunctionWrapper)
    assert loss.fn is getattr(losses, fn)
    assert loss.name == "ce"


def test_resolve_wraps_functions_named_as_written():
    loss = losses.resolve_by_shape("mse", (4, 1), (4, 1))
    assert loss.fn is losses.mean_squared_error and loss.name == "mse"
    value = loss(np.zeros((4,)), np.ones((4, 1), "float32"))
    np.testing.assert_allclose(value, 1.0)
    instance = losses.MeanAbsoluteError()
    assert losses.resolve_by_shape(instance, (4,), (4,)) is instance
