import io

import numpy as np
import pytest
from tensorboardX.proto import event_pb2, summary_pb2

from kerasish.callbacks import event_file_writer as events


def test_crc32c_known_vectors():
    assert events.crc32c(b"") == 0
    assert events.crc32c(b"123456789") == 0xE3069283
    assert events.crc32c(bytes(32)) == 0x8A9136AA


def test_tfrecord_framing():
    record = events.tfrecord(b"abc")
    assert len(record) == 8 + 4 + 3 + 4
    assert record[:8] == (3).to_bytes(8, "little") and record[12:15] == b"abc"


def test_event_parses_with_tensorboard_protos():
    value = events.scalar_value("epoch_loss", 0.25)
    parsed = event_pb2.Event.FromString(events.event(12.5, 7, summary=value))
    assert parsed.wall_time == 12.5 and parsed.step == 7
    (summary_value,) = parsed.summary.value
    assert summary_value.tag == "epoch_loss"
    assert np.frombuffer(summary_value.tensor.tensor_content, "<f4")[0] == 0.25
    # data_class (field 4) is newer than tensorboardX's copy of the proto.
    metadata = summary_pb2.SummaryMetadata.FromString(
        summary_value.metadata.SerializeToString()
    )
    assert metadata.plugin_data.plugin_name == "scalars"
    version = event_pb2.Event.FromString(
        events.event(1.0, file_version="brain.Event:2")
    )
    assert version.file_version == "brain.Event:2" and version.step == 0
    negative = event_pb2.Event.FromString(events.event(1.0, -3, summary=value))
    assert negative.step == -3


def test_histogram_buckets_match_tensorboard():
    # Values observed from tensorboard 2.21's `histogram_pb`.
    buckets = events.histogram_buckets(np.array([1.0, 2.0]))
    assert buckets.shape == (30, 3)
    np.testing.assert_allclose(buckets[:, 0], np.linspace(1, 2, 31)[:-1])
    assert buckets[0, 2] == 1 and buckets[-1, 2] == 1 and buckets[:, 2].sum() == 2
    same = events.histogram_buckets(np.full(3, 3.0))
    assert (same[:, :2] == 3.0).all() and same[-1, 2] == 3 and same[:-1, 2].sum() == 0
    np.testing.assert_array_equal(
        events.histogram_buckets(np.array([])), np.zeros((30, 3))
    )


@pytest.mark.parametrize("channels", [1, 3, 4])
def test_png_decodes_with_pillow(channels):
    from PIL import Image

    image = np.random.default_rng(channels).integers(0, 256, (3, 5, channels))
    image = image.astype(np.uint8)
    decoded = np.asarray(Image.open(io.BytesIO(events.encode_png(image))))
    np.testing.assert_array_equal(decoded.reshape(image.shape), image)


def test_writer_creates_file_lazily(tmp_path):
    writer = events.EventFileWriter(tmp_path / "run")
    assert not (tmp_path / "run").exists()
    writer.add_summary(events.scalar_value("a", 1.0), 3)
    writer.close()
    assert writer.path.startswith(str(tmp_path / "run" / "events.out.tfevents."))
    assert writer.path.endswith(".v2")
