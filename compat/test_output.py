"""Printed output against Keras: `summary()` text, `Progbar` lines (with a fake
clock) and `fit(verbose=1 / 2)` logs (timings masked, values compared)."""

import contextlib
import io
import time

import numpy as np
import pytest

import kerasish
from compat import helpers
from compat.cases import build_model, build_optimizer, cases_of
from compat.data import FakeClock

# Log values are printed with 4 decimals; two implementations may round the
# last digit differently.
LOG_ATOL = 1.5e-4


@pytest.mark.parametrize("case", cases_of("summary"), ids=lambda c: c.name)
def test_summary(case, reference, monkeypatch):
    ref = reference(case)
    spec = case.spec
    monkeypatch.setenv("COLUMNS", str(spec["columns"]))
    model = build_model(kerasish, case)
    for name in spec.get("frozen", ()):
        model.get_layer(name).trainable = False
    if spec.get("fit"):
        rng = np.random.default_rng(case.seed)
        x = rng.normal(size=(16, *case.input_shape)).astype(np.float32)
        y = rng.integers(0, 3, (16,)).astype(np.int32)
        model.compile(
            optimizer=build_optimizer(kerasish, spec["optimizer"]), loss=spec["loss"]
        )
        model.fit(x, y, epochs=1, batch_size=8, verbose=0)
    texts: list[str] = []
    kwargs = {"show_trainable": True} if spec.get("show_trainable") else {}
    model.summary(print_fn=texts.append, **kwargs)
    assert "".join(texts) == "".join(ref.extras["texts"])


@pytest.mark.parametrize("case", cases_of("progbar"), ids=lambda c: c.name)
def test_progbar(case, reference, monkeypatch):
    ref = reference(case)
    spec = case.spec
    clock = FakeClock(spec["start"])
    monkeypatch.setattr(time, "time", clock)
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        kwargs = {k: spec[k] for k in ("stateful_metrics", "unit_name") if k in spec}
        bar = kerasish.utils.Progbar(spec["target"], verbose=spec["verbose"], **kwargs)
        for now, current, values, finalize in spec["updates"]:
            clock.now = now
            bar.update(current, values=values, finalize=finalize)
    assert buffer.getvalue() == ref.extras["text"]


@pytest.mark.parametrize("case", cases_of("fit_log"), ids=lambda c: c.name)
def test_fit_log(case, reference):
    ref = reference(case)
    spec = case.spec
    model = build_model(kerasish, case)
    model.set_weights(ref.seq("weights"))
    model.compile(
        optimizer=build_optimizer(kerasish, spec["optimizer"]),
        loss=spec["loss"],
        metrics=spec["metrics"],
    )
    kwargs = dict(spec["fit"])
    if spec.get("validation"):
        kwargs["validation_split"] = 0.25
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        model.fit(ref["x"], ref["y"], **kwargs)
    helpers.assert_same_log(
        buffer.getvalue(), ref.extras["templates"], ref.extras["values"], LOG_ATOL
    )
