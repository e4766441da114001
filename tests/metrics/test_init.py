"""`keras.metrics.get`, serialization, directions and `"accuracy"` resolution."""

import numpy as np
import pytest

from kerasish import losses, metrics


def test_get_aliases_and_names():
    assert isinstance(metrics.get("mse"), metrics.MeanSquaredError)
    assert isinstance(metrics.get("MSE"), metrics.MeanSquaredError)
    assert isinstance(metrics.get("mae"), metrics.MeanAbsoluteError)
    assert isinstance(metrics.get("mape"), metrics.MeanAbsolutePercentageError)
    assert isinstance(metrics.get("msle"), metrics.MeanSquaredLogarithmicError)
    assert isinstance(metrics.get("bce"), metrics.BinaryCrossentropy)
    assert isinstance(metrics.get("binary_accuracy"), metrics.BinaryAccuracy)
    assert isinstance(metrics.get("log_cosh_error"), metrics.LogCoshError)
    assert isinstance(metrics.get("SparseCategoricalAccuracy"), metrics.Metric)
    assert metrics.get("log_cosh_error").name == "logcosh"  # Keras' default name.
    assert metrics.get(metrics.binary_accuracy) is metrics.binary_accuracy
    for unknown in ("acc", "crossentropy", "logcosh"):  # Keras rejects these too.
        with pytest.raises(ValueError, match="Could not interpret metric"):
            metrics.get(unknown)


def test_directions_as_keras_sets_them():
    assert metrics.Accuracy()._direction == "up"
    assert metrics.CosineSimilarity()._direction == "up"
    assert metrics.MeanSquaredError()._direction == "down"
    assert metrics.KLDivergence()._direction == "down"
    assert metrics.Poisson()._direction == "down"
    assert metrics.MeanMetricWrapper(losses.mean_squared_error)._direction == "down"
    assert not hasattr(metrics.Mean(), "_direction")
    assert not hasattr(metrics.MeanMetricWrapper(lambda t, p: t), "_direction")


def test_serialize_round_trip():
    metric = metrics.SparseTopKCategoricalAccuracy(k=3, from_sorted_ids=True)
    config = metrics.serialize(metric)
    assert config["class_name"] == "SparseTopKCategoricalAccuracy"
    assert config["config"] == {
        "name": "sparse_top_k_categorical_accuracy",
        "dtype": "float32",
        "k": 3,
        "from_sorted_ids": True,
    }
    restored = metrics.deserialize(config)
    assert restored.k == 3 and restored.from_sorted_ids
    wrapper = metrics.MeanMetricWrapper(losses.mean_squared_error, name="w")
    # Observed config in keras==3.15.1 (apart from the name given here).
    assert wrapper.get_config() == {
        "name": "w",
        "dtype": "float32",
        "fn": {
            "module": "builtins",
            "class_name": "function",
            "config": "mean_squared_error",
            "registered_name": "function",
        },
    }
    rebuilt = metrics.MeanMetricWrapper.from_config(wrapper.get_config())
    assert rebuilt._fn is losses.mean_squared_error


@pytest.mark.parametrize(
    "identifier, y_true_shape, y_pred_shape, cls",
    [
        ("accuracy", (8, 1), (8, 1), metrics.BinaryAccuracy),
        ("acc", (8,), (8, 10), metrics.SparseCategoricalAccuracy),
        ("Accuracy", (8, 1), (8, 10), metrics.SparseCategoricalAccuracy),
        ("accuracy", (8, 10), (8, 10), metrics.CategoricalAccuracy),
    ],
)
def test_resolve_accuracy_by_shape(identifier, y_true_shape, y_pred_shape, cls):
    metric = metrics.resolve_by_shape(identifier, y_true_shape, y_pred_shape)
    assert type(metric) is cls
    assert metric.name == identifier


def test_resolve_other_identifiers():
    mae = metrics.resolve_by_shape("mae", (4, 1), (4, 1))
    assert isinstance(mae, metrics.MeanAbsoluteError) and mae.name == "mae"
    fn_metric = metrics.resolve_by_shape(metrics.binary_accuracy, (4, 1), (4, 1))
    assert isinstance(fn_metric, metrics.MeanMetricWrapper)
    assert fn_metric.name == "binary_accuracy"
    fn_metric.update_state(np.array([[1.0], [0.0]]), np.array([[0.9], [0.8]]))
    assert float(fn_metric.result()) == 0.5
    instance = metrics.Mean(name="m")
    assert metrics.resolve_by_shape(instance, (4,), (4,)) is instance
