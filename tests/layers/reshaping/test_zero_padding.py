import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer

CF = "channels_first"
CFD = {"data_format": CF}


@pytest.mark.parametrize(
    "cls, kwargs, input_shape, output_shape",
    [
        ("ZeroPadding1D", {"padding": (1, 2)}, (2, 3, 2), (2, 6, 2)),
        ("ZeroPadding1D", CFD, (2, 3, 2), (2, 3, 4)),
        ("ZeroPadding2D", {"padding": ((1, 0), (2, 1))}, (1, 2, 3, 2), (1, 3, 6, 2)),
        ("ZeroPadding2D", {"padding": 1, **CFD}, (1, 2, 2, 3), (1, 2, 4, 5)),
        ("ZeroPadding3D", {"padding": (1, 0, 2)}, (1, 1, 2, 1, 2), (1, 3, 2, 5, 2)),
        ("ZeroPadding3D", CFD, (1, 2, 1, 1, 1), (1, 2, 3, 3, 3)),
    ],
)
def test_zero_padding_contract(cls, kwargs, input_shape, output_shape):
    check_layer(getattr(layers, cls), kwargs, input_shape, output_shape, 0, 0)


def test_zero_padding1d_values_match_numpy_pad():
    x = np.arange(12, dtype="float32").reshape(2, 2, 3)
    out = layers.ZeroPadding1D(padding=(2, 1))(x)
    np.testing.assert_array_equal(out, np.pad(x, ((0, 0), (2, 1), (0, 0))))
    out = layers.ZeroPadding1D(padding=1, data_format=CF)(x)
    np.testing.assert_array_equal(out, np.pad(x, ((0, 0), (0, 0), (1, 1))))


@pytest.mark.parametrize("data_format", ["channels_last", CF])
def test_zero_padding2d_and_3d_values_match_numpy_pad(data_format):
    x = np.arange(2 * 3 * 4 * 2, dtype="float32").reshape(2, 3, 4, 2)
    pads = ((1, 2), (0, 3))
    out = layers.ZeroPadding2D(pads, data_format=data_format)(x)
    full = [(0, 0), *pads, (0, 0)] if data_format != CF else [(0, 0), (0, 0), *pads]
    np.testing.assert_array_equal(out, np.pad(x, full))
    x5 = x.reshape(2, 3, 2, 2, 2)
    out = layers.ZeroPadding3D(2, data_format=data_format)(x5)
    spatial = [(2, 2)] * 3
    full = [(0, 0), *spatial, (0, 0)]
    if data_format == CF:
        full = [(0, 0), (0, 0), *spatial]
    np.testing.assert_array_equal(out, np.pad(x5, full))


def test_zero_padding_normalizes_padding_and_config_as_keras():
    assert layers.ZeroPadding1D(3).padding == (3, 3)
    assert layers.ZeroPadding2D(2).padding == ((2, 2), (2, 2))
    assert layers.ZeroPadding2D((1, 2)).padding == ((1, 1), (2, 2))
    assert layers.ZeroPadding3D((1, (2, 3), 0)).padding == ((1, 1), (2, 3), (0, 0))
    config = layers.ZeroPadding2D(name="z").get_config()
    # Observed from Keras 3.15.1.
    assert config == {
        "name": "z",
        "trainable": True,
        "dtype": {
            "module": "keras",
            "class_name": "DTypePolicy",
            "config": {"name": "float32"},
            "registered_name": None,
        },
        "padding": ((1, 1), (1, 1)),
        "data_format": "channels_last",
    }


def test_zero_padding_unknown_dims_stay_unknown():
    layer = layers.ZeroPadding2D(((1, 2), (3, 4)))
    assert layer.compute_output_shape((None, None, 5, 3)) == (None, None, 12, 3)


@pytest.mark.parametrize(
    "cls, padding",
    [
        (layers.ZeroPadding1D, (1, 2, 3)),
        (layers.ZeroPadding1D, -1),
        (layers.ZeroPadding2D, (1, 2, 3)),
        (layers.ZeroPadding2D, "same"),
        (layers.ZeroPadding2D, ((1, -1), (0, 0))),
        (layers.ZeroPadding3D, (1, 2)),
    ],
)
def test_zero_padding_rejects_bad_padding(cls, padding):
    with pytest.raises(ValueError, match="padding"):
        cls(padding)


def test_zero_padding_rejects_wrong_rank_and_data_format():
    with pytest.raises(ValueError, match="zp.*expected ndim=4, found ndim=3"):
        layers.ZeroPadding2D(name="zp")(np.zeros((1, 2, 3), "float32"))
    with pytest.raises(ValueError, match="data_format"):
        layers.ZeroPadding2D(data_format="channels_middle")
