"""A temporary `KERAS_HOME` with an empty `datasets/` cache for every test here."""

import os

import pytest


@pytest.fixture
def datadir(tmp_path, monkeypatch) -> str:
    """`$KERAS_HOME/datasets`, where Keras' loaders look for their files."""
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    path = os.path.join(str(tmp_path), "datasets")
    os.makedirs(path)
    return path


@pytest.fixture
def no_download(monkeypatch):
    """Makes any download attempt fail the test: files must come from the cache."""
    from kerasish.utils import file_utils

    def refuse(origin, target):
        raise AssertionError(f"unexpected download of {origin}")

    monkeypatch.setattr(file_utils, "_download", refuse)
