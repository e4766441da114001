"""`get_file`: Keras' download cache (`~/.keras/datasets`), hashes, safe extraction."""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tarfile
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

from kerasish.utils.progbar import Progbar


def keras_home() -> str:
    """The Keras cache root: `$KERAS_HOME`, else `~/.keras` (`/tmp/.keras` when the
    home directory is not writable), as Keras resolves it.

    Keras reads `KERAS_HOME` once at import; it is read at each call here, so
    setting it later (e.g. in tests) takes effect.
    """
    if "KERAS_HOME" in os.environ:
        return os.environ["KERAS_HOME"]
    base = os.path.expanduser("~")
    if not os.access(base, os.W_OK):
        base = "/tmp"
    return os.path.join(base, ".keras")


def path_to_string(path: Any) -> Any:
    """Returns `os.fspath(path)` for `PathLike` objects, else `path` unchanged."""
    if isinstance(path, os.PathLike):
        return os.fspath(path)
    return path


def _sub_path(base_dir: str, relative_path: str) -> str | None:
    """`relative_path` resolved under `base_dir`, or None when it escapes it."""
    path = os.path.realpath(os.path.join(base_dir, relative_path))
    try:
        return path if os.path.commonpath([path, base_dir]) == base_dir else None
    except ValueError:
        return None


def _link_stays_inside(info: tarfile.TarInfo, base_dir: str) -> bool:
    if info.islnk():
        # A hard link's target is relative to the archive root.
        return (
            _sub_path(base_dir, info.name) is not None
            and _sub_path(base_dir, info.linkname) is not None
        )
    # A symlink's target is relative to the directory holding the link.
    destination = _sub_path(base_dir, info.name)
    if destination is None:
        return False
    link = os.path.realpath(os.path.join(os.path.dirname(destination), info.linkname))
    try:
        return os.path.commonpath([link, base_dir]) == base_dir
    except ValueError:
        return False


def _warn_skipped(name: str) -> None:
    warnings.warn(
        f"Skipping invalid path during archive extraction: '{name}'.", stacklevel=3
    )


def _safe_zip_members(members: Iterable[zipfile.ZipInfo], base_dir: str) -> Iterator:
    base_dir = os.path.realpath(base_dir)
    for info in members:
        if _sub_path(base_dir, info.filename) is not None:
            yield info
        else:
            _warn_skipped(info.filename)


def _safe_tar_members(members: Iterable[tarfile.TarInfo], base_dir: str) -> Iterator:
    base_dir = os.path.realpath(base_dir)
    for info in members:
        if info.issym() or info.islnk():
            safe = _link_stays_inside(info, base_dir)
        else:
            safe = _sub_path(base_dir, info.name) is not None
        if safe:
            yield info
        else:
            _warn_skipped(info.name)


def extract_archive(
    file_path: Any, path: Any = ".", archive_format: str | list | None = "auto"
) -> bool:
    """Extracts a tar (`.tar`, `.tar.gz`, `.tar.bz2`) or zip archive into `path`.

    Members that would land outside `path` (absolute names, `..`, links pointing
    out of it) are skipped with a warning, as in Keras; tar members are also
    extracted with the standard library's `"data"` filter (no devices, no
    setuid bits, no absolute links).

    Args:
        file_path: Path to the archive file.
        path: Where to extract the archive.
        archive_format: `"auto"` (tries `["tar", "zip"]`), `"tar"`, `"zip"`, a
            list of those, or `None` (extract nothing).

    Returns:
        `True` if the archive matched a format and was extracted, else `False`.
    """
    if archive_format is None:
        return False
    if archive_format == "auto":
        archive_format = ["tar", "zip"]
    if isinstance(archive_format, str):
        archive_format = [archive_format]
    file_path = path_to_string(file_path)
    path = path_to_string(path)
    for archive_type in archive_format:
        if archive_type == "tar":
            matches, opener = tarfile.is_tarfile, tarfile.open
        elif archive_type == "zip":
            matches, opener = zipfile.is_zipfile, zipfile.ZipFile
        else:
            raise NotImplementedError(archive_type)
        if not matches(file_path):
            continue
        with opener(file_path) as archive:
            try:
                _extract_open_archive(archive, path)
            except (tarfile.TarError, RuntimeError, KeyboardInterrupt):
                if os.path.isfile(path):
                    os.remove(path)
                elif os.path.exists(path):
                    shutil.rmtree(path)
                raise
        return True
    return False


def _extract_open_archive(archive: Any, path: str) -> None:
    if isinstance(archive, zipfile.ZipFile):
        archive.extractall(path, members=_safe_zip_members(archive.infolist(), path))
        return
    kwargs = {}
    if sys.version_info < (3, 14) and hasattr(tarfile, "data_filter"):
        kwargs["filter"] = "data"  # already the default from Python 3.14 on
    archive.extractall(path, members=_safe_tar_members(archive, path), **kwargs)


