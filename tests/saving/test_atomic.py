import importlib.util
import os
import pathlib
import signal
import subprocess
import sys

import pytest

from kerasish.saving import atomic


def test_write_replaces_the_file(tmp_path):
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")
    atomic.write_bytes(target, b"new contents")
    assert target.read_bytes() == b"new contents"
    assert os.listdir(tmp_path) == ["out.bin"]


def test_new_file_gets_default_permissions(tmp_path):
    target = tmp_path / "fresh.bin"
    atomic.write_bytes(target, b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_exception_mid_write_keeps_previous_file(tmp_path):
    target = tmp_path / "out.bin"
    target.write_bytes(b"previous")
    with pytest.raises(RuntimeError, match="boom"):
        with atomic.atomic_write(target) as f:
            f.write(b"half of the new da")
            raise RuntimeError("boom")
    assert target.read_bytes() == b"previous"
    assert os.listdir(tmp_path) == ["out.bin"]


_WRITER = """
import importlib.util, sys, time
spec = importlib.util.spec_from_file_location("atomic", sys.argv[1])
atomic = importlib.util.module_from_spec(spec)
spec.loader.exec_module(atomic)
with atomic.atomic_write(sys.argv[2]) as f:
    f.write(b"partial")
    f.flush()
    print("writing", flush=True)
    time.sleep(60)
    f.write(b" never finished")
"""


def test_killed_process_leaves_previous_file(tmp_path):
    # The writer loads atomic.py alone (stdlib only), so it starts fast.
    source = pathlib.Path(atomic.__file__)
    assert importlib.util.find_spec("kerasish.saving.atomic") is not None
    target = tmp_path / "model.keras"
    target.write_bytes(b"previous model")
    proc = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(source), str(target)],
        stdout=subprocess.PIPE,
    )
    try:
        assert proc.stdout.readline() == b"writing\n"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert target.read_bytes() == b"previous model"
    leftovers = sorted(set(os.listdir(tmp_path)) - {"model.keras"})
    # At worst a hidden temp file stays behind; never a partial target.
    assert all(name.startswith(".model.keras.") for name in leftovers)
