"""Learning-rate schedules against values and configs observed from real Keras."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from kerasish.optimizers import schedules
from tests.optimizers import keras_reference as ref

SCHEDULES = {
    "exp": lambda: schedules.ExponentialDecay(0.1, 10, 0.9),
    "exp_stair": lambda: schedules.ExponentialDecay(0.1, 10, 0.5, staircase=True),
    "piecewise": lambda: schedules.PiecewiseConstantDecay([5, 20], [1.0, 0.5, 0.1]),
    "poly": lambda: schedules.PolynomialDecay(0.1, 20),
    "poly_pow_end": lambda: schedules.PolynomialDecay(
        0.1, 20, end_learning_rate=0.01, power=2.0
    ),
    "poly_cycle": lambda: schedules.PolynomialDecay(
        0.1, 20, end_learning_rate=0.01, power=0.5, cycle=True
    ),
    "inv": lambda: schedules.InverseTimeDecay(0.1, 10, 0.5),
    "inv_stair": lambda: schedules.InverseTimeDecay(0.1, 10, 0.5, staircase=True),
    "cos": lambda: schedules.CosineDecay(0.1, 20),
    "cos_alpha": lambda: schedules.CosineDecay(0.1, 20, alpha=0.1),
    "cos_warmup": lambda: schedules.CosineDecay(
        0.0, 20, alpha=0.1, warmup_target=0.2, warmup_steps=5
    ),
    "restarts": lambda: schedules.CosineDecayRestarts(0.1, 5),
    "restarts_t1": lambda: schedules.CosineDecayRestarts(
        0.1, 5, t_mul=1.0, m_mul=0.5, alpha=0.1
    ),
    "restarts_t3": lambda: schedules.CosineDecayRestarts(0.1, 4, t_mul=3.0, m_mul=0.8),
}


@pytest.mark.parametrize("name", sorted(SCHEDULES))
def test_values_and_config_equal_keras(name):
    schedule = SCHEDULES[name]()
    expected = ref.SCHEDULES[name]
    steps = jnp.asarray(ref.SCHEDULE_STEPS, dtype=jnp.int32)
    eager = [float(schedule(jnp.int32(s))) for s in ref.SCHEDULE_STEPS[::3]]
    jitted = jax.jit(jax.vmap(schedule))(steps)
    np.testing.assert_allclose(eager, expected["values"][::3], rtol=1e-6, atol=1e-9)
    # Under jit XLA turns `x / constant` into `x * (1 / constant)`, so values can
    # move by an ulp of the step fraction (Keras' jitted train step does the same).
    np.testing.assert_allclose(jitted, expected["values"], rtol=1e-6, atol=1e-8)
    assert schedule.get_config() == expected["config"]
    clone = type(schedule).from_config(schedule.get_config())
    np.testing.assert_allclose(float(clone(7)), float(schedule(7)), rtol=1e-7)


def test_serialize_deserialize_round_trip():
    schedule = schedules.PolynomialDecay(0.1, 20, cycle=True)
    config = schedules.serialize(schedule)
    assert config["module"] == "keras.optimizers.schedules"
    assert config["class_name"] == "PolynomialDecay"
    assert config["registered_name"] is None
    clone = schedules.deserialize(config)
    assert isinstance(clone, schedules.PolynomialDecay)
    assert clone.get_config() == schedule.get_config()


def test_custom_schedule_round_trip_with_custom_objects():
    class Halving(schedules.LearningRateSchedule):
        def __init__(self, start):
            self.start = start

        def __call__(self, step):
            return self.start / (step + 1).astype(jnp.float32)

        def get_config(self):
            return {"start": self.start}

    config = schedules.serialize(Halving(1.0))
    clone = schedules.deserialize(config, custom_objects={"Halving": Halving})
    assert float(clone(jnp.int32(1))) == 0.5
    with pytest.raises(ValueError, match="Unknown decay"):
        schedules.deserialize(config)


def test_errors_match_keras():
    with pytest.raises(ValueError, match="decay_steps=0"):
        schedules.ExponentialDecay(0.1, 0, 0.5)
    with pytest.raises(ValueError, match="first_decay_steps=-1"):
        schedules.CosineDecayRestarts(0.1, -1)
    with pytest.raises(ValueError, match="1 less than the length of values"):
        schedules.PiecewiseConstantDecay([1, 2], [0.1, 0.2])
    with pytest.raises(NotImplementedError, match="must override `__call__"):
        schedules.LearningRateSchedule()(0)
    with pytest.raises(NotImplementedError, match="get_config"):
        schedules.LearningRateSchedule().get_config()