def resolve_hasher(algorithm: str, file_hash: str | None = None) -> Any:
    """The hashlib object for `algorithm`; `"auto"` picks sha256 for a
    64-character `file_hash` and md5 otherwise (Keras' detection)."""
    if algorithm == "sha256":
        return hashlib.sha256()
    if algorithm == "auto" and file_hash is not None and len(file_hash) == 64:
        return hashlib.sha256()
    return hashlib.md5()


def hash_file(fpath: Any, algorithm: Any = "sha256", chunk_size: int = 65535) -> str:
    """Returns the sha256 (default) or md5 hex digest of a file.

    Args:
        fpath: Path to the file.
        algorithm: `"sha256"`, `"md5"`, `"auto"` (md5 without a hash to compare
            against) or a hashlib object.
        chunk_size: Bytes read at a time.
    """
    hasher = resolve_hasher(algorithm) if isinstance(algorithm, str) else algorithm
    with open(fpath, "rb") as file:
        for chunk in iter(lambda: file.read(chunk_size), b""):
            hasher.update(chunk)
    return hasher.hexdigest()


def validate_file(
    fpath: Any, file_hash: str, algorithm: str = "auto", chunk_size: int = 65535
) -> bool:
    """Whether a file's sha256 or md5 digest equals `file_hash`."""
    hasher = resolve_hasher(algorithm, file_hash)
    return str(hash_file(fpath, hasher, chunk_size)) == str(file_hash)


class _DownloadProgbar:
    """`urlretrieve` report hook drawing Keras' byte-count progress bar."""

    def __init__(self) -> None:
        self.progbar: Progbar | None = None
        self.finished = False

    def __call__(self, block_num: int, block_size: int, total_size: int) -> None:
        total = None if total_size == -1 else total_size
        if self.progbar is None:
            self.progbar = Progbar(total)
        current = block_num * block_size
        if total is None or current < total:
            self.progbar.update(current)
        elif not self.finished:
            self.progbar.update(self.progbar.target)
            self.finished = True


def _download(origin: str, target: str) -> None:
    """Fetches `origin` into `target`, with Keras' progress bar and error text
    (plus where to place the file by hand when there is no network)."""
    message = "URL fetch failure on {}: {} -- {}" + (
        f"\nIf this machine has no network access, download {origin} elsewhere "
        f"and save it as {target} (set `KERAS_HOME` to use another cache "
        "directory); it is then used without downloading."
    )
    try:
        urllib.request.urlretrieve(origin, target, _DownloadProgbar())
    except urllib.error.HTTPError as e:
        raise Exception(message.format(origin, e.code, e.msg)) from e
    except urllib.error.URLError as e:
        raise Exception(message.format(origin, e.errno, e.reason)) from e


def _print_msg(message: str) -> None:
    sys.stdout.write(message + "\n")
    sys.stdout.flush()


def _cache_dir(cache_dir: Any) -> str:
    """`cache_dir` (default `keras_home()`), or `/tmp/.keras` when not writable."""
    base = os.path.expanduser(path_to_string(cache_dir or keras_home()))
    # Keras tests `os.access` without creating the directory, so a `cache_dir`
    # that does not exist yet silently becomes `/tmp/.keras`; it is created here
    # instead (the default `~/.keras` exists in Keras too: it is made at import).
    try:
        os.makedirs(base, exist_ok=True)
    except OSError:
        pass
    if not os.access(base, os.W_OK):
        tmp = "/tmp" if os.path.isdir("/tmp") else tempfile.gettempdir()
        base = os.path.join(tmp, ".keras")
    return base


def _target_paths(
    fname: Any, origin: str, datadir: str, extract: bool
) -> tuple[str, str | None]:
    """`(download_target, extraction_dir)` laid out as Keras 3.15 does."""
    provided = fname
    fname = path_to_string(fname)
    if not fname:
        fname = os.path.basename(urllib.parse.urlsplit(origin).path)
        if not fname:
            raise ValueError(
                "Can't parse the file name from the origin provided: "
                f"'{origin}'.Please specify the `fname` argument."
            )
    elif os.sep in fname:
        raise ValueError(
            "Paths are no longer accepted as the `fname` argument. "
            "To specify the file's parent directory, use "
            f"the `cache_dir` argument. Received: fname={fname}"
        )
    if not extract:
        return os.path.join(datadir, fname), None
    if provided and "." in fname:
        # "data.tar.gz" is kept as downloaded and extracted into "data_extracted".
        stem = fname[: fname.find(".")]
        return os.path.join(datadir, fname), os.path.join(datadir, f"{stem}_extracted")
    # Otherwise `fname` names the extraction directory and the archive is
    # stored beside it as "<fname>_archive".
    return os.path.join(datadir, f"{fname}_archive"), os.path.join(datadir, fname)


