"""The reference data itself: complete, current, small, from the pinned Keras."""

import importlib

import pytest

from compat import helpers
from compat.cases import Case, all_cases
from compat.conftest import load_reference

PINNED_KERAS = "3.15.1"


def test_manifest_covers_every_case_with_its_current_digest():
    manifest = helpers.load_manifest()
    assert manifest["keras_version"] == PINNED_KERAS
    assert manifest["backend"] == "jax"
    want = {case.name: case.digest() for case in all_cases()}
    missing = sorted(set(want) - set(manifest["cases"]))
    stale = sorted(
        n for n in want if n in manifest["cases"] and manifest["cases"][n] != want[n]
    )
    assert not missing, f"cases without reference data: {missing}"
    assert not stale, f"cases changed since their reference was recorded: {stale}"
    assert sorted(manifest["cases"]) == sorted(want)


def test_reference_files_match_the_manifest_and_stay_small():
    files = {p.stem: p for p in helpers.REFERENCE_DIR.glob("*.npz")}
    assert sorted(files) == sorted(helpers.load_manifest()["cases"])
    assert sum(p.stat().st_size for p in files.values()) < 5 * 2**20


def test_real_keras_cannot_be_imported():
    with pytest.raises(ImportError, match="must not import real Keras"):
        importlib.import_module("keras")


def test_missing_or_stale_reference_fails_instead_of_skipping():
    with pytest.raises(pytest.fail.Exception, match="No reference data"):
        load_reference(Case("no_such_case", "layer"))
    current = all_cases()[0]
    with pytest.raises(pytest.fail.Exception, match="stale"):
        load_reference(Case(current.name, current.kind, seed=current.seed + 1))
