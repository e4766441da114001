import jax.numpy as jnp
import numpy as np
import pytest

import kerasish as keras
from kerasish import layers


class Linear(layers.Layer):
    """A user layer written the Keras 3 way."""

    def __init__(self, units=2, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(
            shape=(input_shape[-1], self.units), initializer="ones", name="w"
        )
        self.b = self.add_weight(shape=(self.units,), initializer="zeros", name="b")
        self.count = self.add_weight(
            shape=(), initializer="zeros", trainable=False, name="count"
        )

    def call(self, inputs):
        self.add_loss(jnp.sum(inputs) * 0.0 + 1.5)
        return jnp.matmul(inputs, self.w.value) + self.b.value

    def get_config(self):
        return {**super().get_config(), "units": self.units}


class Block(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.inner = [Linear(3, name="first"), Linear(2, name="second")]

    def call(self, inputs, training=None):
        x = inputs
        for layer in self.inner:
            x = layer(x)
        return x


def test_user_layer_builds_on_first_call_and_orders_weights():
    layer = Linear(name="lin")
    assert not layer.built
    out = layer(np.ones((1, 3), "float32"))
    assert layer.built
    np.testing.assert_allclose(np.asarray(out), [[3.0, 3.0]])
    assert [w.name for w in layer.weights] == ["w", "b", "count"]
    assert [w.name for w in layer.trainable_weights] == ["w", "b"]
    assert [w.name for w in layer.non_trainable_weights] == ["count"]
    assert layer.count_params() == 3 * 2 + 2 + 1


def test_nested_layers_in_lists_are_tracked():
    block = Block(name="block")
    block(np.ones((1, 4), "float32"))
    # Sub-layers built inside their parent's call nest their paths, as in Keras.
    assert [w.path for w in block.weights] == [
        "block/first/w",
        "block/first/b",
        "block/first/count",
        "block/second/w",
        "block/second/b",
        "block/second/count",
    ]


def test_trainable_false_freezes_sublayers():
    block = Block()
    block(np.ones((1, 4), "float32"))
    block.trainable = False
    assert block.trainable_weights == []
    assert len(block.non_trainable_weights) == 6
    assert not block.inner[0].trainable


def test_add_loss_in_eager_call_is_reported():
    layer = Linear()
    layer(np.ones((1, 3), "float32"))
    assert [float(v) for v in layer.losses] == [1.5]


def test_auto_names_follow_keras_counters():
    keras.backend.clear_session()
    names = [layers.Dense(1).name, layers.Dense(1).name, Linear().name]
    assert names == ["dense", "dense_1", "linear"]
    keras.backend.clear_session()
    assert layers.Dense(1).name == "dense"


def test_set_weights_errors_name_counts_and_shapes():
    layer = Linear(name="lin")
    layer(np.ones((1, 3), "float32"))
    with pytest.raises(ValueError, match="length 1.*expecting 3 weights"):
        layer.set_weights([np.ones((3, 2))])
    with pytest.raises(ValueError, match=r"\(3, 2\).*\(2, 2\)"):
        layer.set_weights([np.ones((2, 2)), np.ones(2), np.ones(())])


def test_unknown_kwargs_rejected():
    with pytest.raises(
        ValueError, match="Unrecognized keyword arguments passed to Dense"
    ):
        layers.Dense(2, foo=1)


def test_input_shape_kwarg_warns_like_keras():
    with pytest.warns(UserWarning, match="input_shape"):
        layers.Dense(2, input_shape=(3,))


def test_config_round_trip_for_user_layer():
    layer = Linear(units=4, name="lin")
    clone = Linear.from_config(layer.get_config())
    assert clone.units == 4 and clone.name == "lin"


def test_variable_assign_checks_shape():
    layer = Linear()
    layer(np.ones((1, 3), "float32"))
    with pytest.raises(ValueError, match="shape"):
        layer.b.assign(np.ones(3))
    layer.b.assign(np.array([1.0, 2.0]))
    np.testing.assert_array_equal(layer.b.numpy(), [1.0, 2.0])


def test_python_lists_are_converted_like_keras():
    out = layers.Activation("relu")([-3.0, 0.0, 2.0])
    np.testing.assert_array_equal(np.asarray(out), [0.0, 0.0, 2.0])
    assert layers.Dense(2)([[1.0, 2.0]]).shape == (1, 2)


class MaskProducer(layers.Layer):
    def call(self, inputs):
        return inputs

    def compute_mask(self, inputs, previous_mask):
        return inputs[..., 0] != 0


class MaskConsumer(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    def call(self, inputs, mask=None):
        return jnp.where(mask[..., None], inputs, -1.0)


def test_masks_flow_between_layers_eagerly_and_under_jit():
    import jax

    model = keras.Sequential([keras.Input((3, 2)), MaskProducer(), MaskConsumer()])
    x = np.array([[[1.0, 1.0], [0.0, 5.0], [2.0, 2.0]]], "float32")
    want = [[[1.0, 1.0], [-1.0, -1.0], [2.0, 2.0]]]
    np.testing.assert_array_equal(np.asarray(model(x)), want)
    jitted = jax.jit(model.apply)(model.params, x)
    np.testing.assert_array_equal(np.asarray(jitted), want)
