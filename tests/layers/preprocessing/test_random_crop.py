import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer

X = np.arange(24, dtype="float32").reshape(2, 3, 4, 1) * 10


def test_random_crop_contract():
    # Target == input size: the crop is the whole image in both modes.
    kwargs = {"height": 3, "width": 3, "seed": 1}
    check_layer(layers.RandomCrop, kwargs, (2, 3, 3, 1), (2, 3, 3, 1), 0, 0)


def test_seeded_crop_matches_keras():
    y = np.asarray(layers.RandomCrop(2, 2, seed=3)(X, training=True))[..., 0]
    # Keras 3.15.1: one window for the whole batch.
    np.testing.assert_array_equal(y, [[[60, 70], [100, 110]], [[180, 190], [220, 230]]])


def test_crops_are_windows_of_the_input():
    x = np.random.default_rng(0).normal(size=(2, 6, 7, 1)).astype("float32")
    starts = set()
    for seed in range(8):
        y = np.asarray(layers.RandomCrop(3, 4, seed=seed)(x, training=True))
        found = [
            (i, j)
            for i in range(4)
            for j in range(4)
            if np.array_equal(y, x[:, i : i + 3, j : j + 4])
        ]
        assert len(found) == 1
        starts.add(found[0])
    assert len(starts) > 1


def test_small_inputs_are_resized_and_inference_keeps_inputs():
    x = np.ones((2, 3, 3, 1), "float32")
    assert layers.RandomCrop(5, 5)(x, training=True).shape == (2, 5, 5, 1)
    # Keras 3.15.1 quirk: inference returns the inputs uncropped.
    layer = layers.RandomCrop(2, 2)
    np.testing.assert_array_equal(layer(X, training=False), X)
    assert layer.compute_output_shape((None, 3, 4, 1)) == (None, 2, 2, 1)


def test_config_keeps_a_seed():
    config = layers.RandomCrop(3, 3).get_config()
    assert isinstance(config["seed"], int)
    assert layers.RandomCrop(3, 3, seed=7).get_config()["seed"] == 7
    with pytest.raises(ValueError, match="height=0"):
        layers.RandomCrop(0, 3)
