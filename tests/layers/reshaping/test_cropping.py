import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer

CF = "channels_first"
CFD = {"data_format": CF}


@pytest.mark.parametrize(
    "cls, kwargs, input_shape, output_shape",
    [
        ("Cropping1D", {}, (2, 4, 2), (2, 2, 2)),
        ("Cropping1D", {"cropping": (0, 2)}, (2, 4, 2), (2, 2, 2)),
        ("Cropping2D", {"cropping": ((1, 0), (0, 2))}, (1, 3, 4, 2), (1, 2, 2, 2)),
        ("Cropping2D", {"cropping": 1, **CFD}, (1, 2, 3, 4), (1, 2, 1, 2)),
        ("Cropping3D", {}, (1, 3, 3, 4, 1), (1, 1, 1, 2, 1)),
        (
            "Cropping3D",
            {"cropping": (0, 1, 0), **CFD},
            (1, 2, 2, 3, 2),
            (1, 2, 2, 1, 2),
        ),
    ],
)
def test_cropping_contract(cls, kwargs, input_shape, output_shape):
    check_layer(getattr(layers, cls), kwargs, input_shape, output_shape, 0, 0)


def test_cropping_values_match_numpy_slicing():
    x = np.arange(2 * 5 * 6 * 3, dtype="float32").reshape(2, 5, 6, 3)
    out = layers.Cropping2D(((1, 2), (0, 1)))(x)
    np.testing.assert_array_equal(out, x[:, 1:3, 0:5, :])
    out = layers.Cropping2D(((1, 0), (1, 1)), data_format=CF)(x)
    np.testing.assert_array_equal(out, x[:, :, 1:, 1:2])
    x3 = x.reshape(2, 10, 9)
    np.testing.assert_array_equal(layers.Cropping1D((3, 0))(x3), x3[:, 3:, :])
    x5 = x.reshape(2, 5, 3, 2, 3)
    out = layers.Cropping3D(((0, 1), (1, 1), (0, 0)))(x5)
    np.testing.assert_array_equal(out, x5[:, 0:4, 1:2, :, :])


def test_cropping_config_as_keras():
    # Observed from Keras 3.15.1: Cropping1D has no `data_format`.
    assert layers.Cropping1D(name="c").get_config()["cropping"] == (1, 1)
    assert "data_format" not in layers.Cropping1D().get_config()
    assert layers.Cropping2D().get_config()["cropping"] == ((0, 0), (0, 0))
    assert layers.Cropping3D().cropping == ((1, 1), (1, 1), (1, 1))
    assert layers.Cropping3D(2).cropping == ((2, 2), (2, 2), (2, 2))
    assert layers.Cropping2D(data_format=CF).get_config()["data_format"] == CF


def test_cropping_too_much_raises_value_error():
    with pytest.raises(ValueError, match="cropping"):
        layers.Cropping1D((2, 2))(np.zeros((1, 4, 2), "float32"))
    with pytest.raises(ValueError, match="smaller than the corresponding spatial"):
        layers.Cropping2D(((1, 1), (2, 1)))(np.zeros((1, 4, 3, 1), "float32"))
    with pytest.raises(ValueError, match="input_shape"):
        layers.Cropping3D(1).compute_output_shape((None, 2, 5, 5, 1))
    assert layers.Cropping2D(1).compute_output_shape((None, None, 5, 1)) == (
        None,
        None,
        3,
        1,
    )


@pytest.mark.parametrize(
    "cls, cropping",
    [
        (layers.Cropping1D, -1),
        (layers.Cropping1D, (1, 2, 3)),
        (layers.Cropping2D, -1),
        (layers.Cropping2D, (1, 2, 3)),
        (layers.Cropping3D, (1, 2)),
        (layers.Cropping3D, ((1, 1), (1, 1), (1, "a"))),
    ],
)
def test_cropping_rejects_bad_cropping(cls, cropping):
    with pytest.raises(ValueError, match="cropping"):
        cls(cropping)
