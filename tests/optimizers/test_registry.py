"""`optimizers.get` / `serialize` / `deserialize`."""

import optax
import pytest

from kerasish import optimizers


@pytest.mark.parametrize(
    "identifier, cls",
    [
        ("adam", optimizers.Adam),
        ("Adam", optimizers.Adam),
        ("sgd", optimizers.SGD),
        ("SGD", optimizers.SGD),
        ("rmsprop", optimizers.RMSprop),
        ("RMSprop", optimizers.RMSprop),
        ("adamw", optimizers.AdamW),
        ("AdamW", optimizers.AdamW),
        ("adagrad", optimizers.Adagrad),
        ("adamax", optimizers.Adamax),
        ("nadam", optimizers.Nadam),
    ],
)
def test_get_strings_give_default_instances(identifier, cls):
    opt = optimizers.get(identifier)
    assert type(opt) is cls
    assert opt.get_config()["learning_rate"] == cls().get_config()["learning_rate"]


def test_get_other_identifiers():
    opt = optimizers.Adam()
    assert optimizers.get(opt) is opt
    assert optimizers.get(None) is None
    wrapped = optimizers.get(optax.adam(1e-3))
    assert isinstance(wrapped, optimizers.OptaxOptimizer)
    config = {"class_name": "SGD", "config": {"learning_rate": 0.5, "momentum": 0.9}}
    sgd = optimizers.get(config)
    assert sgd.momentum == 0.9 and float(sgd.learning_rate) == 0.5


def test_unknown_identifier_lists_known_names():
    with pytest.raises(
        ValueError, match=r"Could not interpret optimizer identifier: foo.*adam"
    ):
        optimizers.get("foo")
    with pytest.raises(ValueError, match="Could not interpret"):
        optimizers.get(3)


def test_serialize_round_trip_with_schedule_and_custom_class():
    opt = optimizers.RMSprop(
        learning_rate=optimizers.schedules.InverseTimeDecay(0.1, 10, 0.5),
        momentum=0.5,
        name="r",
    )
    clone = optimizers.deserialize(optimizers.serialize(opt))
    assert type(clone) is optimizers.RMSprop
    assert clone.get_config() == opt.get_config()

    class MySGD(optimizers.SGD):
        pass

    config = optimizers.serialize(MySGD(name="m"))
    assert config["class_name"] == "MySGD"
    assert (
        type(optimizers.deserialize(config, custom_objects={"MySGD": MySGD})) is MySGD
    )
