"""Tests for `kerasish/utils/progbar.py`, byte for byte against Keras 3.15.1.

`EXPECTED` holds what Keras 3.15.1's `Progbar` wrote to stdout for each scenario
below, with `keras.src.utils.progbar.time` replaced by the same fake clock.
Each entry is a list of pieces: strings, and ints standing for that many `\\b`.
"""

# ruff: noqa: E501

import io
import sys

import jax.numpy as jnp
import numpy as np
import pytest

from kerasish.utils import Progbar, progbar


class Clock:
    def __init__(self):
        self.t = 1000.0

    def time(self):
        return self.t


def scen_basic(Progbar, clock):
    bar = Progbar(5)
    for i, loss in enumerate([0.9, 0.7, 0.5, 0.4, 0.3], start=1):
        clock.t += 0.25 if i > 1 else 1.5
        bar.update(i, [("loss", loss), ("acc", 0.1 * i)])


def scen_stateful(Progbar, clock):
    bar = Progbar(12, stateful_metrics=["lr"])
    for i in range(1, 13):
        clock.t += 0.0004
        bar.update(i, [("lr", 1e-4 * i), ("loss", -0.5 / i), ("tiny", 1e-5)])
        clock.t += 0.06


def scen_interval(Progbar, clock):
    bar = Progbar(100, interval=0.5)
    for i in range(1, 101):
        clock.t += 0.011
        bar.update(i, [("loss", 1.0 / i)])


def scen_eta(Progbar, clock):
    bar = Progbar(10000)
    clock.t += 2.0
    bar.update(1, [("loss", 3.0)])
    clock.t += 1.5
    bar.update(2, [("loss", 2.0)])
    clock.t += 100.0
    bar.update(100, [("loss", 1.5)])
    clock.t += 2000.0
    bar.update(9990, [("loss", 1.25)])
    clock.t += 5.0
    bar.update(10000, [("loss", 1.0)])


def scen_shrink(Progbar, clock):
    bar = Progbar(3)
    clock.t += 1.0
    bar.update(1, [("a_long_metric_name", 123.456789), ("b", 2.0)])
    clock.t += 1.0
    bar.update(2, [])
    clock.t += 1.0
    bar.update(3, finalize=True)


def scen_unknown(Progbar, clock):
    bar = Progbar(None)
    for i in range(1, 4):
        clock.t += 0.3
        bar.update(i, [("loss", 0.5 * i)])
    clock.t += 0.3
    bar.update(3, [("loss", 0.25)], finalize=True)


def scen_verbose2(Progbar, clock):
    bar = Progbar(4, verbose=2)
    for i in range(1, 5):
        clock.t += 0.9
        bar.update(i, [("loss", 0.5 / i), ("acc", 0.0001), ("neg", -2.0)])


def scen_add(Progbar, clock):
    bar = Progbar(64, unit_name="sample")
    for _ in range(4):
        clock.t += 0.02
        bar.add(16, [("loss", 0.25)])


def scen_stateless_empty(Progbar, clock):
    bar = Progbar(3, stateless_metrics=set())
    for i in range(1, 4):
        clock.t += 0.5
        bar.update(i, [("loss", 1.0 / i), ("accuracy", 0.5 + 0.1 * i)])


def scen_arrays(Progbar, clock):
    bar = Progbar(3)
    for i in range(1, 4):
        clock.t += 0.2
        bar.update(
            i,
            [
                ("vec", np.array([0.1 * i, 0.3], dtype="float32")),
                ("f32", np.float32(0.1) * i),
                ("i", i),
            ],
        )


def scen_silent(Progbar, clock):
    bar = Progbar(3, verbose=0)
    for i in range(1, 4):
        clock.t += 0.2
        bar.update(i, [("loss", 1.0)])


def scen_zero_target(Progbar, clock):
    bar = Progbar(0)
    clock.t += 0.2
    bar.update(0, [("loss", 1.0)])
    clock.t += 0.2
    bar.update(1, [("loss", 1.0)], finalize=True)


