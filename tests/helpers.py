"""Tree comparison helpers for tests."""

import jax
import numpy as np


def tree_allclose(a, b, rtol: float = 1e-6, atol: float = 1e-6) -> None:
    """Asserts two pytrees have the same structure and close leaves."""
    assert jax.tree_util.tree_structure(a) == jax.tree_util.tree_structure(b)
    for x, y in zip(
        jax.tree_util.tree_leaves(a), jax.tree_util.tree_leaves(b), strict=True
    ):
        np.testing.assert_allclose(np.asarray(x), np.asarray(y), rtol=rtol, atol=atol)
