"""TensorBoard event files: TFRecord framing and the few protobuf messages needed.

`EventFileWriter` writes the same summaries TensorFlow 2's `tf.summary`
writes for Keras' `TensorBoard` callback (scalars, histograms, images and the
Keras model config), with no TensorFlow or protobuf dependency: the messages
are small enough to encode by hand. Field numbers follow TensorFlow's
`event.proto`, `summary.proto` and `tensor.proto`.
"""

from __future__ import annotations

import itertools
import os
import socket
import struct
import time
import zlib
from typing import Any

import numpy as np

# tensorflow/core/framework/types.proto
_DT_FLOAT, _DT_DOUBLE, _DT_STRING = 1, 2, 7
# SummaryMetadata.data_class (tensorboard's summary.proto)
_SCALAR_CLASS, _TENSOR_CLASS, _BLOB_SEQUENCE_CLASS = 1, 2, 3
_file_counter = itertools.count()


# ----------------------------------------------------------------- TFRecord


def _make_crc32c_table() -> list[int]:
    table = []
    for n in range(256):
        crc = n
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
        table.append(crc)
    return table


_CRC32C_TABLE = _make_crc32c_table()


def crc32c(data: bytes) -> int:
    """CRC-32C (Castagnoli), the checksum TFRecord uses."""
    crc = 0xFFFFFFFF
    for byte in data:
        crc = _CRC32C_TABLE[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def _masked_crc(data: bytes) -> int:
    crc = crc32c(data)
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def tfrecord(data: bytes) -> bytes:
    """One TFRecord: length, its masked CRC, the payload, its masked CRC."""
    length = struct.pack("<Q", len(data))
    return (
        length
        + struct.pack("<I", _masked_crc(length))
        + data
        + struct.pack("<I", _masked_crc(data))
    )


# ----------------------------------------------------------------- protobuf


def _varint(value: int) -> bytes:
    value &= (1 << 64) - 1  # negative int64 are encoded as 10-byte varints
    out = bytearray()
    while True:
        bits = value & 0x7F
        value >>= 7
        if value:
            out.append(bits | 0x80)
        else:
            out.append(bits)
            return bytes(out)


def _key(field: int, wire_type: int) -> bytes:
    return _varint((field << 3) | wire_type)


def _int_field(field: int, value: int) -> bytes:
    return _key(field, 0) + _varint(value)


def _double_field(field: int, value: float) -> bytes:
    return _key(field, 1) + struct.pack("<d", value)


def _bytes_field(field: int, value: bytes | str) -> bytes:
    if isinstance(value, str):
        value = value.encode("utf-8")
    return _key(field, 2) + _varint(len(value)) + value


def _tensor(dtype: int, shape: tuple, content: bytes = b"", strings=()) -> bytes:
    """A `TensorProto`: raw little-endian `tensor_content`, or `string_val`s."""
    dims = b"".join(_bytes_field(2, _int_field(1, size)) for size in shape)
    out = _int_field(1, dtype) + _bytes_field(2, dims)
    if content:
        out += _bytes_field(4, content)
    for value in strings:
        out += _bytes_field(8, value)
    return out


def _metadata(plugin_name: str, content: bytes = b"", data_class: int = 0) -> bytes:
    plugin_data = _bytes_field(1, plugin_name)
    if content:
        plugin_data += _bytes_field(2, content)
    out = _bytes_field(1, plugin_data)
    if data_class:
        out += _int_field(4, data_class)
    return out


def _summary_value(tag: str, metadata: bytes, tensor: bytes) -> bytes:
    return _bytes_field(1, tag) + _bytes_field(9, metadata) + _bytes_field(8, tensor)


def event(
    wall_time: float, step: int = 0, summary: bytes | None = None, **extra: Any
) -> bytes:
    """An `Event` message: a summary (one `Summary.Value`) or `file_version`."""
    out = _double_field(1, wall_time)
    if step:
        out += _int_field(2, step)
    if "file_version" in extra:
        out += _bytes_field(3, extra["file_version"])
    if summary is not None:
        out += _bytes_field(5, _bytes_field(1, summary))
    return out


# ----------------------------------------------------------------- summaries


def scalar_value(tag: str, value: float) -> bytes:
    """`tf.summary.scalar`: a float32 scalar tensor, plugin `scalars`."""
    tensor = _tensor(_DT_FLOAT, (), np.asarray(value, "<f4").tobytes())
    return _summary_value(tag, _metadata("scalars", data_class=_SCALAR_CLASS), tensor)


def histogram_buckets(data: Any, bucket_count: int = 30) -> np.ndarray:
    """TensorBoard's `histogram_v2` buckets: `(bucket_count, 3)` rows of
    `(left edge, right edge, count)` over equal-width bins from min to max."""
    data = np.asarray(data, "float64").reshape(-1)
    if data.size == 0:
        return np.zeros((bucket_count, 3))
    low, high = data.min(), data.max()
    if low == high:
        # TensorBoard: every bucket collapsed on the value, all counts in the last.
        counts = np.zeros(bucket_count)
        counts[-1] = data.size
        edges = np.full(bucket_count, low)
        return np.stack([edges, edges, counts], axis=1)
    width = (high - low) / bucket_count
    index = np.minimum(np.floor((data - low) / width).astype(int), bucket_count - 1)
    counts = np.bincount(index, minlength=bucket_count).astype("float64")
    edges = np.linspace(low, high, bucket_count + 1)
    edges[-1] = high
    return np.stack([edges[:-1], edges[1:], counts], axis=1)


def histogram_value(tag: str, data: Any, bucket_count: int = 30) -> bytes:
    """`tf.summary.histogram`: a float64 `(k, 3)` tensor, plugin `histograms`."""
    buckets = histogram_buckets(data, bucket_count)
    tensor = _tensor(_DT_DOUBLE, buckets.shape, buckets.astype("<f8").tobytes())
    return _summary_value(
        tag, _metadata("histograms", data_class=_TENSOR_CLASS), tensor
    )


def encode_png(image: np.ndarray) -> bytes:
    """A `(height, width, channels)` uint8 array (1, 3 or 4 channels) as PNG."""
    height, width, channels = image.shape
    color_type = {1: 0, 3: 2, 4: 6}[channels]
    rows = b"".join(b"\x00" + image[row].tobytes() for row in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def image_value(tag: str, images: Any) -> bytes:
    """`tf.summary.image`: `[width, height, *pngs]` strings, plugin `images`.

    `images` is `(k, height, width, channels)`; floats are read in `[0, 1]`
    and converted as `tf.image.convert_image_dtype(..., saturate=True)` does
    (times 255.5, truncated, clipped).
    """
    images = np.asarray(images)
    if images.dtype != np.uint8:
        images = np.clip(images.astype("float32") * 255.5, 0, 255).astype(np.uint8)
    _, height, width, _ = images.shape
    strings = [str(width), str(height)] + [encode_png(image) for image in images]
    tensor = _tensor(_DT_STRING, (len(strings),), strings=strings)
    metadata = _metadata("images", data_class=_BLOB_SEQUENCE_CLASS)
    return _summary_value(tag, metadata, tensor)


def keras_model_value(tag: str, json_string: str) -> bytes:
    """Keras' `keras_model_summary`: the model JSON, plugin `graph_keras_model`."""
    tensor = _tensor(_DT_STRING, (), strings=[json_string])
    return _summary_value(tag, _metadata("graph_keras_model", b"1"), tensor)


# ----------------------------------------------------------------- writer


class EventFileWriter:
    """Appends summary events to a new `events.out.tfevents.*` file in `logdir`.

    The file (and `logdir`) are created on the first write, named as
    TensorFlow 2 names them, and start with the `brain.Event:2` version event.

    Args:
        logdir: Directory of the run (e.g. `logs/train`).
    """

    def __init__(self, logdir: str | os.PathLike) -> None:
        self.logdir = os.fspath(logdir)
        self.path: str | None = None
        self._file = None

    def _open(self) -> Any:
        if self._file is None:
            os.makedirs(self.logdir, exist_ok=True)
            now = time.time()
            name = (
                f"events.out.tfevents.{int(now)}.{socket.gethostname()}."
                f"{os.getpid()}.{next(_file_counter)}.v2"
            )
            self.path = os.path.join(self.logdir, name)
            self._file = open(self.path, "wb")
            self._file.write(tfrecord(event(now, file_version="brain.Event:2")))
        return self._file

    def add_summary(self, value: bytes, step: int) -> None:
        """Writes one `Summary.Value` (from `scalar_value` etc.) at `step`."""
        self._open().write(tfrecord(event(time.time(), int(step), summary=value)))

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        """Flushes and closes the file; a later write starts a new file."""
        if self._file is not None:
            self._file.close()
            self._file = None
