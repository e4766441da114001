"""Atomic writes leave either the new file or the old one, never a partial one."""

import os

import pytest

from kerasish.export.atomic import atomic_path, write_bytes_atomic


def test_write_replaces_the_file(tmp_path):
    path = str(tmp_path / "model.bin")
    write_bytes_atomic(path, b"old")
    write_bytes_atomic(path, b"new")
    assert open(path, "rb").read() == b"new"
    assert os.listdir(tmp_path) == ["model.bin"]


def test_failure_while_writing_keeps_the_old_file_and_no_temp(tmp_path):
    path = str(tmp_path / "model.bin")
    write_bytes_atomic(path, b"old")
    with pytest.raises(RuntimeError, match="disk full"):
        with atomic_path(path) as tmp:
            assert os.path.dirname(tmp) == str(tmp_path)
            open(tmp, "wb").write(b"partial")
            raise RuntimeError("disk full")
    assert open(path, "rb").read() == b"old"
    assert os.listdir(tmp_path) == ["model.bin"]
