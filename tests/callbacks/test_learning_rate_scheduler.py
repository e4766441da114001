import numpy as np
import pytest

from kerasish import callbacks
from tests.callbacks.fit_problem import run, weights_close

# Every expected value below was observed from Keras 3.15.1 on the same fit.


def test_two_argument_schedule_verbose():
    cb = callbacks.LearningRateScheduler(
        lambda epoch, lr: lr * 0.5 if epoch >= 2 else lr, verbose=1
    )
    model, history, out = run([cb], epochs=4)
    assert history.history["learning_rate"] == [0.5, 0.5, 0.25, 0.125]
    np.testing.assert_allclose(
        history.history["loss"],
        [
            0.326338529586792,
            0.32964426279067993,
            0.17989331483840942,
            0.1280224770307541,
        ],
        rtol=1e-5,
    )
    assert out == (
        "\nEpoch 1: LearningRateScheduler setting learning rate to 0.5.\n"
        "\nEpoch 2: LearningRateScheduler setting learning rate to 0.5.\n"
        "\nEpoch 3: LearningRateScheduler setting learning rate to 0.25.\n"
        "\nEpoch 4: LearningRateScheduler setting learning rate to 0.125.\n"
    )
    assert float(model.optimizer.learning_rate) == 0.125
    assert weights_close(
        model,
        [[[0.47569921612739563], [-0.9002666473388672]], [0.5008826851844788]],
    )


def test_one_argument_schedule():
    cb = callbacks.LearningRateScheduler(lambda epoch: 0.1 / (epoch + 1))
    model, history, out = run([cb], epochs=3, val=False)
    assert out == "" and cb.verbose == 0
    assert history.history["learning_rate"] == [
        0.10000000149011612,
        0.05000000074505806,
        0.03333333507180214,
    ]
    np.testing.assert_allclose(
        history.history["loss"],
        [0.3676850199699402, 0.30502134561538696, 0.2856069803237915],
        rtol=1e-5,
    )
    assert weights_close(
        model,
        [[[0.34412679076194763], [-0.287046879529953]], [0.27840456366539]],
    )


def test_non_float_schedule_output_raises():
    with pytest.raises(ValueError) as info:
        run([callbacks.LearningRateScheduler(lambda epoch: 1)], epochs=1)
    assert str(info.value) == (
        "The output of the `schedule` function should be a float. Got: 1"
    )
