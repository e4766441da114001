import warnings

import h5py
import numpy as np
import pytest

import kerasish as keras
from kerasish import layers
from kerasish.saving import weights_h5

X = np.random.default_rng(0).normal(size=(8, 4)).astype("float32")
Y = np.random.default_rng(1).normal(size=(8, 2)).astype("float32")


def _mlp(units=3, extra=False):
    stack = [
        keras.Input((4,)),
        layers.Dense(units, name="d0"),
        layers.Dense(2, name="d1"),
    ]
    if extra:
        stack.append(layers.Dense(2, name="d2"))
    return keras.Sequential(stack, name="mlp")


def _layout(path):
    entries = []

    def visit(name, obj):
        shape = obj.shape if isinstance(obj, h5py.Dataset) else None
        entries.append((name, shape, dict(obj.attrs)))

    with h5py.File(path) as f:
        f.visititems(visit)
    return entries


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    keras.backend.clear_session()  # the optimizer's auto-name is in the file
    model = _mlp()
    model.compile(optimizer="adam", loss="mse")
    model.fit(X, Y, batch_size=4, epochs=2, shuffle=False, verbose=0)
    path = tmp_path_factory.mktemp("w") / "mlp.weights.h5"
    model.save_weights(path)
    return model, path


def test_layout_matches_keras(trained):
    # Observed with Keras 3.15.1 for the same model (compiled with Adam, fitted).
    _, path = trained
    assert _layout(path) == [
        ("layers", None, {}),
        ("layers/dense", None, {}),
        ("layers/dense/vars", None, {"name": "d0"}),
        ("layers/dense/vars/0", (4, 3), {}),
        ("layers/dense/vars/1", (3,), {}),
        ("layers/dense_1", None, {}),
        ("layers/dense_1/vars", None, {"name": "d1"}),
        ("layers/dense_1/vars/0", (3, 2), {}),
        ("layers/dense_1/vars/1", (2,), {}),
        ("optimizer", None, {}),
        ("optimizer/vars", None, {"name": "adam"}),
        *[(f"optimizer/vars/{i}", s, {}) for i, s in _ADAM_SHAPES],
        ("vars", None, {"name": "mlp"}),
    ]
    with h5py.File(path) as f:
        assert f["optimizer/vars/0"].dtype == np.int32
        assert f["optimizer/vars/0"][()] == 4


_ADAM_SHAPES = sorted(
    enumerate([(), (), (4, 3), (4, 3), (3,), (3,), (3, 2), (3, 2), (2,), (2,)]),
    key=lambda item: str(item[0]),
)


def test_subclassed_model_paths_follow_attributes(tmp_path):
    class Blocks(keras.Model):
        def __init__(self):
            super().__init__(name="sub")
            self.zeta = layers.Dense(2)
            self.alpha = layers.Dense(3)
            self.blocks = [layers.Dense(2), layers.Dense(2)]
            self._priv = layers.Dense(1)

        def call(self, x):
            x = self.zeta(self.alpha(x))
            return self._priv(self.blocks[1](self.blocks[0](x)))

    model = Blocks()
    model(np.ones((2, 3), "float32"))
    model.save_weights(tmp_path / "sub.weights.h5")
    groups = [
        n for n, shape, _ in _layout(tmp_path / "sub.weights.h5") if shape is None
    ]
    # Keras 3.15.1 writes exactly these groups (attribute order, private last,
    # `layers` naming members by class, already-stored layers skipped).
    assert groups == [
        "alpha", "alpha/vars", "blocks", "blocks/dense", "blocks/dense/vars",
        "blocks/dense_1", "blocks/dense_1/vars", "layers", "layers/dense",
        "layers/dense/vars", "layers/dense_4", "layers/dense_4/vars", "vars",
    ]  # fmt: skip


