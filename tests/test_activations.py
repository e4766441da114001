"""Tests for `kerasish.activations` (reference values observed from Keras 3.15.1)."""

import jax.numpy as jnp
import numpy as np
import pytest

from kerasish import activations

X = np.array([-3.5, -1.0, -0.3, 0.0, 0.2, 1.0, 2.5, 7.0], "float32")

# keras.activations.<name>(X) with Keras 3.15.1, JAX backend, CPU.
KERAS = {
    "celu": [
        -0.9698026180267334,
        -0.6321205496788025,
        -0.25918176770210266,
        0.0,
        0.20000000298023224,
        1.0,
        2.5,
        7.0,
    ],
    "elu": [
        -0.9698026180267334,
        -0.6321205496788025,
        -0.25918176770210266,
        0.0,
        0.20000000298023224,
        1.0,
        2.5,
        7.0,
    ],
    "exponential": [
        0.03019738383591175,
        0.3678794503211975,
        0.740818202495575,
        1.0,
        1.2214027643203735,
        2.7182817459106445,
        12.182494163513184,
        1096.6331787109375,
    ],
    "gelu": [
        -0.0008142017759382725,
        -0.15865527093410492,
        -0.11462658643722534,
        0.0,
        0.11585193872451782,
        0.8413447141647339,
        2.48447585105896,
        7.0,
    ],
    "hard_shrink": [-3.5, -1.0, 0.0, 0.0, 0.0, 1.0, 2.5, 7.0],
    "hard_sigmoid": [
        0.0,
        0.3333333432674408,
        0.45000001788139343,
        0.5,
        0.5333333611488342,
        0.6666666865348816,
        0.9166666865348816,
        1.0,
    ],
    "hard_silu": [
        -0.0,
        -0.3333333432674408,
        -0.13500000536441803,
        0.0,
        0.1066666767001152,
        0.6666666865348816,
        2.2916667461395264,
        7.0,
    ],
    "hard_tanh": [
        -1.0,
        -1.0,
        -0.30000001192092896,
        0.0,
        0.20000000298023224,
        1.0,
        1.0,
        1.0,
    ],
    "leaky_relu": [
        -0.699999988079071,
        -0.20000000298023224,
        -0.06000000238418579,
        0.0,
        0.20000000298023224,
        1.0,
        2.5,
        7.0,
    ],
    "linear": [
        -3.5,
        -1.0,
        -0.30000001192092896,
        0.0,
        0.20000000298023224,
        1.0,
        2.5,
        7.0,
    ],
    "log_sigmoid": [
        -3.529750347137451,
        -1.3132617473602295,
        -0.8543552756309509,
        -0.6931471824645996,
        -0.5981389284133911,
        -0.3132616877555847,
        -0.07888973504304886,
        -0.000911466486286372,
    ],
    "log_softmax": [
        -10.516514778137207,
        -8.016514778137207,
        -7.31651496887207,
        -7.016514778137207,
        -6.81651496887207,
        -6.016514778137207,
        -4.516514778137207,
        -0.016514863818883896,
    ],
    "mish": [
        -0.10409574210643768,
        -0.3034014403820038,
        -0.15113317966461182,
        0.0,
        0.13259902596473694,
        0.8650984764099121,
        2.4713923931121826,
        6.999989032745361,
    ],
    "relu": [0.0, 0.0, 0.0, 0.0, 0.20000000298023224, 1.0, 2.5, 7.0],
    "relu6": [0.0, 0.0, 0.0, 0.0, 0.20000000298023224, 1.0, 2.5, 6.0],
    "selu": [
        -1.7050093412399292,
        -1.1113307476043701,
        -0.45566728711128235,
        0.0,
        0.21014021337032318,
        1.0507010221481323,
        2.6267526149749756,
        7.354907035827637,
    ],
    "sigmoid": [
        0.02931223064661026,
        0.2689414322376251,
        0.4255574941635132,
        0.5,
        0.5498339533805847,
        0.7310585975646973,
        0.9241418242454529,
        0.9990890026092529,
    ],
    "silu": [
        -0.10259281098842621,
        -0.2689414322376251,
        -0.12766724824905396,
        0.0,
        0.10996679216623306,
        0.7310585975646973,
        2.310354471206665,
        6.993622779846191,
    ],
    "soft_shrink": [-3.0, -0.5, 0.0, 0.0, 0.0, 0.5, 2.0, 6.5],
    "softmax": [
        2.708542342588771e-05,
        0.00032996799563989043,
        0.0006644738605245948,
        0.0008969460614025593,
        0.0010955322068184614,
        0.0024381522089242935,
        0.010927039198577404,
        0.9836207628250122,
    ],
    "softplus": [
        0.029750417917966843,
        0.3132616877555847,
        0.554355263710022,
        0.6931471824645996,
        0.7981389164924622,
        1.3132617473602295,
        2.578889846801758,
        7.000911235809326,
    ],
    "softsign": [
        -0.7777777910232544,
        -0.5,
        -0.23076924681663513,
        0.0,
        0.1666666567325592,
        0.5,
        0.7142857313156128,
        0.875,
    ],
    "sparse_plus": [
        0.0,
        0.0,
        0.1224999949336052,
        0.25,
        0.36000001430511475,
        1.0,
        2.5,
        7.0,
    ],
    "sparse_sigmoid": [
        0.0,
        0.0,
        0.3499999940395355,
        0.5,
        0.6000000238418579,
        1.0,
        1.0,
        1.0,
    ],
    "sparsemax": [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0],
    "squareplus": [
        0.2655644416809082,
        0.6180340051651001,
        0.8611874580383301,
        1.0,
        1.104987621307373,
        1.6180340051651,
        2.850780963897705,
        7.140054702758789,
    ],
    "tanh": [
        -0.9981779456138611,
        -0.7615941762924194,
        -0.2913126051425934,
        0.0,
        0.19737528264522552,
        0.7615941762924194,
        0.9866143465042114,
        0.9999983310699463,
    ],
    "tanh_shrink": [
        -2.501821994781494,
        -0.23840582370758057,
        -0.008687406778335571,
        0.0,
        0.002624720335006714,
        0.23840582370758057,
        1.5133856534957886,
        6.000001907348633,
    ],
}


