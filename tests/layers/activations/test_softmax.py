import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer

XM = np.array(
    [
        [[1.5834728, 1.320361], [0.0, 0.0], [0.052028973, 0.6836862]],
        [[1.0039616, -0.61790705], [1.8220114, -1.320431], [-0.66152805, 0.93505]],
    ],
    "float32",
)


def test_softmax_contract():
    check_layer(layers.Softmax, {"axis": 1}, (2, 3, 2), (2, 3, 2), 0, 0)


def test_softmax_with_boolean_and_float_masks_as_keras():
    x = XM[:, :, 0]
    bool_mask = np.array([[True, False, True], [False, False, False]])
    out = np.asarray(layers.Softmax()(x, mask=bool_mask))
    # Keras 3.15.1: masked entries are 0, and a fully masked row is all 0.
    want = [[0.82221746, 0.0, 0.17778254], [0.0, 0.0, 0.0]]
    np.testing.assert_allclose(out, want, rtol=1e-6, atol=1e-7)
    float_mask = np.array([[1.0, 0.2, 0.7], [0.9, 0.0, 0.0]], "float32")
    out = np.asarray(layers.Softmax()(x, mask=float_mask))
    want = [[0.82221746, 0.0, 0.17778254], [1.0, 0.0, 0.0]]
    np.testing.assert_allclose(out, want, rtol=1e-6, atol=1e-7)


def test_softmax_over_several_axes_as_keras():
    out = np.asarray(layers.Softmax(axis=[1, 2])(XM))
    want = [
        [[0.35688064, 0.27431843], [0.073253684, 0.073253684], [0.07716588, 0.1451278]],
        [[0.21349476, 0.042171463], [0.4837954, 0.02088894], [0.04037144, 0.19927798]],
    ]
    np.testing.assert_allclose(out, want, rtol=1e-5)


def test_softmax_mask_must_broadcast():
    with pytest.raises(ValueError, match="mask.shape=\\(2, 2\\)"):
        layers.Softmax()(XM[:, :, 0], mask=np.ones((2, 2), bool))