def _needs_download(
    target: str, file_hash: str | None, hash_algorithm: str, force: bool
) -> bool:
    if force or not os.path.exists(target):
        return True
    if file_hash is not None and not validate_file(
        target, file_hash, algorithm=hash_algorithm
    ):
        _print_msg(
            "A local file was found, but it seems to be incomplete or outdated "
            f"because the {hash_algorithm} file hash does not match the original "
            f"value of {file_hash} so we will re-download the data."
        )
        return True
    return False


def get_file(
    fname: Any = None,
    origin: str | None = None,
    untar: bool = False,
    md5_hash: str | None = None,
    file_hash: str | None = None,
    cache_subdir: str = "datasets",
    hash_algorithm: str = "auto",
    extract: bool = False,
    archive_format: str | list | None = "auto",
    cache_dir: Any = None,
    force_download: bool = False,
) -> str:
    """Downloads a file from a URL if it is not already in the cache.

    The file at `origin` is saved as `cache_dir/cache_subdir/fname`, by default
    `~/.keras/datasets/fname` (`$KERAS_HOME/datasets/fname` when `KERAS_HOME`
    is set): the same place and name as Keras, so a cache filled by Keras is
    used as is. A file already there (and matching `file_hash`, if given) is
    not downloaded again, so a machine without network access works once the
    file has been placed there by hand.

    With `extract=True` the archive (tar, tar.gz, tar.bz2 or zip) is extracted
    as Keras 3 does: `fname="data.tar.gz"` keeps the archive under that name and
    extracts into `data_extracted/`; an `fname` without a dot (or none, taken
    from the URL) is the extraction directory and the archive is saved as
    `<fname>_archive`. Members that would land outside the extraction
    directory (absolute paths, `..`, links pointing out) are skipped with a
    warning.

    Args:
        fname: Local file name. If `None`, the last part of `origin`'s path.
            With `extract=True`, an `fname` without an extension names the
            extraction directory.
        origin: URL of the file (`https://...`, `file://...`).
        untar: Deprecated in favor of `extract`: extract as a tar archive.
        md5_hash: Deprecated in favor of `file_hash`: an md5 hash.
        file_hash: Expected sha256 or md5 hex digest of the downloaded file.
        cache_subdir: Subdirectory of the cache dir for the file; an absolute
            path puts the file there.
        hash_algorithm: `"md5"`, `"sha256"` or `"auto"` (sha256 for a
            64-character hash, md5 otherwise).
        extract: Whether to extract the downloaded archive.
        archive_format: `"auto"` (tar then zip), `"tar"`, `"zip"` or `None`.
        cache_dir: Cache root; `None` means `$KERAS_HOME` or `~/.keras`.
        force_download: Download again even when the file is cached.

    Returns:
        Path to the downloaded file, or to the extraction directory when
        `extract` (or `untar`) is set.

    Raises:
        ValueError: if `origin` is missing, `fname` is a path, or the
            downloaded file does not match `file_hash`.
        Exception: when the download fails (Keras' "URL fetch failure on ..."),
            with the URL and the exact path to place the file at by hand.

    Example:

    ```python
    path = keras.utils.get_file(
        origin="https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
    )
    ```
    """
    if origin is None:
        raise ValueError(
            'Please specify the "origin" argument (URL of the file to download).'
        )
    if md5_hash is not None and file_hash is None:
        file_hash = md5_hash
        hash_algorithm = "md5"
    datadir = os.path.join(_cache_dir(cache_dir), cache_subdir)
    os.makedirs(datadir, exist_ok=True)
    download_target, extraction_dir = _target_paths(
        fname, origin, datadir, bool(extract or untar)
    )
    if _needs_download(download_target, file_hash, hash_algorithm, force_download):
        _fetch(origin, download_target)
        if os.path.exists(download_target) and file_hash is not None:
            if not validate_file(download_target, file_hash, algorithm=hash_algorithm):
                raise ValueError(
                    "Incomplete or corrupted file detected. The "
                    f"{hash_algorithm} file hash does not match the provided "
                    f"value of {file_hash}."
                )
    if extraction_dir is None:
        return download_target
    if untar:
        archive_format = "tar"
    if not extract_archive(download_target, extraction_dir, archive_format):
        warnings.warn("Could not extract archive.", stacklevel=2)
    return extraction_dir


def _fetch(origin: str, target: str) -> None:
    """Downloads `origin` to `target`, removing a partial file on failure."""
    _print_msg(f"Downloading data from {origin}")
    try:
        _download(origin, target)
    except (Exception, KeyboardInterrupt):
        if os.path.exists(target):
            os.remove(target)
        raise
