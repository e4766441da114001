"""Tests for `kerasish/utils/image_utils.py` (needs Pillow, the `image` extra).

Outputs were checked equal to Keras 3.15.1 with the same Pillow (modes, sizes,
pixel hashes, saved PNG bytes, error messages); the literals below are
hand-computed.
"""

import io
import sys

import numpy as np
import pytest

from kerasish import utils
from kerasish.backend import config
from kerasish.utils import image_utils


def test_array_to_img_scales_to_0_255():
    x = np.array([[0.0, 0.5], [1.0, 0.25]])[..., None]
    img = utils.array_to_img(x)
    assert img.mode == "L" and img.size == (2, 2)
    # (x - min) / (max - min) * 255, truncated to uint8.
    np.testing.assert_array_equal(np.asarray(img), [[0, 127], [255, 63]])


@pytest.mark.parametrize(
    "shape, kwargs, mode",
    [
        ((2, 3, 3), {}, "RGB"),
        ((2, 3, 4), {}, "RGBA"),
        ((3, 2, 3), {"data_format": "channels_first"}, "RGB"),
    ],
)
def test_array_to_img_modes(shape, kwargs, mode):
    img = utils.array_to_img(np.random.RandomState(0).rand(*shape), **kwargs)
    assert img.mode == mode and img.size == (3, 2)


def test_unscaled_values_above_255_give_32_bit_grayscale():
    img = utils.array_to_img(np.array([[[300.0], [1.0]]]), scale=False)
    assert img.mode == "I"
    np.testing.assert_array_equal(np.asarray(img), [[300, 1]])


def test_img_to_array_layouts_and_dtype(monkeypatch):
    img = utils.array_to_img(np.arange(6.0).reshape(1, 2, 3), scale=False)
    x = utils.img_to_array(img)
    assert x.shape == (1, 2, 3) and x.dtype == np.float32
    np.testing.assert_array_equal(x, np.arange(6.0).reshape(1, 2, 3))
    assert utils.img_to_array(img, data_format="channels_first").shape == (3, 1, 2)
    gray = utils.array_to_img(np.ones((2, 3, 1)), scale=False)
    assert utils.img_to_array(gray, dtype="uint8").shape == (2, 3, 1)
    monkeypatch.setattr(config, "_IMAGE_DATA_FORMAT", "channels_first")
    assert utils.img_to_array(gray).shape == (1, 2, 3)


def test_save_and_load_round_trip(tmp_path):
    x = np.random.RandomState(1).randint(0, 256, (9, 12, 3)).astype("float32")
    utils.save_img(tmp_path / "a.png", x, scale=False)
    img = utils.load_img(tmp_path / "a.png")
    assert img.mode == "RGB" and img.size == (12, 9)
    np.testing.assert_array_equal(utils.img_to_array(img), x)
    buffer = io.BytesIO((tmp_path / "a.png").read_bytes())
    np.testing.assert_array_equal(utils.img_to_array(utils.load_img(buffer)), x)
    gray = utils.load_img(str(tmp_path / "a.png"), color_mode="grayscale")
    assert utils.img_to_array(gray).shape == (9, 12, 1)
    rgba = utils.load_img(str(tmp_path / "a.png"), color_mode="rgba")
    assert utils.img_to_array(rgba).shape == (9, 12, 4)


def test_jpg_extension_and_rgba_warning(tmp_path):
    with pytest.warns(UserWarning, match="JPEG format does not support RGBA"):
        utils.save_img(str(tmp_path / "c.jpg"), np.random.rand(4, 4, 4))
    assert utils.load_img(str(tmp_path / "c.jpg")).format == "JPEG"
    buffer = io.BytesIO()
    utils.save_img(buffer, np.random.rand(4, 4, 3), file_format="png")
    assert buffer.getvalue()[:4] == b"\x89PNG"


def test_target_size_and_keep_aspect_ratio(tmp_path):
    x = np.zeros((9, 12, 3))
    x[:, 0] = 255.0  # a white left column: cropped away by the centered crop
    utils.save_img(str(tmp_path / "a.png"), x, scale=False)
    resized = utils.load_img(
        str(tmp_path / "a.png"), target_size=(4, 6), interpolation="box"
    )
    assert resized.size == (6, 4)
    assert utils.img_to_array(resized)[:, 0].min() > 0  # box-averaged column
    # 12x9 -> centered 9x9 box [1, 0, 10, 9] -> 4x4: the white column is gone.
    square = utils.load_img(
        str(tmp_path / "a.png"),
        target_size=(4, 4),
        keep_aspect_ratio=True,
        interpolation="box",
    )
    assert square.size == (4, 4)
    assert utils.img_to_array(square).max() == 0
    assert image_utils._center_crop_box((12, 9), (4, 4)) == [1, 0, 10, 9]
    assert image_utils._center_crop_box((12, 9), (3, 8)) == [4, 0, 7, 9]


def test_errors(tmp_path):
    utils.save_img(str(tmp_path / "a.png"), np.zeros((2, 2, 3)))
    with pytest.raises(ValueError, match='color_mode must be "grayscale", "rgb", or'):
        utils.load_img(str(tmp_path / "a.png"), color_mode="cmyk")
    with pytest.raises(ValueError, match="Supported methods are nearest, bilinear"):
        utils.load_img(str(tmp_path / "a.png"), target_size=(3, 3), interpolation="x")
    with pytest.raises(TypeError, match="path should be path-like or io.BytesIO"):
        utils.load_img(3)
    with pytest.raises(ValueError, match="Got array with shape: \\(2, 2\\)"):
        utils.array_to_img(np.zeros((2, 2)))
    with pytest.raises(ValueError, match="Unsupported channel number: 2"):
        utils.array_to_img(np.zeros((2, 2, 2)))
    with pytest.raises(ValueError, match="Unsupported image shape"):
        utils.img_to_array(np.zeros((1, 2, 2, 2)))


def test_clear_error_without_pillow(monkeypatch):
    monkeypatch.setitem(sys.modules, "PIL", None)
    with pytest.raises(
        ImportError, match="The use of `load_img` requires PIL.*kerasish\\[image\\]"
    ):
        utils.load_img("x.png")
    with pytest.raises(ImportError, match="The use of `array_to_img` requires PIL"):
        utils.array_to_img(np.zeros((2, 2, 3)))
