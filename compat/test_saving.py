"""`.keras` / `.weights.h5` files move between Keras and kerasish both ways.

Keras-written files (committed under `reference/saving/`) load in kerasish
with Keras' predictions, and training continues exactly as in Keras. The
other direction was checked by `generate.py` (Keras loaded the files
`compat/saving_writer.py` wrote); here kerasish writes them again and they must
match what Keras read then: the same HDF5 layout and the same predictions.
"""

import io
import zipfile

import h5py
import numpy as np
import pytest

import kerasish
from compat import helpers, saving_writer
from compat.cases import cases_of
from compat.cases import saving as cases

CASES = cases_of("saving")
FILES = helpers.REFERENCE_DIR / cases.FILES_DIR


def _layout(source) -> list:
    entries = []

    def visit(name, obj):
        shape = list(obj.shape) if isinstance(obj, h5py.Dataset) else None
        entries.append([name, shape, {k: str(v) for k, v in obj.attrs.items()}])

    with h5py.File(source, "r") as f:
        f.visititems(visit)
    return entries


def _member_layout(path) -> list:
    with zipfile.ZipFile(path) as zf:
        return _layout(io.BytesIO(zf.read("model.weights.h5")))


def _x(ref):
    return cases.model_inputs(ref.seq("x"))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_keras_file_loads_with_keras_predictions(case, reference):
    ref = reference(case)
    model = kerasish.models.load_model(FILES / f"{case.name}.keras")
    assert [layer.name for layer in model.layers] == ref.extras["layer_names"]
    assert int(model.optimizer.iterations) == ref.extras["iterations"]
    np.testing.assert_allclose(
        model.predict(_x(ref), verbose=0), ref["y"], rtol=1e-5, atol=1e-6
    )


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_keras_weights_file_loads(case, reference):
    ref = reference(case)
    model = cases.build(kerasish, case)
    model.load_weights(FILES / f"{case.name}.weights.h5")
    for got, want in zip(model.get_weights(), ref.seq("weights"), strict=True):
        np.testing.assert_array_equal(got, want)
    np.testing.assert_allclose(
        model.predict(_x(ref), verbose=0), ref["y"], rtol=1e-5, atol=1e-6
    )


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_kerasish_writes_what_keras_read(case, reference, tmp_path):
    ref = reference(case)
    out = saving_writer.write(case, FILES / f"{case.name}.keras", tmp_path)
    # Training resumed from Keras' file continues as Keras' own run did.
    for got, want in zip(
        kerasish.models.load_model(tmp_path / "kerasish.keras").get_weights(),
        ref.seq("continued_weights"),
        strict=True,
    ):
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(out["y"], ref["continued_y"], rtol=1e-4, atol=1e-5)
    # Keras read these predictions from the files kerasish wrote at generation.
    np.testing.assert_allclose(
        out["y"], ref["keras_reads_kerasish_keras"], rtol=1e-5, atol=1e-6
    )
    np.testing.assert_allclose(
        out["y"], ref["keras_reads_kerasish_weights"], rtol=1e-5, atol=1e-6
    )
    assert int(out["iterations"]) == ref.extras["kerasish_iterations_seen_by_keras"]
    layout = _member_layout(tmp_path / "kerasish.keras")
    assert layout == ref.extras["kerasish_member_layout_seen_by_keras"]
    assert layout == ref.extras["keras_member_layout"]
    assert _layout(tmp_path / "kerasish.weights.h5") == ref.extras["weights_layout"]
