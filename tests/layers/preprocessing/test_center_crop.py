import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer

X = np.arange(24, dtype="float32").reshape(2, 3, 4, 1) * 10


def test_center_crop_contract():
    check_layer(
        layers.CenterCrop, {"height": 2, "width": 2}, (2, 4, 5, 1), (2, 2, 2, 1), 0, 0
    )


def test_crop_and_upscale_match_keras():
    y = np.asarray(layers.CenterCrop(2, 2)(X))[..., 0]
    np.testing.assert_array_equal(y, [[[10, 20], [50, 60]], [[130, 140], [170, 180]]])
    # Too small: cropped to the aspect ratio, then resized (Keras 3.15.1 values).
    y = np.asarray(layers.CenterCrop(4, 2)(X))[..., 0]
    np.testing.assert_allclose(y[0], [[10, 10], [35, 35], [65, 65], [90, 90]])


def test_single_image_channels_first_and_int_cast():
    assert layers.CenterCrop(2, 2)(X[0]).shape == (2, 2, 1)
    y = layers.CenterCrop(2, 2, data_format="channels_first")(X.transpose(0, 3, 1, 2))
    np.testing.assert_array_equal(np.asarray(y)[0, 0], [[10, 20], [50, 60]])
    assert str(layers.CenterCrop(2, 2)(X.astype("int32")).dtype) == "float32"


def test_bad_input():
    with pytest.raises(ValueError, match="width=-1"):
        layers.CenterCrop(2, -1)
