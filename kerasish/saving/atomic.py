"""Atomic file writes: a temp file in the target's directory, then `os.replace`."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from typing import BinaryIO


@contextlib.contextmanager
def atomic_write(filepath: str | os.PathLike) -> Iterator[BinaryIO]:
    """Opens a binary file that replaces `filepath` only when the block succeeds.

    The data goes to a hidden temp file in the same directory (so the final
    `os.replace` is atomic on POSIX and Windows); it is flushed and fsynced
    before the rename. If the block raises, the temp file is removed and any
    previous file at `filepath` is left untouched. A process killed mid-write
    leaves the previous file intact too (plus, at worst, a stray
    `.<name>.<random>.tmp` file next to it).

    Args:
        filepath: The destination path.

    Yields:
        A writable binary file object (seekable, so h5py and zipfile can use it).
    """
    filepath = os.fspath(filepath)
    directory = os.path.dirname(os.path.abspath(filepath))
    base = os.path.basename(filepath)
    fd, tmp_path = tempfile.mkstemp(prefix=f".{base}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w+b") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        _keep_mode(filepath, tmp_path)
        os.replace(tmp_path, filepath)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_path)
        raise


def write_bytes(filepath: str | os.PathLike, data: bytes) -> None:
    """Atomically replaces `filepath` with `data`."""
    with atomic_write(filepath) as f:
        f.write(data)


def _keep_mode(filepath: str, tmp_path: str) -> None:
    """Gives the new file the permissions a plain `open(..., "wb")` would."""
    try:
        mode = os.stat(filepath).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(tmp_path, mode)
