"""Tests for `kerasish/utils/file_utils.py`: cache layout, hashes, safe extraction.

Files are served from `file://` URLs; nothing touches the network.
"""

import hashlib
import io
import os
import tarfile
import zipfile

import pytest

from kerasish.utils import file_utils
from kerasish.utils.file_utils import get_file


@pytest.fixture
def home(tmp_path, monkeypatch) -> str:
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "kh"))
    return str(tmp_path / "kh")


@pytest.fixture
def served(tmp_path):
    """Writes bytes under `tmp_path/served` and returns their `file://` URL."""
    folder = tmp_path / "served"
    folder.mkdir()

    def serve(name: str, payload: bytes) -> str:
        (folder / name).write_bytes(payload)
        return (folder / name).as_uri()

    return serve


def _tar_gz(members: dict) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, payload in members.items():
            info = tarfile.TarInfo(name)
            if isinstance(payload, tuple):  # (type, linkname)
                info.type, info.linkname = payload
            else:
                info.size = len(payload)
            tar.addfile(
                info, io.BytesIO(payload) if isinstance(payload, bytes) else None
            )
    return buffer.getvalue()


def test_downloads_into_keras_home_then_uses_cache(home, served, capsys):
    url = served("data.txt", b"hello")
    path = get_file(origin=url)
    assert path == os.path.join(home, "datasets", "data.txt")
    assert open(path, "rb").read() == b"hello"
    assert f"Downloading data from {url}" in capsys.readouterr().out
    os.remove(url[len("file://") :])  # the cached copy is enough now
    assert get_file("data.txt", origin=url) == path
    assert "Downloading" not in capsys.readouterr().out


def test_cache_dir_and_subdir(tmp_path, served):
    url = served("a.bin", b"x")
    path = get_file(
        "b.bin", origin=url, cache_dir=str(tmp_path / "c"), cache_subdir="s"
    )
    assert path == str(tmp_path / "c" / "s" / "b.bin")


@pytest.mark.parametrize("algorithm", ["sha256", "md5"])
def test_hash_auto_detection(home, served, algorithm):
    payload = b"payload"
    url = served("f.bin", payload)
    digest = hashlib.new(algorithm, payload).hexdigest()
    assert os.path.exists(get_file(origin=url, file_hash=digest))
    assert file_utils.validate_file(os.path.join(home, "datasets", "f.bin"), digest)
    assert (
        file_utils.hash_file(os.path.join(home, "datasets", "f.bin"), algorithm)
        == digest
    )


def test_hash_mismatch_after_download(home, served):
    url = served("f.bin", b"payload")
    with pytest.raises(ValueError, match="Incomplete or corrupted file detected"):
        get_file(origin=url, file_hash="0" * 64)


def test_stale_cached_file_is_downloaded_again(home, served, capsys):
    url = served("f.bin", b"fresh")
    os.makedirs(os.path.join(home, "datasets"))
    with open(os.path.join(home, "datasets", "f.bin"), "wb") as f:
        f.write(b"stale")
    path = get_file(origin=url, md5_hash=hashlib.md5(b"fresh").hexdigest())
    assert open(path, "rb").read() == b"fresh"
    out = capsys.readouterr().out
    assert "A local file was found, but it seems to be incomplete or outdated" in out
    assert "because the md5 file hash does not match" in out


def test_force_download(home, served):
    url = served("f.bin", b"one")
    path = get_file(origin=url)
    with open(url[len("file://") :], "wb") as f:
        f.write(b"two")
    assert open(get_file(origin=url), "rb").read() == b"one"
    assert open(get_file(origin=url, force_download=True), "rb").read() == b"two"
    assert path == get_file(origin=url)


def test_failed_download_says_where_to_put_the_file(home, tmp_path):
    url = (tmp_path / "missing.npz").as_uri()
    with pytest.raises(Exception, match=f"URL fetch failure on {url}") as info:
        get_file(origin=url)
    target = os.path.join(home, "datasets", "missing.npz")
    assert f"download {url} elsewhere and save it as {target}" in str(info.value)
    assert not os.path.exists(target)


def test_argument_errors(home):
    with pytest.raises(ValueError, match='Please specify the "origin" argument'):
        get_file("x")
    with pytest.raises(ValueError, match="Paths are no longer accepted"):
        get_file("a/b.txt", origin="file:///tmp/b.txt")
    with pytest.raises(ValueError, match="Can't parse the file name"):
        get_file(origin="file:///")


# Keras 3.15.1's layout, observed: (fname, extract) -> (returned, archive) paths.
@pytest.mark.parametrize(
    "fname, returned, archive",
    [
        (None, "a.tar.gz", "a.tar.gz_archive"),
        ("b.tar.gz", "b_extracted", "b.tar.gz"),
        ("c", "c", "c_archive"),
    ],
)
def test_extraction_layout(home, served, fname, returned, archive):
    url = served("a.tar.gz", _tar_gz({"inner/x.txt": b"hello"}))
    path = get_file(fname, origin=url, extract=True)
    datadir = os.path.join(home, "datasets")
    assert path == os.path.join(datadir, returned)
    assert os.path.isfile(os.path.join(datadir, archive))
    assert open(os.path.join(path, "inner", "x.txt"), "rb").read() == b"hello"


def test_zip_extraction_and_untar(home, served):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("d/y.txt", "zip")
    path = get_file("z", origin=served("z.zip", buffer.getvalue()), extract=True)
    assert open(os.path.join(path, "d", "y.txt")).read() == "zip"
    path = get_file("t", origin=served("t.tar", _tar_gz({"k.txt": b"t"})), untar=True)
    assert os.path.exists(os.path.join(path, "k.txt"))


def test_traversal_and_outside_links_are_skipped(home, served, tmp_path):
    members = {
        "ok.txt": b"fine",
        "../escape.txt": b"bad",
        "/tmp/kerasish-abs.txt": b"bad",
        "link": (tarfile.SYMTYPE, "../../outside"),
        "inner_link": (tarfile.SYMTYPE, "ok.txt"),
    }
    url = served("evil.tar.gz", _tar_gz(members))
    with pytest.warns(UserWarning, match="Skipping invalid path") as record:
        path = get_file("evil", origin=url, extract=True)
    skipped = sorted(str(w.message).split("'")[1] for w in record)
    assert skipped == ["../escape.txt", "/tmp/kerasish-abs.txt", "link"]
    assert sorted(os.listdir(path)) == ["inner_link", "ok.txt"]
    assert not os.path.exists(os.path.join(home, "datasets", "escape.txt"))
    assert not os.path.exists("/tmp/kerasish-abs.txt")


def test_zip_traversal_is_skipped(tmp_path):
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("good.txt", "g")
        z.writestr("../../bad.txt", "b")
    with pytest.warns(UserWarning, match="'../../bad.txt'"):
        assert file_utils.extract_archive(str(archive), str(tmp_path / "out"))
    assert os.listdir(tmp_path / "out") == ["good.txt"]


def test_not_an_archive_warns(home, served):
    with pytest.warns(UserWarning, match="Could not extract archive."):
        get_file("plain", origin=served("plain.txt", b"text"), extract=True)
    assert file_utils.extract_archive(__file__, "unused", archive_format=None) is False


def test_keras_home(monkeypatch, tmp_path):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    assert file_utils.keras_home() == str(tmp_path)
    monkeypatch.delenv("KERAS_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert file_utils.keras_home() == os.path.join(str(tmp_path), ".keras")
