"""Convolution and pooling layers against Keras: the generic layer checks of
`test_layers.py` run over the cases of `compat/cases/conv_layers.py`."""

import pytest

from compat import test_layers as generic
from compat.cases.conv_layers import CASES


def _with(check):
    return [c for c in CASES if check in c.checks]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_weight_layout(case, reference):
    generic.test_weight_layout(case, reference)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_weight_paths(case, reference):
    generic.test_weight_paths(case, reference)


@pytest.mark.parametrize("case", _with("forward"), ids=lambda c: c.name)
def test_forward(case, reference):
    generic.test_forward(case, reference)


@pytest.mark.parametrize("case", _with("forward_train"), ids=lambda c: c.name)
def test_forward_training_mode(case, reference):
    generic.test_forward_training_mode(case, reference)


@pytest.mark.parametrize("case", _with("grads"), ids=lambda c: c.name)
def test_grads(case, reference):
    generic.test_grads(case, reference)
