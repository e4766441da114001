import io
import warnings
import zipfile

import pytest

from kerasish.saving import archive


def _zip(path, members, compression=zipfile.ZIP_STORED):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names
        with zipfile.ZipFile(path, "w", compression) as zf:
            for name, data in members:
                zf.writestr(name, data)
    return path


def test_round_trip_keeps_order_and_stores_uncompressed(tmp_path):
    path = tmp_path / "a.keras"
    members = [("metadata.json", b"{}"), ("config.json", b"[1]"), ("w.h5", b"xyz")]
    archive.write_archive(path, members)
    with zipfile.ZipFile(path) as zf:
        assert zf.namelist() == ["metadata.json", "config.json", "w.h5"]
        assert {i.compress_type for i in zf.infolist()} == {zipfile.ZIP_STORED}
    with archive.ArchiveReader(path) as reader:
        assert reader.namelist() == ["metadata.json", "config.json", "w.h5"]
        assert reader.read("w.h5") == b"xyz"
        assert "config.json" in reader and "other" not in reader


def test_reads_file_objects():
    buffer = io.BytesIO()
    archive.write_archive(buffer, [("x.json", b"1")])
    buffer.seek(0)
    with archive.ArchiveReader(buffer) as reader:
        assert reader.read("x.json") == b"1"


@pytest.mark.parametrize(
    "name", ["../evil.json", "/etc/passwd", "a/../../b", "a\\b", "C:x", "./x"]
)
def test_unsafe_member_names_are_rejected(tmp_path, name):
    path = _zip(tmp_path / "bad.keras", [("config.json", b"{}"), (name, b"x")])
    with pytest.raises(ValueError, match="unsafe member name"):
        archive.ArchiveReader(path)


def test_duplicate_members_are_rejected(tmp_path):
    path = _zip(
        tmp_path / "dup.keras", [("config.json", b"{}"), ("config.json", b"[]")]
    )
    with pytest.raises(ValueError, match="twice"):
        archive.ArchiveReader(path)


def test_total_size_cap_is_configurable(tmp_path, monkeypatch):
    path = _zip(tmp_path / "big.keras", [("a", b"x" * 600), ("b", b"y" * 600)])
    archive.ArchiveReader(path).close()
    monkeypatch.setattr(archive, "MAX_UNCOMPRESSED_BYTES", 1000)
    with pytest.raises(ValueError, match="1200 uncompressed bytes.*limit of 1000"):
        archive.ArchiveReader(path)
    with pytest.raises(ValueError, match="limit of 100 "):
        archive.ArchiveReader(path, max_bytes=100)


def test_decompression_bomb_is_rejected(tmp_path, monkeypatch):
    path = _zip(
        tmp_path / "bomb.keras", [("w.h5", bytes(2 << 20))], zipfile.ZIP_DEFLATED
    )
    monkeypatch.setattr(archive, "_MAX_EXPANSION", 10)
    with archive.ArchiveReader(path) as reader:
        with pytest.raises(ValueError, match="decompression bomb"):
            reader.read("w.h5")


def test_missing_member(tmp_path):
    path = _zip(tmp_path / "a.keras", [("config.json", b"{}")])
    with archive.ArchiveReader(path) as reader:
        with pytest.raises(ValueError, match="no member 'model.weights.h5'"):
            reader.read("model.weights.h5")


def test_corrupted_member_fails_crc(tmp_path):
    path = _zip(tmp_path / "a.keras", [("config.json", b'{"layers": [1, 2, 3]}')])
    data = bytearray(path.read_bytes())
    offset = data.index(b'"layers"')
    data[offset + 2] ^= 0x20
    path.write_bytes(bytes(data))
    with archive.ArchiveReader(path) as reader:
        with pytest.raises(ValueError, match="'config.json' of .*a.keras is corrupt"):
            reader.read("config.json")


@pytest.mark.parametrize("keep", [0, 10, 100])
def test_truncated_archive(tmp_path, keep):
    path = _zip(tmp_path / "a.keras", [("config.json", b"{}" * 50)])
    path.write_bytes(path.read_bytes()[:keep])
    with pytest.raises(ValueError, match="not a valid zip archive"):
        archive.ArchiveReader(path)


def test_encrypted_member_is_refused(tmp_path):
    path = _zip(tmp_path / "enc.keras", [("config.json", b"{}")])
    data = bytearray(path.read_bytes())
    data[6] |= 0x1  # local header flags
    central = data.index(b"PK\x01\x02")
    data[central + 8] |= 0x1  # central directory flags
    path.write_bytes(bytes(data))
    with archive.ArchiveReader(path) as reader:
        with pytest.raises(ValueError, match="encrypted"):
            reader.read("config.json")


def test_missing_file_keeps_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        archive.ArchiveReader(tmp_path / "nope.keras")


def test_safe_member_names():
    assert archive.is_safe_member_name("assets/vocab.txt")
    assert archive.is_safe_member_name("model.weights.h5")
    assert not archive.is_safe_member_name("")
    assert not archive.is_safe_member_name("assets/../../x")
