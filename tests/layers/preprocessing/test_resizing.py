import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer

X = np.arange(24, dtype="float32").reshape(2, 3, 4, 1) * 10


def test_resizing_contract():
    check_layer(
        layers.Resizing, {"height": 2, "width": 3}, (2, 4, 4, 1), (2, 2, 3, 1), 0, 0
    )


def test_bilinear_matches_keras():
    y = np.asarray(layers.Resizing(2, 3)(X))[..., 0]
    # Keras 3.15.1 output.
    expected = [
        [[11.6667, 25.0, 38.3333], [71.6667, 85.0, 98.3333]],
        [[131.6667, 145.0, 158.3333], [191.6667, 205.0, 218.3333]],
    ]
    np.testing.assert_allclose(y, expected, atol=1e-4)


def test_aspect_ratio_options_and_data_format():
    crop = layers.Resizing(2, 2, crop_to_aspect_ratio=True)(X)
    np.testing.assert_allclose(
        np.asarray(crop)[0, ..., 0], [[12.5, 27.5], [72.5, 87.5]]
    )
    pad = layers.Resizing(4, 4, pad_to_aspect_ratio=True, fill_value=-1.0)(X)
    assert pad.shape == (2, 4, 4, 1)
    first = layers.Resizing(2, 3, data_format="channels_first")
    y = first(X.transpose(0, 3, 1, 2))
    np.testing.assert_allclose(
        y, np.asarray(layers.Resizing(2, 3)(X)).transpose(0, 3, 1, 2)
    )


def test_integer_images_stay_integer_and_single_image():
    y = layers.Resizing(2, 3)(X.astype("uint8"))
    assert str(y.dtype) == "uint8"
    np.testing.assert_array_equal(np.asarray(y)[0, 0, :, 0], [12, 25, 38])
    assert layers.Resizing(2, 3)(X[0]).shape == (2, 3, 1)


def test_get_config_matches_keras():
    config = layers.Resizing(4, 5, name="rs").get_config()
    assert config == {
        "name": "rs",
        "trainable": True,
        "dtype": config["dtype"],
        "data_format": "channels_last",
        "height": 4,
        "width": 5,
        "interpolation": "bilinear",
        "crop_to_aspect_ratio": False,
        "pad_to_aspect_ratio": False,
        "fill_mode": "constant",
        "fill_value": 0.0,
        "antialias": False,
    }


def test_bad_input():
    with pytest.raises(ValueError, match="height=0"):
        layers.Resizing(0, 2)
    with pytest.raises(ValueError, match="rank 3"):
        layers.Resizing(2, 2)(np.ones((4, 4), "float32"))
