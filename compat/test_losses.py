"""Losses against Keras: every class under each reduction, with and without
`sample_weight`, and the matching function's per-sample values."""

import numpy as np
import pytest

import kerasish
from compat.cases.losses import CASES, REDUCTIONS

TOL = {"rtol": 1e-5, "atol": 1e-6}


@pytest.mark.parametrize("reduction", REDUCTIONS, ids=str)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_loss_class(case, reduction, reference):
    ref = reference(case)
    spec = case.spec
    loss = getattr(kerasish.losses, spec["cls"])(**spec["kwargs"], reduction=reduction)
    assert loss.name == ref.extras["name"]
    y_true, y_pred = ref["y_true"], ref["y_pred"]
    for key, sw in (("plain", None), ("weighted", ref["sample_weight"])):
        tag = f"{key}/{reduction}"
        if tag in ref.extras["errors"]:
            # Keras raised (e.g. a sample_weight that cannot broadcast).
            with pytest.raises((TypeError, ValueError)):
                loss(y_true, y_pred, sample_weight=sw)
            continue
        got = loss(y_true, y_pred, sample_weight=sw)
        assert np.shape(got) == ref[tag].shape, tag
        np.testing.assert_allclose(got, ref[tag], **TOL, err_msg=tag)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_loss_function(case, reference):
    ref = reference(case)
    fn = getattr(kerasish.losses, case.spec["fn"])
    got = fn(ref["y_true"], ref["y_pred"], **case.spec["fn_kwargs"])
    assert np.shape(got) == ref["fn"].shape
    np.testing.assert_allclose(got, ref["fn"], **TOL)
