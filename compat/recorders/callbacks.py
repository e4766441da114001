"""Records `callbacks` cases (see `compat/cases/callbacks.py`) with real Keras."""

import tempfile

import keras

from compat.cases import callbacks


def record(case):
    with tempfile.TemporaryDirectory() as directory:
        return callbacks.run(keras, case, directory)


RECORDERS = {"callbacks": record}
