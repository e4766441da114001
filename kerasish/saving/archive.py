"""Safe reading and atomic writing of zip archives (the `.keras` container).

Members are only ever read into memory by their exact name: nothing is
extracted to disk, so member names cannot reach the file system. On top of
that, an archive is rejected up front (`ValueError` naming the file) when a
member name is absolute, contains `..` or a backslash, or appears twice, when
it has too many members, or when the declared uncompressed sizes exceed
`MAX_UNCOMPRESSED_BYTES` in total. Reading a member checks its declared size,
its compression ratio (decompression bombs) and that exactly the declared
number of bytes comes out (zipfile also checks the CRC).
"""

from __future__ import annotations

import os
import time
import zipfile
import zlib
from typing import Any, BinaryIO

from kerasish.saving import atomic

# Total uncompressed bytes an archive may declare. Generous (weights of large
# models fit), but bounded; set `kerasish.saving.archive.MAX_UNCOMPRESSED_BYTES`
# to raise or lower it. Read at each call.
MAX_UNCOMPRESSED_BYTES = 32 * 2**30
MAX_MEMBERS = 100_000
# DEFLATE cannot expand more than ~1032:1; a larger member claiming more is a
# bomb. Small members are exempt (their absolute size is harmless).
_MAX_EXPANSION = 1100
_RATIO_FLOOR_BYTES = 1 << 20

# Exceptions a corrupt zip can raise from the standard library.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
    OverflowError,
    ValueError,
    KeyError,
    OSError,
    UnicodeDecodeError,
    IndexError,
    TypeError,
    AssertionError,
)


def describe(source: Any) -> str:
    """A printable name for a path or file object, for error messages."""
    if isinstance(source, str | os.PathLike):
        return os.fspath(source)
    return getattr(source, "name", None) or repr(source)


class ArchiveReader:
    """Read-only, bounded access to a zip archive's members.

    Args:
        source: A path or a readable, seekable binary file object.
        max_bytes: Cap on the total declared uncompressed size (defaults to
            `MAX_UNCOMPRESSED_BYTES`).

    Raises:
        ValueError: the file is not a valid zip archive or fails a check.
    """

    def __init__(self, source: Any, max_bytes: int | None = None) -> None:
        self.name = describe(source)
        self.max_bytes = MAX_UNCOMPRESSED_BYTES if max_bytes is None else max_bytes
        try:
            self._zip = zipfile.ZipFile(source, "r")
        except FileNotFoundError:
            raise
        except _ZIP_ERRORS as e:
            raise ValueError(
                f"The file {self.name} is not a valid zip archive: {e}"
            ) from e
        try:
            self._infos = self._check_members(self._zip.infolist())
        except BaseException:
            self._zip.close()
            raise

    def _check_members(self, infos: list[zipfile.ZipInfo]) -> dict:
        if len(infos) > MAX_MEMBERS:
            raise ValueError(
                f"The archive {self.name} has {len(infos)} members; at most "
                f"{MAX_MEMBERS} are allowed."
            )
        members: dict[str, zipfile.ZipInfo] = {}
        total = 0
        for info in infos:
            name = info.filename
            if not is_safe_member_name(name):
                raise ValueError(
                    f"The archive {self.name} has an unsafe member name: {name!r} "
                    "(absolute, '..', backslash or control characters)."
                )
            if name in members:
                raise ValueError(
                    f"The archive {self.name} lists the member {name!r} twice."
                )
            members[name] = info
            total += info.file_size
        if total > self.max_bytes:
            raise ValueError(
                f"The archive {self.name} declares {total} uncompressed bytes, "
                f"more than the limit of {self.max_bytes} bytes "
                "(kerasish.saving.archive.MAX_UNCOMPRESSED_BYTES)."
            )
        return members

    def namelist(self) -> list[str]:
        return list(self._infos)

    def __contains__(self, name: str) -> bool:
        return name in self._infos

    def read(self, name: str) -> bytes:
        """The bytes of member `name` (exact name), with size and CRC checks."""
        info = self._infos.get(name)
        if info is None:
            raise ValueError(f"The archive {self.name} has no member {name!r}.")
        if info.flag_bits & 0x1:
            raise ValueError(
                f"The member {name!r} of {self.name} is encrypted; it cannot be read."
            )
        if (
            info.file_size > _RATIO_FLOOR_BYTES
            and info.file_size > _MAX_EXPANSION * max(info.compress_size, 1)
        ):
            raise ValueError(
                f"Not allowed: the member {name!r} of {self.name} declares "
                f"{info.file_size} bytes but only {info.compress_size} are stored; "
                "refusing to load a potential decompression bomb."
            )
        try:
            with self._zip.open(info, "r") as f:
                data = f.read(info.file_size + 1)
        except _ZIP_ERRORS as e:
            raise ValueError(
                f"The member {name!r} of {self.name} is corrupt: {e}"
            ) from e
        if len(data) != info.file_size:
            raise ValueError(
                f"The member {name!r} of {self.name} is corrupt: it declares "
                f"{info.file_size} bytes but holds {len(data)}."
            )
        return data

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> ArchiveReader:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def is_safe_member_name(name: str) -> bool:
    """Whether `name` is a plain relative path (no traversal, no drive)."""
    if not name or "\\" in name or name.startswith("/"):
        return False
    if any(ord(c) < 32 for c in name) or (len(name) > 1 and name[1] == ":"):
        return False
    return all(part not in ("..", ".") for part in name.rstrip("/").split("/"))


def write_archive(target: Any, members: list[tuple[str, bytes]]) -> None:
    """Writes `members` (name, bytes) as an uncompressed zip, as Keras does.

    A path is replaced atomically (temp file + rename); a file object is
    written in place.
    """
    if isinstance(target, str | os.PathLike):
        with atomic.atomic_write(target) as f:
            _write_members(f, members)
    else:
        _write_members(target, members)


def _write_members(fileobj: BinaryIO, members: list[tuple[str, bytes]]) -> None:
    with zipfile.ZipFile(fileobj, "w", zipfile.ZIP_STORED) as zf:
        for name, data in members:
            # Keras streams the JSON members (date 1980-01-01) and `writestr`s
            # the weights (current local time).
            when = (1980, 1, 1, 0, 0, 0) if name.endswith(".json") else None
            info = zipfile.ZipInfo(name, date_time=when or time.localtime()[:6])
            info.compress_type = zipfile.ZIP_STORED
            if when is None:
                info.external_attr = 0o600 << 16
            zf.writestr(info, data)
