"""Atomic file writes: a temporary file in the target's directory, then rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator


@contextlib.contextmanager
def atomic_path(filepath: str) -> Iterator[str]:
    """Yields a temporary path next to `filepath`; renames it there on success.

    Whatever goes wrong while writing, no partial file is left at `filepath`
    (an existing file there is kept as it was) and the temporary file is removed.
    """
    directory = os.path.dirname(os.path.abspath(filepath))
    fd, tmp = tempfile.mkstemp(
        dir=directory, prefix=f".{os.path.basename(filepath)}.", suffix=".tmp"
    )
    os.close(fd)
    try:
        yield tmp
        os.replace(tmp, filepath)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def write_bytes_atomic(filepath: str, data: bytes) -> None:
    """Writes `data` to `filepath` atomically (see `atomic_path`)."""
    with atomic_path(filepath) as tmp:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
