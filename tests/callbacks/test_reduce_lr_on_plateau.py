import numpy as np
import pytest

from kerasish import callbacks
from tests.callbacks.fit_problem import run, weights_close

# Every expected value below was observed from Keras 3.15.1 on the same fit.


def test_defaults():
    cb = callbacks.ReduceLROnPlateau()
    assert (cb.monitor, cb.factor, cb.patience, cb.verbose, cb.mode) == (
        "val_loss",
        0.1,
        10,
        0,
        "auto",
    )
    assert (cb.min_delta, cb.cooldown, cb.min_lr) == (1e-4, 0, 0.0)


def test_factor_at_least_one_raises():
    with pytest.raises(ValueError) as info:
        callbacks.ReduceLROnPlateau(factor=1.0)
    assert str(info.value) == (
        "ReduceLROnPlateau does not support a factor >= 1.0. Received factor=1.0"
    )


def test_patience_cooldown_and_min_lr():
    cb = callbacks.ReduceLROnPlateau(
        factor=0.5, patience=1, verbose=1, cooldown=1, min_lr=0.05
    )
    model, history, out = run([cb], epochs=10)
    assert history.history["learning_rate"] == [
        0.5,
        0.5,
        0.5,
        0.5,
        0.25,
        0.125,
        0.0625,
        0.05000000074505806,
        0.05000000074505806,
        0.05000000074505806,
    ]
    np.testing.assert_allclose(
        history.history["loss"][4:],
        [
            0.07974359393119812,
            0.058842528611421585,
            0.05286034196615219,
            0.05051812529563904,
            0.0488748699426651,
            0.04733406752347946,
        ],
        rtol=1e-5,
    )
    np.testing.assert_allclose(
        history.history["val_loss"][-1], 0.14194989204406738, rtol=1e-5
    )
    assert out == (
        "\nEpoch 4: ReduceLROnPlateau reducing learning rate to 0.25.\n"
        "\nEpoch 5: ReduceLROnPlateau reducing learning rate to 0.125.\n"
        "\nEpoch 6: ReduceLROnPlateau reducing learning rate to 0.0625.\n"
        "\nEpoch 7: ReduceLROnPlateau reducing learning rate to 0.05.\n"
    )
    assert float(model.optimizer.learning_rate) == 0.05000000074505806
    assert weights_close(
        model,
        [[[0.5703558325767517], [-1.328162670135498]], [0.49892932176589966]],
    )


def test_default_factor_on_loss_prints_unrounded_value():
    cb = callbacks.ReduceLROnPlateau(monitor="loss", patience=0, verbose=1)
    model, history, out = run([cb], epochs=4)
    assert history.history["learning_rate"] == [
        0.5,
        0.5,
        0.05000000074505806,
        0.05000000074505806,
    ]
    np.testing.assert_allclose(
        history.history["loss"],
        [
            0.326338529586792,
            0.32964426279067993,
            0.17306911945343018,
            0.158473402261734,
        ],
        rtol=1e-5,
    )
    assert out == "\nEpoch 2: ReduceLROnPlateau reducing learning rate to 0.05.\n"
    assert weights_close(
        model,
        [[[0.45895060896873474], [-0.776067852973938]], [0.5580536723136902]],
    )


def test_missing_monitor_warns_but_logs_learning_rate():
    cb = callbacks.ReduceLROnPlateau(mode="min")
    with pytest.warns(UserWarning, match="Learning rate reduction is conditioned"):
        _, history, _ = run([cb], epochs=1, val=False)
    assert history.history["learning_rate"] == [0.5]