def scen_hours(Progbar, clock):
    bar = Progbar(3)
    clock.t += 5000.0
    bar.update(1)
    clock.t += 3.0
    bar.update(3)


def scen_jax(Progbar, clock):
    bar = Progbar(40, interval=0.1, stateful_metrics=["acc"])
    for i in range(1, 41, 3):
        clock.t += 0.037
        bar.update(
            i,
            [
                ("loss", jnp.float32(1.0) / jnp.float32(i + 0.37)),
                ("acc", jnp.asarray(0.3333333 + i / 97, dtype="float32")),
            ],
        )
    clock.t += 0.037
    bar.update(40, [("loss", jnp.float32(0.0123457)), ("acc", jnp.float32(0.9))])


SCENARIOS = {
    name[len("scen_") :]: fn
    for name, fn in dict(globals()).items()
    if name.startswith("scen_")
}


def _run(monkeypatch, scenario):
    clock = Clock()
    monkeypatch.setattr(progbar, "time", clock)
    buffer = io.StringIO()
    monkeypatch.setattr(sys, "stdout", buffer)
    scenario(Progbar, clock)
    return buffer.getvalue()


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_output_matches_keras(monkeypatch, name):
    expected = "".join(p if isinstance(p, str) else "\b" * p for p in EXPECTED[name])
    assert _run(monkeypatch, SCENARIOS[name]) == expected


class _CountingArray:
    """A stand-in for a device array that counts host conversions."""

    conversions = 0

    def __init__(self, value):
        self.value = np.float32(value)

    def __array__(self, dtype=None, copy=None):
        type(self).conversions += 1
        return np.asarray(self.value, dtype=dtype)


