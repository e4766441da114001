import numpy as np
import pytest

import kerasish as keras
from kerasish import layers
from tests.layer_checks import check_layer


def test_repeat_vector_contract():
    check_layer(layers.RepeatVector, {"n": 3}, (2, 4), (2, 3, 4), 0, 0)


def test_repeat_vector_repeats_each_sample():
    x = np.array([[1.0, 2.0], [3.0, 4.0]], "float32")
    out = layers.RepeatVector(2)(x)
    np.testing.assert_array_equal(out, [[[1, 2], [1, 2]], [[3, 4], [3, 4]]])
    assert layers.RepeatVector(3)(keras.Input((32,))).shape == (None, 3, 32)
    assert layers.RepeatVector(5, name="r").get_config()["n"] == 5


def test_repeat_vector_rejects_bad_input():
    with pytest.raises(TypeError, match="`n`"):
        layers.RepeatVector(2.5)
    with pytest.raises(ValueError, match="n=0"):
        layers.RepeatVector(0)
    with pytest.raises(ValueError, match="expected ndim=2, found ndim=3"):
        layers.RepeatVector(2)(np.zeros((1, 2, 3), "float32"))
