"""Per-sample loss functions against values observed from real Keras 3.15.1."""

import numpy as np
import pytest

from kerasish import losses
from tests.losses.reference_cases import make_inputs

INPUTS = make_inputs()
YT, YP = INPUTS["reg"]
BT, BP = INPUTS["bin"]
CT, CP = INPUTS["cat"]
LAB, UP = INPUTS["sparse"]

# Observed with keras==3.15.1, KERAS_BACKEND=jax.
FUNCTION_CASES = [
    (
        "mse_fn_col",
        lambda: losses.mean_squared_error(YT[:, 0], YP[:, :1]),
        [0.8188135, 2.0025649, 0.2891728, 2.3178344],
    ),
    (
        "mse_fn",
        lambda: losses.mean_squared_error(YT, YP),
        [3.0980127, 0.911925, 1.0541525, 1.0660715],
    ),
    (
        "bce_fn",
        lambda: losses.binary_crossentropy(BT, BP),
        [0.4008774, 0.3530673, 0.5075046, 0.7996241],
    ),
    (
        "bce_fn_logits_smooth",
        lambda: losses.binary_crossentropy(
            BT, INPUTS["bin_logits"][1], from_logits=True, label_smoothing=0.3
        ),
        [1.1271762, 0.6703746, 0.614361, 0.6773304],
    ),
    (
        "cce_fn",
        lambda: losses.categorical_crossentropy(CT, CP),
        [0.1313267, 0.1409392, 1.1049365, 0.9631835],
    ),
    (
        "cce_fn_smooth",
        lambda: losses.categorical_crossentropy(CT, CP, label_smoothing=0.3),
        [1.9263723, 0.6893793, 1.104323, 1.0125287],
    ),
    (
        "scce_fn",
        lambda: losses.sparse_categorical_crossentropy(LAB, UP),
        [0.1313267, 0.1409392, 1.1049365, 0.9631835],
    ),
    (
        "scce_ignore_fn",
        lambda: losses.sparse_categorical_crossentropy(LAB, UP, ignore_class=1),
        [0.1313267, 0.1409392, 0.0, 0.9631835],
    ),
    (
        "cos_fn",
        lambda: losses.cosine_similarity(YT, YP),
        [0.5072027, 0.0199859, -0.7155004, -0.6135904],
    ),
    (
        "cos_zero",
        lambda: losses.cosine_similarity(np.zeros((1, 3), "float32"), YP[:1]),
        [0.0],
    ),
    (
        "huber_fn",
        lambda: losses.huber(YT, YP, delta=0.7),
        [0.7757528, 0.3707297, 0.3676336, 0.4200262],
    ),
    (
        "kld_fn",
        lambda: losses.kl_divergence(*INPUTS["kl"]),
        [0.1868547, 1.2704446, 0.3714878, 0.0333951],
    ),
    (
        "poisson_fn",
        lambda: losses.poisson(*INPUTS["pos"]),
        [0.8471351, 1.2878599, 0.9863394, 1.3014925],
    ),
    (
        "mape_zero",
        lambda: losses.mean_absolute_percentage_error(
            np.array([[0.0, 1.0]], "float32"), np.array([[0.5, 2.0]], "float32")
        ),
        [250000048.0],
    ),
    (
        "bfce_fn",
        lambda: losses.binary_focal_crossentropy(
            BT, BP, gamma=1.5, label_smoothing=0.1
        ),
        [0.0996438, 0.1028015, 0.1906767, 0.341701],
    ),
    (
        "cfce_fn",
        lambda: losses.categorical_focal_crossentropy(
            CT, CP, alpha=0.3, gamma=1.0, label_smoothing=0.1
        ),
        [0.1840782, 0.0594622, 0.2216589, 0.1839139],
    ),
]


@pytest.mark.parametrize("case", FUNCTION_CASES, ids=lambda c: c[0])
def test_function_matches_keras(case):
    _, compute, expected = case
    np.testing.assert_allclose(np.ravel(compute()), expected, rtol=1e-5, atol=1e-6)


def test_probability_crossentropy_renormalises_and_clips():
    # y_pred rows that do not sum to 1 are renormalised; a 0 probability is
    # clipped to epsilon, so the loss is finite: -log(1e-7).
    value = losses.categorical_crossentropy(
        np.array([[0.0, 1.0]]), np.array([[2.0, 0.0]], "float32")
    )
    np.testing.assert_allclose(value, [-np.log(np.float32(1e-7))], rtol=1e-5)


def test_bce_shape_mismatch_raises():
    with pytest.raises(ValueError, match="must have the same shape"):
        losses.binary_crossentropy(np.zeros((4,)), np.zeros((4, 1), "float32"))


def test_categorical_crossentropy_warns_on_single_class():
    with pytest.warns(SyntaxWarning, match="binary_crossentropy"):
        losses.categorical_crossentropy(np.ones((2, 1)), np.ones((2, 1), "float32"))


def test_legacy_aliases():
    assert losses.mse is losses.MSE is losses.mean_squared_error
    assert losses.mae is losses.mean_absolute_error
    assert losses.mape is losses.mean_absolute_percentage_error
    assert losses.msle is losses.mean_squared_logarithmic_error
