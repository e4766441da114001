"""Callbacks against Keras: files written, messages, histories and weights."""

import tempfile

import numpy as np
import pytest

import kerasish
from compat.cases import callbacks, cases_of

CASES = cases_of("callbacks")
TOL = {"rtol": 1e-5, "atol": 1e-6}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_callback_fit(case, reference):
    ref = reference(case)
    with tempfile.TemporaryDirectory() as directory:
        arrays, extras = callbacks.run(kerasish, case, directory)
    assert extras["epochs"] == ref.extras["epochs"]
    assert sorted(extras["history"]) == sorted(ref.extras["history"])
    for key, want in ref.extras["history"].items():
        np.testing.assert_allclose(extras["history"][key], want, **TOL, err_msg=key)
    assert extras["files"] == ref.extras["files"]
    assert extras["stdout"] == ref.extras["stdout"]
    assert extras["warnings"] == ref.extras["warnings"]
    for name in ref.extras["files"]:
        if name.endswith(".csv"):
            _assert_same_csv(extras[f"file/{name}"], ref.extras[f"file/{name}"])
        elif name.endswith(".weights.h5"):
            key = f"file/{name}"
            for got, want in zip(arrays[key], ref.seq(key), strict=True):
                np.testing.assert_allclose(got, want, **TOL, err_msg=name)
    for got, want in zip(
        arrays["final_weights"], ref.seq("final_weights"), strict=True
    ):
        np.testing.assert_allclose(got, want, **TOL)


def _assert_same_csv(got: str, want: str) -> None:
    """Same header, line endings and epochs; values within tolerance."""
    got_rows = [line.split(",") for line in got.split("\r\n")]
    want_rows = [line.split(",") for line in want.split("\r\n")]
    assert got_rows[0] == want_rows[0]
    assert [len(r) for r in got_rows] == [len(r) for r in want_rows]
    for g, w in zip(got_rows[1:-1], want_rows[1:-1], strict=True):
        assert g[0] == w[0]
        np.testing.assert_allclose(
            [float(v) for v in g[1:]], [float(v) for v in w[1:]], **TOL
        )
