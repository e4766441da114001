"""Records the saving cases: Keras-written files, and Keras reading kerasish's.

For each case Keras trains the model one epoch and writes
`compat/reference/saving/<case>.keras` and `<case>.weights.h5` (committed).
Then `compat/saving_writer.py` runs under kerasish's interpreter
(`.venv/bin/python`, or `$KERASISH_PYTHON`): it loads the Keras file, trains
one more epoch and saves its own `.keras` / `.weights.h5`. Keras loads those
here; generation fails unless Keras' predictions from kerasish's files equal
kerasish's own (rtol 1e-5) and the optimizer iteration count survived. What
Keras saw is recorded for `compat/test_saving.py`.
"""

import io
import os
import pathlib
import subprocess
import sys
import tempfile
import zipfile

import h5py
import keras
import numpy as np

from compat import helpers
from compat.cases import Case, build_optimizer
from compat.cases import saving as cases

ROOT = pathlib.Path(__file__).resolve().parents[2]
FILES = helpers.REFERENCE_DIR / cases.FILES_DIR


def h5_layout(source) -> list:
    """`[[name, shape or None, attrs], ...]` of every group and dataset."""
    entries = []

    def visit(name, obj):
        shape = list(obj.shape) if isinstance(obj, h5py.Dataset) else None
        attrs = {k: str(v) for k, v in obj.attrs.items()}
        entries.append([name, shape, attrs])

    with h5py.File(source, "r") as f:
        f.visititems(visit)
    return entries


def keras_member_layout(path) -> list:
    with zipfile.ZipFile(path) as zf:
        return h5_layout(io.BytesIO(zf.read("model.weights.h5")))


def _compiled(case: Case):
    model = cases.build(keras, case)
    spec = dict(case.spec["compile"])
    model.compile(optimizer=build_optimizer(keras, spec.pop("optimizer")), **spec)
    return model


def _as_loaded(case: Case, weights_file: pathlib.Path) -> list:
    """The weights a fresh Keras model holds after loading `weights_file`:
    the saved ones, except that LoRA layers hold their merged kernels (and
    zero adapters), since Keras saves LoRA merged."""
    fresh = cases.build(keras, case)
    fresh.load_weights(weights_file)
    return fresh.get_weights()


def _run_kerasish(case: Case, keras_file: pathlib.Path, outdir: str) -> dict:
    python = os.environ.get("KERASISH_PYTHON", str(ROOT / ".venv/bin/python"))
    env = {k: v for k, v in os.environ.items() if k != "KERAS_BACKEND"}
    env.setdefault("JAX_PLATFORMS", "cpu")
    subprocess.run(
        [python, "-m", "compat.saving_writer", case.name, str(keras_file), outdir],
        cwd=ROOT,
        env=env,
        check=True,
    )
    with np.load(pathlib.Path(outdir) / "kerasish.npz") as f:
        return {k: f[k] for k in f.files}


def record_saving(case: Case):
    xs, y = cases.data(case)
    x = cases.model_inputs(xs)
    keras.utils.set_random_seed(case.seed)
    model = _compiled(case)
    model.fit(x, y, verbose=0, **case.spec["fit"])
    FILES.mkdir(exist_ok=True)
    keras_file = FILES / f"{case.name}.keras"
    weights_file = FILES / f"{case.name}.weights.h5"
    model.save(keras_file)
    model.save_weights(weights_file)
    out = {"x": xs, "y_true": y, "y": np.asarray(model.predict(x, verbose=0))}
    out["weights"] = _as_loaded(case, weights_file)

    # Keras continues training from its own file: what kerasish must match.
    resumed = keras.models.load_model(keras_file)
    resumed.fit(x, y, verbose=0, **case.spec["fit"])
    with tempfile.TemporaryDirectory() as tmp:
        resumed_file = pathlib.Path(tmp, "resumed.weights.h5")
        resumed.save_weights(resumed_file)
        out["continued_weights"] = _as_loaded(case, resumed_file)
    out["continued_y"] = np.asarray(resumed.predict(x, verbose=0))

    with tempfile.TemporaryDirectory() as outdir:
        ours = _run_kerasish(case, keras_file, outdir)
        np.testing.assert_allclose(ours["loaded_y"], out["y"], rtol=1e-5, atol=1e-6)
        from_keras_file = keras.models.load_model(
            pathlib.Path(outdir, "kerasish.keras")
        )
        y_keras_file = np.asarray(from_keras_file.predict(x, verbose=0))
        fresh = cases.build(keras, case)
        fresh.load_weights(pathlib.Path(outdir, "kerasish.weights.h5"))
        y_weights_file = np.asarray(fresh.predict(x, verbose=0))
        for got in (y_keras_file, y_weights_file):
            np.testing.assert_allclose(got, ours["y"], rtol=1e-5, atol=1e-6)
        iterations = int(from_keras_file.optimizer.iterations.numpy())
        assert iterations == int(ours["iterations"]), (iterations, ours["iterations"])
        kerasish_layout = keras_member_layout(pathlib.Path(outdir, "kerasish.keras"))
    out["keras_reads_kerasish_keras"] = y_keras_file
    out["keras_reads_kerasish_weights"] = y_weights_file
    extras = {
        "iterations": int(model.optimizer.iterations.numpy()),
        "kerasish_iterations_seen_by_keras": iterations,
        "weights_layout": h5_layout(weights_file),
        "keras_member_layout": keras_member_layout(keras_file),
        "kerasish_member_layout_seen_by_keras": kerasish_layout,
        "layer_names": [layer.name for layer in model.layers],
    }
    print(f"{case.name}: kerasish files load in Keras", file=sys.stderr)
    return out, extras


RECORDERS = {"saving": record_saving}
