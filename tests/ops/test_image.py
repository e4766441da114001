"""Tests for `ops.image` (values observed from Keras 3.15.1)."""

import numpy as np
import pytest

from kerasish import ops


def test_resize_bilinear_matches_keras():
    image = np.arange(16, dtype="float32").reshape(4, 4, 1)
    expected = [
        0.833333,
        2.166667,
        3.5,
        6.166667,
        7.5,
        8.833334,
        11.5,
        12.833334,
        14.166667,
    ]
    np.testing.assert_allclose(
        ops.image.resize(image, (3, 3)).ravel(), expected, rtol=1e-5
    )


def test_resize_nearest_crop_pad_match_keras():
    batch = np.arange(16, dtype="float32").reshape(1, 4, 4, 1)
    out = ops.image.resize(batch, (2, 3), interpolation="nearest")
    assert out.shape == (1, 2, 3, 1)
    np.testing.assert_allclose(out.ravel(), [4, 6, 7, 12, 14, 15])
    image = np.arange(24, dtype="float32").reshape(4, 6, 1)
    out = ops.image.resize(image, (2, 2), crop_to_aspect_ratio=True)
    np.testing.assert_allclose(out.ravel(), [4.5, 6.5, 16.5, 18.5])
    image = np.arange(8, dtype="float32").reshape(2, 4, 1)
    out = ops.image.resize(image, (4, 4), pad_to_aspect_ratio=True, fill_value=-1.0)
    np.testing.assert_allclose(out.ravel(), [-1] * 4 + list(range(8)) + [-1] * 4)


def test_resize_channels_first_and_errors():
    out = ops.image.resize(
        np.ones((2, 3, 4, 4), "float32"), (2, 2), data_format="channels_first"
    )
    assert out.shape == (2, 3, 2, 2)
    with pytest.raises(ValueError, match="interpolation"):
        ops.image.resize(np.ones((4, 4, 1)), (2, 2), interpolation="cubic")
    with pytest.raises(ValueError, match="rank"):
        ops.image.resize(np.ones((4, 4)), (2, 2))


def test_extract_patches_matches_keras():
    image = np.arange(32, dtype="float32").reshape(4, 4, 2)
    patches = ops.image.extract_patches(image, 2)
    assert patches.shape == (2, 2, 8)
    np.testing.assert_allclose(patches[0, 1], [4, 5, 6, 7, 12, 13, 14, 15])