def test_round_trip_restores_weights_and_optimizer(trained):
    model, path = trained
    fresh = _mlp()
    fresh.compile(optimizer="adam", loss="mse")
    fresh.fit(X, Y, batch_size=8, epochs=1, verbose=0)  # builds the optimizer
    fresh.load_weights(path)
    for a, b in zip(fresh.get_weights(), model.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    assert int(fresh.optimizer.iterations) == 4
    for a, b in zip(fresh.optimizer.variables, model.optimizer.variables, strict=True):
        np.testing.assert_array_equal(a.numpy(), b.numpy())


def test_shape_mismatch_raises_keras_message(trained):
    _, path = trained
    model = _mlp(units=5)
    with pytest.raises(ValueError) as info:
        model.load_weights(path)
    message = str(info.value)
    assert message.startswith(
        "A total of 2 objects could not be loaded. Example error message for "
        "object <Dense name=d0, built=True>:\n\nThe shape of the target variable "
        "and the shape of the target value in `variable.assign(value)` must match. "
        "variable.shape=(4, 5), Received: value.shape=(4, 3)."
    )
    assert message.endswith(
        "List of objects that could not be loaded:\n"
        "[<Dense name=d0, built=True>, <Dense name=d1, built=True>]"
    )


def test_count_mismatch_and_skip_mismatch(trained):
    model, path = trained
    bigger = _mlp(extra=True)
    expected = (
        "A total of 1 objects could not be loaded. Example error message for "
        "object <Dense name=d2, built=True>:\n\nLayer 'd2' expected 2 variables, "
        "but received 0 variables during loading. Expected: ['kernel', 'bias']\n\n"
        "List of objects that could not be loaded:\n[<Dense name=d2, built=True>]"
    )
    with pytest.raises(ValueError) as info:
        bigger.load_weights(path)
    assert str(info.value) == expected
    before = bigger.layers[2].get_weights()
    with pytest.warns(UserWarning) as record:
        bigger.load_weights(path, skip_mismatch=True)
    assert [str(w.message) for w in record] == [expected]
    np.testing.assert_array_equal(
        bigger.layers[0].kernel.numpy(), model.layers[0].kernel.numpy()
    )
    np.testing.assert_array_equal(bigger.layers[2].get_weights()[0], before[0])


def test_unbuilt_optimizer_only_warns(trained):
    model, path = trained
    fresh = _mlp()
    fresh.compile(optimizer=keras.optimizers.Adam(name="adam_1"), loss="mse")
    with pytest.warns(UserWarning) as record:
        fresh.load_weights(path)
    assert [str(w.message) for w in record] == [
        "Skipping variable loading for optimizer 'adam_1', because it has 2 "
        "variables whereas the saved optimizer has 10 variables. "
    ]
    np.testing.assert_array_equal(fresh.get_weights()[0], model.get_weights()[0])


def test_unbuilt_optimizer_with_matching_count_loads_iterations(tmp_path):
    source = _mlp()
    source.compile(optimizer="sgd", loss="mse")
    source.fit(X, Y, batch_size=4, verbose=0)
    source.save_weights(tmp_path / "sgd.weights.h5")
    target = _mlp()
    target.compile(optimizer="sgd", loss="mse")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        target.load_weights(tmp_path / "sgd.weights.h5")
    assert int(target.optimizer.iterations) == 2


def test_unbuilt_models_raise():
    model = keras.Sequential([layers.Dense(2)])
    with pytest.raises(ValueError, match="saving a model that has not yet been built"):
        model.save_weights("never.weights.h5")
    with pytest.raises(ValueError, match="loading weights into a model that has not"):
        model.load_weights("never.weights.h5")


def test_corrupt_file_leaves_model_untouched(trained, tmp_path):
    _, path = trained
    bad = tmp_path / "bad.weights.h5"
    with h5py.File(path) as src, h5py.File(bad, "w") as dst:
        for name in ("layers", "vars"):
            src.copy(name, dst)
        del dst["layers/dense_1/vars/1"]
        dst["layers/dense_1/vars/1"] = h5py.SoftLink("/layers/dense/vars/1")
    model = _mlp()
    before = model.get_weights()
    with pytest.raises(ValueError, match="SoftLink"):
        model.load_weights(bad)
    for a, b in zip(model.get_weights(), before, strict=True):
        np.testing.assert_array_equal(a, b)


def test_objects_to_skip(trained, tmp_path):
    model, _ = trained
    path = tmp_path / "skip.weights.h5"
    weights_h5.save_weights_only(model, path, objects_to_skip=[model.optimizer])
    with h5py.File(path) as f:
        assert "optimizer" not in f
    fresh = _mlp()
    fresh.load_weights(path, objects_to_skip=[fresh.layers[1]])
    np.testing.assert_array_equal(
        fresh.layers[0].kernel.numpy(), model.layers[0].kernel.numpy()
    )
    assert not np.array_equal(
        fresh.layers[1].kernel.numpy(), model.layers[1].kernel.numpy()
    )


class ScaledStore(layers.Layer):
    """Stores its weight doubled, through Keras' save/load hooks."""

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="w")

    def call(self, x):
        return x * self.w

    def save_own_variables(self, store):
        store["0"] = np.asarray(self.w.value) * 2

    def load_own_variables(self, store):
        self.w.assign(store["0"] / 2)


def test_custom_save_and_load_hooks(tmp_path):
    model = keras.Sequential([keras.Input((3,)), ScaledStore(name="s")])
    model.layers[0].w.assign(np.array([1.0, 2.0, 3.0], "float32"))
    model.save_weights(tmp_path / "s.weights.h5")
    with h5py.File(tmp_path / "s.weights.h5") as f:
        np.testing.assert_array_equal(
            f["layers/scaled_store/vars/0"][()], [2.0, 4.0, 6.0]
        )
    fresh = keras.Sequential([keras.Input((3,)), ScaledStore(name="s")])
    fresh.load_weights(tmp_path / "s.weights.h5")
    np.testing.assert_array_equal(fresh.layers[0].w.numpy(), [1.0, 2.0, 3.0])


def test_batch_norm_statistics_round_trip(tmp_path):
    def build():
        return keras.Sequential(
            [keras.Input((3,)), layers.BatchNormalization(name="bn")], name="b"
        )

    model = build()
    for v, value in zip(model.weights, np.arange(12.0).reshape(4, 3) + 1, strict=True):
        v.assign(value.astype("float32"))
    model.save_weights(tmp_path / "bn.weights.h5")
    fresh = build()
    fresh.load_weights(tmp_path / "bn.weights.h5")
    np.testing.assert_array_equal(fresh.get_weights(), model.get_weights())
    assert [n for n, *_ in _layout(tmp_path / "bn.weights.h5")][:3] == [
        "layers", "layers/batch_normalization", "layers/batch_normalization/vars",
    ]  # fmt: skip
