import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer

CF = "channels_first"
CFD = {"data_format": CF}


@pytest.mark.parametrize(
    "cls, kwargs, input_shape, output_shape",
    [
        ("UpSampling1D", {}, (2, 3, 2), (2, 6, 2)),
        ("UpSampling2D", {"size": (1, 3)}, (1, 2, 2, 2), (1, 2, 6, 2)),
        ("UpSampling2D", CFD, (1, 2, 2, 3), (1, 2, 4, 6)),
        ("UpSampling2D", {"interpolation": "bilinear"}, (1, 2, 3, 1), (1, 4, 6, 1)),
        ("UpSampling3D", {"size": (1, 2, 3)}, (1, 2, 1, 1, 2), (1, 2, 2, 3, 2)),
        ("UpSampling3D", CFD, (1, 2, 1, 2, 1), (1, 2, 2, 4, 2)),
    ],
)
def test_up_sampling_contract(cls, kwargs, input_shape, output_shape):
    check_layer(getattr(layers, cls), kwargs, input_shape, output_shape, 0, 0)


def test_nearest_repeats_rows_and_columns():
    x = np.arange(12, dtype="float32").reshape(2, 2, 1, 3)
    out = layers.UpSampling2D(size=(1, 2))(x)
    np.testing.assert_array_equal(out, np.repeat(x, 2, axis=2))
    out = layers.UpSampling2D(size=(2, 3), data_format=CF)(x)
    np.testing.assert_array_equal(out, np.repeat(np.repeat(x, 2, axis=2), 3, axis=3))
    x3 = x.reshape(2, 2, 3)
    np.testing.assert_array_equal(layers.UpSampling1D(3)(x3), np.repeat(x3, 3, axis=1))
    x5 = x.reshape(2, 1, 2, 3, 1)
    expected = np.repeat(np.repeat(np.repeat(x5, 2, 1), 1, 2), 2, 3)
    np.testing.assert_array_equal(layers.UpSampling3D((2, 1, 2))(x5), expected)


def test_bilinear_matches_keras():
    x = np.array([[1.0, 2.0], [3.0, 5.0]], "float32").reshape(1, 2, 2, 1)
    out = layers.UpSampling2D(2, interpolation="bilinear")(x)
    # Observed from Keras 3.15.1 (JAX backend).
    expected = [
        [1.0, 1.25, 1.75, 2.0],
        [1.5, 1.8125, 2.4375, 2.75],
        [2.5, 2.9375, 3.8125, 4.25],
        [3.0, 3.5, 4.5, 5.0],
    ]
    np.testing.assert_allclose(np.asarray(out)[0, :, :, 0], expected, rtol=1e-6)
    x = np.array([1.0, 2.0, 4.0], "float32").reshape(1, 1, 1, 3)
    out = layers.UpSampling2D((1, 2), data_format=CF, interpolation="BILINEAR")(x)
    np.testing.assert_allclose(
        np.asarray(out)[0, 0, 0], [1.0, 1.25, 1.75, 2.5, 3.5, 4.0], rtol=1e-6
    )


def test_up_sampling_config_as_keras():
    config = layers.UpSampling2D(name="u").get_config()
    assert config["size"] == (2, 2)
    assert config["interpolation"] == "nearest"
    assert config["data_format"] == "channels_last"
    assert layers.UpSampling1D().get_config()["size"] == 2
    assert "data_format" not in layers.UpSampling1D().get_config()
    assert layers.UpSampling3D(3).get_config()["size"] == (3, 3, 3)
    assert layers.UpSampling2D((2, 3)).compute_output_shape((None, None, 4, 1)) == (
        None,
        None,
        12,
        1,
    )


def test_up_sampling_rejects_bad_arguments():
    with pytest.raises(TypeError, match="size"):
        layers.UpSampling1D(2.0)
    with pytest.raises(ValueError, match="size=0"):
        layers.UpSampling1D(0)
    with pytest.raises(ValueError, match="size"):
        layers.UpSampling2D((2, 0))
    with pytest.raises(ValueError, match="size"):
        layers.UpSampling3D((2, 2))
    with pytest.raises(ValueError, match="interpolation=area"):
        layers.UpSampling2D(interpolation="area")
    with pytest.raises(ValueError, match="expected ndim=5"):
        layers.UpSampling3D()(np.zeros((1, 2, 2, 1), "float32"))
