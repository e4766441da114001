"""Initializers against Keras: sample statistics (exact for constant ones).

Random draws never match Keras bit for bit, so random initializers are compared
through mean / std / min / max with tolerances derived from the sample size.
"""

import numpy as np
import pytest

import kerasish
from compat.cases.initializers import CASES


def _init(ident):
    if isinstance(ident, tuple):
        return getattr(kerasish.initializers, ident[0])(**ident[1])
    return kerasish.initializers.get(ident)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_initializer(case, reference):
    ref = reference(case)
    kerasish.utils.set_random_seed(case.seed)
    init = _init(case.spec["init"])
    assert type(init).__name__ == ref.extras["class_name"]
    family = case.spec["family"]
    for i, shape in enumerate(case.spec["shapes"]):
        sample = np.asarray(init(shape, dtype="float32"))
        assert sample.shape == tuple(shape) and sample.dtype == np.float32
        mean, std, lo, hi = ref[f"stats/{i}"]
        if family == "exact":
            np.testing.assert_array_equal(sample, ref[f"sample/{i}"])
            continue
        n = sample.size
        assert abs(sample.mean() - mean) < 6 * std / np.sqrt(n)
        np.testing.assert_allclose(sample.std(), std, rtol=8 / np.sqrt(2 * n))
        if family == "bounded":
            # Uniform / truncated draws fill their whole range: the extremes are stable.
            tol = 0.05 * (hi - lo) * (1 if n > 5000 else 2)
            assert abs(sample.min() - lo) < tol and abs(sample.max() - hi) < tol
        elif family == "normal":
            assert abs(sample.min() - lo) < 0.35 * std * np.sqrt(np.log(n)) + std
            assert abs(sample.max() - hi) < 0.35 * std * np.sqrt(np.log(n)) + std
        else:  # orthogonal: also check the defining property
            gain = (
                case.spec["init"][1]["gain"]
                if isinstance(case.spec["init"], tuple)
                else 1.0
            )
            flat = sample.reshape(-1, shape[-1])
            small = flat.T @ flat if flat.shape[0] >= flat.shape[1] else flat @ flat.T
            np.testing.assert_allclose(small, gain**2 * np.eye(len(small)), atol=1e-4)
            assert abs(sample.min() - lo) < 0.5 * std + 0.2 * abs(lo)
            assert abs(sample.max() - hi) < 0.5 * std + 0.2 * abs(hi)
