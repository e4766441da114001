"""Tests for `kerasish/losses/overlap.py` (values observed from Keras 3.15.1)."""

import jax
import numpy as np
import pytest

from kerasish import losses

Y_TRUE = np.array([[1, 0, 1], [0, 1, 1], [1, 1, 0], [0, 0, 1]], "float32")
Y_PRED = np.array(
    [[0.9, 0.2, 0.6], [0.3, 0.8, 0.4], [0.55, 0.1, 0.7], [0.05, 0.45, 0.95]],
    "float32",
)
SW = np.array([0.5, 1.5, 1.0, 2.0], "float32")
DICE_AX1 = [
    0.18918919563293457,
    0.3142856955528259,
    0.6119402647018433,
    0.22448980808258057,
]


def test_dice_function():
    np.testing.assert_allclose(losses.dice(Y_TRUE, Y_PRED), 0.3384615182876587, 1e-6)
    np.testing.assert_allclose(losses.dice(Y_TRUE, Y_PRED, axis=1), DICE_AX1, 1e-6)


def test_tversky_function():
    got = losses.tversky(Y_TRUE, Y_PRED, 0.3, 0.7)
    np.testing.assert_allclose(got, 0.317460298538208, 1e-6)
    got = losses.tversky(Y_TRUE, Y_PRED, alpha=0.2, beta=0.8, axis=(1,))
    want = [
        0.14772731065750122,
        0.2500000596046448,
        0.5608108043670654,
        0.30147063732147217,
    ]
    np.testing.assert_allclose(got, want, 1e-6)


def test_tversky_half_is_dice():
    np.testing.assert_allclose(
        losses.tversky(Y_TRUE, Y_PRED, axis=1),
        losses.dice(Y_TRUE, Y_PRED, axis=1),
        1e-6,
    )


def test_dice_class_reductions():
    got = losses.Dice(axis=1, reduction=None)(Y_TRUE, Y_PRED)
    np.testing.assert_allclose(got, DICE_AX1, 1e-6)
    # axis=None gives one scalar, which the sample weights then scale.
    got = losses.Dice()(Y_TRUE, Y_PRED, sample_weight=SW)
    np.testing.assert_allclose(got, 0.42307689785957336, 1e-6)
    got = losses.Dice(axis=1)(Y_TRUE, Y_PRED, sample_weight=SW)
    np.testing.assert_allclose(got, 0.40673574805259705, 1e-6)


def test_tversky_class_sum():
    loss = losses.Tversky(alpha=0.7, beta=0.3, axis=1, reduction="sum")
    np.testing.assert_allclose(loss(Y_TRUE, Y_PRED), 1.3688961267471313, 1e-6)


def test_config_and_get():
    assert losses.Dice(axis=(1, 2)).get_config() == {
        "name": "dice",
        "reduction": "sum_over_batch_size",
        "axis": (1, 2),
    }
    assert losses.Tversky().get_config() == {
        "name": "tversky",
        "reduction": "sum_over_batch_size",
        "alpha": 0.5,
        "beta": 0.5,
        "axis": None,
    }
    assert losses.get("dice") is losses.dice
    assert isinstance(losses.get("Tversky"), losses.Tversky)
    restored = losses.deserialize(losses.serialize(losses.Tversky(alpha=0.2, axis=1)))
    assert restored.get_config()["alpha"] == 0.2
    np.testing.assert_allclose(
        restored(Y_TRUE, Y_PRED), losses.Tversky(alpha=0.2, axis=1)(Y_TRUE, Y_PRED)
    )


@pytest.mark.parametrize("loss", [losses.Dice(axis=1), losses.Tversky(0.3, 0.7)])
def test_jit_matches_eager(loss):
    got = jax.jit(lambda t, p, w: loss(t, p, sample_weight=w))(Y_TRUE, Y_PRED, SW)
    np.testing.assert_allclose(got, loss(Y_TRUE, Y_PRED, sample_weight=SW), 1e-6)