@pytest.mark.parametrize("name", sorted(KERAS))
def test_activation_matches_keras(name):
    out = activations.get(name)(X)
    np.testing.assert_allclose(out, KERAS[name], rtol=1e-5, atol=1e-6)
    assert out.dtype == "float32"


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        (
            {"negative_slope": 0.1, "max_value": 5.0, "threshold": 0.5},
            [-0.4, -0.15, -0.08, -0.05, -0.03, 1.0, 2.5, 5.0],
        ),
        ({"max_value": 6.0}, [0, 0, 0, 0, 0.2, 1.0, 2.5, 6.0]),
        ({"negative_slope": 0.1}, [-0.35, -0.1, -0.03, 0, 0.2, 1.0, 2.5, 7.0]),
        ({"threshold": 0.5}, [0, 0, 0, 0, 0, 1.0, 2.5, 7.0]),
        (
            {"negative_slope": 0.1, "threshold": 0.5},
            [-0.4, -0.15, -0.08, -0.05, -0.03, 1.0, 2.5, 7.0],
        ),
    ],
)
def test_relu_arguments_match_keras(kwargs, expected):
    np.testing.assert_allclose(
        activations.relu(X, **kwargs), expected, rtol=1e-6, atol=1e-7
    )


def test_other_signatures_match_keras():
    approx = [-0.0006161481142044067, -0.15880796313285828, -0.11462908238172531, 0.0]
    np.testing.assert_allclose(
        activations.gelu(X, approximate=True)[:4], approx, rtol=1e-5
    )
    glu = [-1.9244188070297241, -0.7310585975646973, -0.2772425711154938, 0.0]
    np.testing.assert_allclose(activations.glu(X), glu, rtol=1e-6)
    threshold = [-1.0, -1.0, -1.0, -1.0, -1.0, 1.0, 2.5, 7.0]
    np.testing.assert_allclose(activations.threshold(X, 0.5, -1.0), threshold)
    np.testing.assert_allclose(
        activations.elu(X, alpha=2.0)[1], 2 * (np.exp(-1) - 1), rtol=1e-6
    )
    np.testing.assert_allclose(activations.softmax(jnp.ones((2, 2)), axis=0), 0.5)


def test_get_resolution():
    assert activations.get(None) is activations.linear
    assert activations.get("swish") is activations.silu
    assert activations.get("hard_swish") is activations.hard_silu
    assert activations.get(activations.relu) is activations.relu
    assert (
        activations.get({"class_name": "function", "config": "tanh"})
        is activations.tanh
    )
    fn = lambda x: x  # noqa: E731
    assert activations.get(fn) is fn
    with pytest.raises(ValueError, match="Could not interpret activation.*relu"):
        activations.get("nope")


def test_serialize_round_trip():
    assert activations.serialize(activations.relu) == "relu"
    assert activations.serialize(activations.swish) == "silu"
    assert activations.serialize(activations.hard_swish) == "hard_silu"
    assert activations.deserialize("gelu") is activations.gelu

    def custom(x):
        return x * 2

    config = activations.serialize(custom)
    assert config["class_name"] == "function" and config["config"] == "custom"
    assert activations.deserialize(config, custom_objects={"custom": custom}) is custom
