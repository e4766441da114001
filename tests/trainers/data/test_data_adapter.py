"""Adapter dispatch, and tf.data / torch DataLoader adapters with fake classes."""

import numpy as np
import pytest

import kerasish as keras
from kerasish.trainers.data import data_adapter


class _Tensor:
    def __init__(self, value):
        self.value = np.asarray(value)

    def cpu(self):
        return self

    def numpy(self):
        return self.value


def _fake(name, module, body):
    cls = type(name, (), body)
    cls.__module__ = module
    return cls


X = np.random.default_rng(2).normal(size=(8, 3)).astype("float32")
Y = (np.arange(8) % 3).astype("int32")
BATCHES = [(X[:4], Y[:4]), (X[4:], Y[4:])]

FakeDataset = _fake(
    "DatasetV2",
    "tensorflow.python.data.ops.dataset_ops",
    {
        "as_numpy_iterator": lambda self: iter(BATCHES),
        "cardinality": lambda self: 2,
    },
)
FakeLoader = _fake(
    "DataLoader",
    "torch.utils.data.dataloader",
    {
        "dataset": X,
        "__iter__": lambda self: iter([[_Tensor(a), _Tensor(b)] for a, b in BATCHES]),
        "__len__": lambda self: 2,
    },
)


def test_detection_by_module_name():
    assert data_adapter.is_tf_dataset(FakeDataset())
    assert data_adapter.is_torch_dataloader(FakeLoader())
    assert not data_adapter.is_tf_dataset(BATCHES)
    assert not data_adapter.is_streaming(X)
    assert not data_adapter.is_streaming([X, Y])
    assert data_adapter.is_streaming(iter(BATCHES))


def _model():
    m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(3, name="d")])
    m.compile("sgd", keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    return m


@pytest.mark.parametrize("make", [FakeDataset, FakeLoader], ids=["tf", "torch"])
def test_fit_evaluate_predict_on_fakes(make):
    model = _model()
    weights = model.get_weights()
    history = model.fit(make(), epochs=2, verbose=0, shuffle=False)
    assert history.params["steps"] == 2
    got = model.get_weights()
    model.set_weights(weights)
    model.fit(X, Y, batch_size=4, epochs=2, verbose=0, shuffle=False)
    for a, b in zip(got, model.get_weights(), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-6)
    assert model.predict(make(), verbose=0).shape == (8, 3)
    assert isinstance(model.evaluate(make(), verbose=0), float)


def test_tf_class_weight_and_torch_refusal():
    model = _model()
    model.fit(FakeDataset(), class_weight={0: 2.0}, verbose=0, shuffle=False)
    with pytest.raises(ValueError, match="`class_weight` is not supported for torch"):
        model.fit(FakeLoader(), class_weight={0: 2.0}, verbose=0)
    with pytest.raises(ValueError, match="`y` should not be passed"):
        model.fit(FakeDataset(), Y, verbose=0)


def test_unrecognized_streaming_type_is_left_to_the_array_path():
    with pytest.raises(ValueError, match="Unrecognized data type"):
        data_adapter.get_data_adapter(object())
