import numpy as np

from kerasish import layers
from tests.layer_checks import check_layer


def test_rescaling_contract():
    check_layer(layers.Rescaling, {"scale": 0.5, "offset": 1.0}, (2, 3), (2, 3), 0, 0)


def test_rescaling_values_and_int_inputs():
    x = np.array([[0, 255], [51, 102]], "uint8")
    y = layers.Rescaling(1.0 / 127.5, offset=-1)(x)
    assert str(y.dtype) == "float32"
    np.testing.assert_allclose(y, x.astype("float32") / 127.5 - 1, rtol=1e-6)


def test_rescaling_per_channel_scale_and_config_round_trip():
    layer = layers.Rescaling(np.array([1.0, 2.0, 3.0], "float32"))
    y = layer(np.ones((2, 2, 2, 3), "float32"))
    np.testing.assert_array_equal(np.asarray(y)[0, 0, 0], [1.0, 2.0, 3.0])
    config = layer.get_config()
    assert config["scale"]["class_name"] == "__numpy__"
    clone = layers.Rescaling.from_config(config)
    np.testing.assert_array_equal(clone.scale, [1.0, 2.0, 3.0])
