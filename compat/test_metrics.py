"""Metrics against Keras: `result()` after each of two weighted `update_state`
calls, and after `reset_state()`."""

import numpy as np
import pytest

import kerasish
from compat.cases.metrics import CASES

TOL = {"rtol": 1e-5, "atol": 1e-6}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_metric(case, reference):
    ref = reference(case)
    metric = getattr(kerasish.metrics, case.spec["cls"])(**case.spec["kwargs"])
    assert metric.name == ref.extras["name"]
    for step in range(2):
        y_true, sw = ref[f"y_true/{step}"], ref[f"sample_weight/{step}"]
        if f"y_pred/{step}" in ref:
            metric.update_state(y_true, ref[f"y_pred/{step}"], sample_weight=sw)
        else:
            metric.update_state(y_true, sample_weight=sw)
        want = ref[f"result/{step}"]
        got = np.asarray(metric.result())
        assert got.shape == want.shape
        np.testing.assert_allclose(got, want, **TOL, err_msg=f"after update {step + 1}")
    metric.reset_state()
    np.testing.assert_allclose(np.asarray(metric.result()), ref["result_reset"], **TOL)
