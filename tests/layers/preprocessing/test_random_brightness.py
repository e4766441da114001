import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer

X = np.arange(24, dtype="float32").reshape(2, 3, 4, 1) * 10


def test_random_brightness_contract():
    kwargs = {"factor": 0.0, "value_range": (-10, 10)}
    check_layer(layers.RandomBrightness, kwargs, (2, 3, 3, 2), (2, 3, 3, 2), 0, 0)


def test_seeded_brightness_matches_keras():
    layer = layers.RandomBrightness(0.5, value_range=(0, 230), seed=3)
    y = np.asarray(layer(X, training=True))
    # Keras 3.15.1: per-image offsets 81.8866 and -3.6739 (times 230 range).
    np.testing.assert_allclose(y[0], X[0] + 81.8866, atol=2e-4)
    np.testing.assert_allclose(y[1], np.clip(X[1] - 3.6739, 0, 230), atol=2e-4)


def test_offsets_within_factor_and_clipped():
    x = np.full((200, 2, 2, 1), 100.0, "float32")
    y = np.asarray(layers.RandomBrightness((-0.2, 0.1), seed=0)(x, training=True))
    delta = y[:, 0, 0, 0] - 100.0
    assert delta.min() >= -0.2 * 255 - 1e-3 and delta.max() <= 0.1 * 255 + 1e-3
    assert np.all(y == y[:, :1, :1])
    y = np.asarray(layers.RandomBrightness(1.0, seed=0)(x * 2.5, training=True))
    assert y.min() >= 0.0 and y.max() <= 255.0
    np.testing.assert_array_equal(layers.RandomBrightness(0.5)(x, training=False), x)


def test_config_and_bad_arguments():
    config = layers.RandomBrightness(0.2, name="rb").get_config()
    assert config["factor"] == (-0.2, 0.2) and config["value_range"] == [0, 255]
    with pytest.raises(ValueError, match="value_range=5"):
        layers.RandomBrightness(0.2, value_range=5)
    with pytest.raises(ValueError, match="factor"):
        layers.RandomBrightness(2.0)