def test_values_are_converted_only_when_printed(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(progbar, "time", clock)
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    _CountingArray.conversions = 0
    bar = Progbar(10, verbose=2, stateful_metrics=["acc"])
    for i in range(1, 10):
        clock.t += 0.1
        bar.update(i, [("loss", _CountingArray(1.0)), ("acc", _CountingArray(0.5))])
    assert _CountingArray.conversions == 0
    clock.t += 0.1
    bar.update(10, [("loss", _CountingArray(1.0)), ("acc", _CountingArray(0.5))])
    assert _CountingArray.conversions == 2
    assert (
        sys.stdout.getvalue()
        == "10/10 - 1s - 100ms/step - loss: 1.0000 - acc: 0.5000\n"
    )


def test_skipped_lines_do_not_convert(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(progbar, "time", clock)
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    _CountingArray.conversions = 0
    bar = Progbar(100, interval=10.0)
    for i in range(1, 4):
        clock.t += 0.01
        bar.update(i, [("loss", _CountingArray(0.25))])
    # Only the first update printed (its interval starts at time 0).
    assert _CountingArray.conversions == 1


def test_both_metric_kinds_raise():
    with pytest.raises(ValueError, match="stateful_metrics"):
        Progbar(3, stateful_metrics=["a"], stateless_metrics=["b"])


EXPECTED = {
    "basic": [
        "\r\x1b[1m1/5\x1b[0m \x1b[32m━━━━\x1b[0m\x1b[37m━━━━━━━━━━━━━━━━\x1b[0m \x1b[1m6s\x1b[0m 2s/step - loss: 0.9000 - acc: 0.1000",
        64,
        "\r\x1b[1m2/5\x1b[0m \x1b[32m━━━━━━━━\x1b[0m\x1b[37m━━━━━━━━━━━━\x1b[0m \x1b[1m0s\x1b[0m 250ms/step - loss: 0.8000 - acc: 0.1500",
        67,
        "\r\x1b[1m3/5\x1b[0m \x1b[32m━━━━━━━━━━━━\x1b[0m\x1b[37m━━━━━━━━\x1b[0m \x1b[1m0s\x1b[0m 250ms/step - loss: 0.7000 - acc: 0.2000",
        67,
        "\r\x1b[1m4/5\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m━━━━\x1b[0m \x1b[1m0s\x1b[0m 250ms/step - loss: 0.6250 - acc: 0.2500",
        67,
        "\r\x1b[1m5/5\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m2s\x1b[0m 250ms/step - loss: 0.3000 - acc: 0.5000\n",
    ],
    "stateful": [
        "\r\x1b[1m 1/12\x1b[0m \x1b[32m━\x1b[0m\x1b[37m━━━━━━━━━━━━━━━━━━━\x1b[0m \x1b[1m0s\x1b[0m 400us/step - lr: 1.0000e-04 - loss: -0.5000 - tiny: 1.0000e-05",
        92,
        "\r\x1b[1m 2/12\x1b[0m \x1b[32m━━━\x1b[0m\x1b[37m━━━━━━━━━━━━━━━━━\x1b[0m \x1b[1m0s\x1b[0m 60ms/step - lr: 2.0000e-04 - loss: -0.3750 - tiny: 1.0000e-05 ",
        91,
        "\r\x1b[1m 3/12\x1b[0m \x1b[32m━━━━━\x1b[0m\x1b[37m━━━━━━━━━━━━━━━\x1b[0m \x1b[1m0s\x1b[0m 60ms/step - lr: 3.0000e-04 - loss: -0.3056 - tiny: 1.0000e-05",
        91,
        "\r\x1b[1m 4/12\x1b[0m \x1b[32m━━━━━━\x1b[0m\x1b[37m━━━━━━━━━━━━━━\x1b[0m \x1b[1m0s\x1b[0m 60ms/step - lr: 4.0000e-04 - loss: -0.2604 - tiny: 1.0000e-05",
        91,
        "\r\x1b[1m 5/12\x1b[0m \x1b[32m━━━━━━━━\x1b[0m\x1b[37m━━━━━━━━━━━━\x1b[0m \x1b[1m0s\x1b[0m 60ms/step - lr: 5.0000e-04 - loss: -0.2283 - tiny: 1.0000e-05",
        91,
        "\r\x1b[1m 6/12\x1b[0m \x1b[32m━━━━━━━━━━\x1b[0m\x1b[37m━━━━━━━━━━\x1b[0m \x1b[1m0s\x1b[0m 60ms/step - lr: 6.0000e-04 - loss: -0.2042 - tiny: 1.0000e-05",
        91,
        "\r\x1b[1m 7/12\x1b[0m \x1b[32m━━━━━━━━━━━\x1b[0m\x1b[37m━━━━━━━━━\x1b[0m \x1b[1m0s\x1b[0m 60ms/step - lr: 7.0000e-04 - loss: -0.1852 - tiny: 1.0000e-05",
        91,
        "\r\x1b[1m 8/12\x1b[0m \x1b[32m━━━━━━━━━━━━━\x1b[0m\x1b[37m━━━━━━━\x1b[0m \x1b[1m0s\x1b[0m 60ms/step - lr: 8.0000e-04 - loss: -0.1699 - tiny: 1.0000e-05",
        91,
        "\r\x1b[1m 9/12\x1b[0m \x1b[32m━━━━━━━━━━━━━━━\x1b[0m\x1b[37m━━━━━\x1b[0m \x1b[1m0s\x1b[0m 60ms/step - lr: 9.0000e-04 - loss: -0.1572 - tiny: 1.0000e-05",
        91,
        "\r\x1b[1m10/12\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m━━━━\x1b[0m \x1b[1m0s\x1b[0m 60ms/step - lr: 1.0000e-03 - loss: -0.1464 - tiny: 1.0000e-05",
        91,
        "\r\x1b[1m11/12\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m━━\x1b[0m \x1b[1m0s\x1b[0m 60ms/step - lr: 0.0011 - loss: -0.1373 - tiny: 1.0000e-05    ",
        87,
        "\r\x1b[1m12/12\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m1s\x1b[0m 60ms/step - lr: 0.0012 - loss: -0.0417 - tiny: 1.0000e-05\n",
    ],
    "interval": [
        "\r\x1b[1m  1/100\x1b[0m \x1b[37m━━━━━━━━━━━━━━━━━━━━\x1b[0m \x1b[1m1s\x1b[0m 11ms/step - loss: 1.0000",
        56,
        "\r\x1b[1m 47/100\x1b[0m \x1b[32m━━━━━━━━━\x1b[0m\x1b[37m━━━━━━━━━━━\x1b[0m \x1b[1m0s\x1b[0m 11ms/step - loss: 0.0944",
        56,
        "\r\x1b[1m 93/100\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m━━\x1b[0m \x1b[1m0s\x1b[0m 11ms/step - loss: 0.0550",
        56,
        "\r\x1b[1m100/100\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m1s\x1b[0m 11ms/step - loss: 0.0100\n",
    ],
    "eta": [
        "\r\x1b[1m    1/10000\x1b[0m \x1b[37m━━━━━━━━━━━━━━━━━━━━\x1b[0m \x1b[1m5:33:18\x1b[0m 2s/step - loss: 3.0000",
        63,
        "\r\x1b[1m    2/10000\x1b[0m \x1b[37m━━━━━━━━━━━━━━━━━━━━\x1b[0m \x1b[1m4:09:57\x1b[0m 2s/step - loss: 2.5000",
        63,
        "\r\x1b[1m  100/10000\x1b[0m \x1b[37m━━━━━━━━━━━━━━━━━━━━\x1b[0m \x1b[1m2:49:10\x1b[0m 1s/step - loss: 1.5200",
        63,
        "\r\x1b[1m 9990/10000\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m━\x1b[0m \x1b[1m2s\x1b[0m 210ms/step - loss: 1.2527  ",
        61,
        "\r\x1b[1m10000/10000\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m2108s\x1b[0m 211ms/step - loss: 1.0000\n",
    ],
    "shrink": [
        "\r\x1b[1m1/3\x1b[0m \x1b[32m━━━━━━\x1b[0m\x1b[37m━━━━━━━━━━━━━━\x1b[0m \x1b[1m2s\x1b[0m 1s/step - a_long_metric_name: 123.4568 - b: 2.0000",
        78,
        "\r\x1b[1m2/3\x1b[0m \x1b[32m━━━━━━━━━━━━━\x1b[0m\x1b[37m━━━━━━━\x1b[0m \x1b[1m1s\x1b[0m 1s/step - a_long_metric_name: 123.4568 - b: 2.0000",
        78,
        "\r\x1b[1m3/3\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m3s\x1b[0m 1s/step - a_long_metric_name: 123.4568 - b: 2.0000\n",
    ],
    "unknown": [
        "\r      1/Unknown \x1b[1m0s\x1b[0m 300ms/step - loss: 0.5000",
        44,
        "\r      2/Unknown \x1b[1m1s\x1b[0m 300ms/step - loss: 0.7500",
        44,
        "\r      3/Unknown \x1b[1m1s\x1b[0m 300ms/step - loss: 1.0000",
        44,
        "\r      3/Unknown \x1b[1m1s\x1b[0m 450ms/step - loss: 0.2500\n",
    ],
    "verbose2": [
        "4/4 - 4s - 900ms/step - loss: 0.1250 - acc: 1.0000e-04 - neg: -2.0000e+00\n",
    ],
    "add": [
        "\r\x1b[1m16/64\x1b[0m \x1b[32m━━━━━\x1b[0m\x1b[37m━━━━━━━━━━━━━━━\x1b[0m \x1b[1m0s\x1b[0m 1ms/sample - loss: 0.2500",
        55,
        "\r\x1b[1m64/64\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m0s\x1b[0m 1ms/sample - loss: 0.2500\n",
    ],
    "stateless_empty": [
        "\r\x1b[1m1/3\x1b[0m \x1b[32m━━━━━━\x1b[0m\x1b[37m━━━━━━━━━━━━━━\x1b[0m \x1b[1m1s\x1b[0m 500ms/step - loss: 1.0000 - accuracy: 0.6000",
        72,
        "\r\x1b[1m2/3\x1b[0m \x1b[32m━━━━━━━━━━━━━\x1b[0m\x1b[37m━━━━━━━\x1b[0m \x1b[1m0s\x1b[0m 500ms/step - loss: 0.5000 - accuracy: 0.7000",
        72,
        "\r\x1b[1m3/3\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m2s\x1b[0m 500ms/step - loss: 0.3333 - accuracy: 0.8000\n",
    ],
    "arrays": [
        "\r\x1b[1m1/3\x1b[0m \x1b[32m━━━━━━\x1b[0m\x1b[37m━━━━━━━━━━━━━━\x1b[0m \x1b[1m0s\x1b[0m 200ms/step - vec: 0.2000 - f32: 0.1000 - i: 1.0000",
        78,
        "\r\x1b[1m2/3\x1b[0m \x1b[32m━━━━━━━━━━━━━\x1b[0m\x1b[37m━━━━━━━\x1b[0m \x1b[1m0s\x1b[0m 200ms/step - vec: 0.2250 - f32: 0.1500 - i: 1.5000",
        78,
        "\r\x1b[1m3/3\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m1s\x1b[0m 200ms/step - vec: 0.3000 - f32: 0.3000 - i: 3.0000\n",
    ],
    "silent": [],
    "zero_target": [
        "\r      0/Unknown \x1b[1m0s\x1b[0m 0s/step - loss: 1.0000\n",
        41,
        "\r      1/Unknown \x1b[1m0s\x1b[0m 400ms/step - loss: 1.0000\n",
    ],
    "hours": [
        "\r\x1b[1m1/3\x1b[0m \x1b[32m━━━━━━\x1b[0m\x1b[37m━━━━━━━━━━━━━━\x1b[0m \x1b[1m2:46:40\x1b[0m 5000s/step",
        43,
        "\r\x1b[1m3/3\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m5003s\x1b[0m 2s/step     \n",
    ],
    "jax": [
        "\r\x1b[1m 1/40\x1b[0m \x1b[37m━━━━━━━━━━━━━━━━━━━━\x1b[0m \x1b[1m1s\x1b[0m 37ms/step - loss: 0.7299 - acc: 0.3436",
        68,
        "\r\x1b[1m10/40\x1b[0m \x1b[32m━━━━━\x1b[0m\x1b[37m━━━━━━━━━━━━━━━\x1b[0m \x1b[1m0s\x1b[0m 12ms/step - loss: 0.2113 - acc: 0.4364",
        68,
        "\r\x1b[1m19/40\x1b[0m \x1b[32m━━━━━━━━━\x1b[0m\x1b[37m━━━━━━━━━━━\x1b[0m \x1b[1m0s\x1b[0m 12ms/step - loss: 0.1408 - acc: 0.5292",
        68,
        "\r\x1b[1m28/40\x1b[0m \x1b[32m━━━━━━━━━━━━━━\x1b[0m\x1b[37m━━━━━━\x1b[0m \x1b[1m0s\x1b[0m 12ms/step - loss: 0.1083 - acc: 0.6220",
        68,
        "\r\x1b[1m37/40\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m━━\x1b[0m \x1b[1m0s\x1b[0m 12ms/step - loss: 0.0891 - acc: 0.7148",
        68,
        "\r\x1b[1m40/40\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m1s\x1b[0m 12ms/step - loss: 0.0248 - acc: 0.7457\n",
        68,
        "\r\x1b[1m40/40\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m1s\x1b[0m 13ms/step - loss: 0.0123 - acc: 0.9000\n",
    ],
}
