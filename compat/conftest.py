"""Compat-suite settings: no real Keras, exact matmuls, and reference loading.

Real Keras must never be importable here: a meta-path finder makes any import
of the `keras` package fail, so a stray import cannot make a test compare Keras
with itself. References missing or recorded from a different version of a case
FAIL the suite (regenerate them, see `compat/README.md`).
"""

import sys
from collections.abc import Callable
from importlib.abc import MetaPathFinder

import jax
import pytest

from compat import helpers
from compat.cases import Case


class _BlockKeras(MetaPathFinder):
    """Refuses the real `keras` package (and TensorFlow) at import time."""

    blocked = ("keras", "tensorflow", "tf_keras")

    def find_spec(self, fullname, path=None, target=None):
        if fullname.split(".")[0] in self.blocked:
            raise ImportError(
                f"The compat tests must not import real Keras ({fullname!r}); "
                "they compare kerasish with recorded reference data."
            )
        return None


for _name in list(sys.modules):
    if _name.split(".")[0] in _BlockKeras.blocked:
        raise RuntimeError(f"Real Keras was imported before the compat tests: {_name}")
sys.meta_path.insert(0, _BlockKeras())

jax.config.update("jax_default_matmul_precision", "highest")
jax.config.update("jax_numpy_dtype_promotion", "strict")

_CACHE: dict[str, helpers.Reference] = {}


def load_reference(case: Case) -> helpers.Reference:
    """The case's reference, or a test failure naming the regeneration command."""
    if case.digest() in _CACHE:
        return _CACHE[case.digest()]
    fix = (
        "Regenerate it: KERAS_BACKEND=jax .venv-keras/bin/python -m compat.generate "
        f"{case.name}"
    )
    manifest = helpers.load_manifest().get("cases", {})
    path = helpers.REFERENCE_DIR / f"{case.name}.npz"
    if case.name not in manifest or not path.exists():
        pytest.fail(f"No reference data for compat case {case.name!r}. {fix}", False)
    ref = helpers.Reference(path)
    if manifest[case.name] != case.digest() or ref.digest != case.digest():
        pytest.fail(
            f"Reference data for {case.name!r} is stale (case changed). {fix}", False
        )
    _CACHE[case.digest()] = ref
    return ref


@pytest.fixture
def reference() -> Callable[[Case], helpers.Reference]:
    """`reference(case)` loads the case's recorded Keras outputs."""
    return load_reference


@pytest.fixture(autouse=True)
def _fresh_names():
    """generate.py clears Keras' session before each case, so auto-names restart
    there; restart kerasish's counters before each test the same way."""
    import kerasish

    kerasish.backend.clear_session(free_memory=False)
