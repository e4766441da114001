"""kerasish's half of the saving compat cases: read Keras' files, write ours.

`write(case, keras_file, outdir)` loads the `.keras` file real Keras saved,
predicts, trains one more epoch (so the restored optimizer state matters),
then saves `kerasish.keras` and `kerasish.weights.h5` into `outdir` and
returns the predictions. `compat/recorders/saving.py` runs it in a subprocess
with kerasish's interpreter and loads the files in Keras; `compat/test_saving.py`
runs it again to prove today's kerasish still writes what Keras read.

    .venv/bin/python -m compat.saving_writer CASE_NAME KERAS_FILE OUTDIR
"""

import pathlib
import sys

import numpy as np


def write(case, keras_file, outdir) -> dict:
    """Runs kerasish on `keras_file`; returns `{"loaded_y", "y", "iterations"}`."""
    import kerasish
    from compat.cases import saving

    outdir = pathlib.Path(outdir)
    xs, y = saving.data(case)
    x = saving.model_inputs(xs)
    model = kerasish.models.load_model(keras_file)
    loaded_y = model.predict(x, verbose=0)
    model.fit(x, y, verbose=0, **case.spec["fit"])
    model.save(outdir / "kerasish.keras")
    model.save_weights(outdir / "kerasish.weights.h5")
    return {
        "loaded_y": np.asarray(loaded_y),
        "y": np.asarray(model.predict(x, verbose=0)),
        "iterations": np.asarray(int(model.optimizer.iterations)),
    }


def main(argv: list[str]) -> None:
    import jax

    from compat.cases import all_cases

    jax.config.update("jax_default_matmul_precision", "highest")
    name, keras_file, outdir = argv
    case = next(c for c in all_cases() if c.name == name)
    np.savez(pathlib.Path(outdir) / "kerasish.npz", **write(case, keras_file, outdir))


if __name__ == "__main__":
    main(sys.argv[1:])
