"""The reference data itself: complete, current, small, from the pinned Keras."""

from compat import helpers
from compat.cases import all_cases

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
