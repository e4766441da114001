import glob
import os
import struct
import sys
import zlib

import numpy as np
import pytest
from tensorboardX.proto import event_pb2

from kerasish import callbacks
from kerasish.callbacks.callback_list import CallbackList
from kerasish.callbacks.event_file_writer import crc32c
from tests.callbacks.fit_problem import LOSS, VAL_LOSS, run


def read_events(run_dir):
    """Every `Event` of the one event file in `run_dir`, checksums verified
    and parsed with TensorBoard's own protobuf definitions (tensorboardX's)."""
    (path,) = glob.glob(os.path.join(run_dir, "events.out.tfevents.*"))
    data = open(path, "rb").read()
    out, pos = [], 0

    def masked(chunk):
        crc = crc32c(chunk)
        return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF

    while pos < len(data):
        header = data[pos : pos + 8]
        (length,) = struct.unpack("<Q", header)
        assert struct.unpack("<I", data[pos + 8 : pos + 12])[0] == masked(header)
        payload = data[pos + 12 : pos + 12 + length]
        (crc,) = struct.unpack("<I", data[pos + 12 + length : pos + 16 + length])
        assert crc == masked(payload)
        out.append(event_pb2.Event.FromString(payload))
        pos += 16 + length
    assert out[0].file_version == "brain.Event:2"
    return out[1:]


def by_tag(events):
    """`{tag: [(step, value proto)]}` in file order."""
    tags = {}
    for event in events:
        for value in event.summary.value:
            tags.setdefault(value.tag, []).append((event.step, value))
    return tags


def scalars(values):
    steps = [step for step, _ in values]
    numbers = [np.frombuffer(v.tensor.tensor_content, "<f4")[0] for _, v in values]
    for _, v in values:
        assert v.tensor.dtype == 1 and len(v.tensor.tensor_shape.dim) == 0
        assert v.metadata.plugin_data.plugin_name == "scalars"
    return steps, numbers


def test_epoch_scalars_train_and_validation(tmp_path):
    run([callbacks.TensorBoard(tmp_path, write_graph=False)], epochs=5)
    train = by_tag(read_events(tmp_path / "train"))
    val = by_tag(read_events(tmp_path / "validation"))
    assert sorted(train) == ["epoch_learning_rate", "epoch_loss"]
    steps, values = scalars(train["epoch_loss"])
    assert steps == [0, 1, 2, 3, 4]
    np.testing.assert_allclose(values, LOSS, rtol=1e-6)
    np.testing.assert_allclose(scalars(train["epoch_learning_rate"])[1], [0.5] * 5)
    assert sorted(val) == ["epoch_loss", "evaluation_loss_vs_iterations"]
    steps, values = scalars(val["epoch_loss"])
    assert steps == [0, 1, 2, 3, 4]
    np.testing.assert_allclose(values, VAL_LOSS, rtol=1e-6)
    # Evaluations are logged against `optimizer.iterations` (2 batches an epoch).
    steps, values = scalars(val["evaluation_loss_vs_iterations"])
    assert steps == [2, 4, 6, 8, 10]
    np.testing.assert_allclose(values, VAL_LOSS, rtol=1e-6)


def test_epoch_only_keeps_steps_fused():
    tensorboard = callbacks.TensorBoard()
    assert not CallbackList([tensorboard]).needs_batch_hooks("train")
    assert not CallbackList([tensorboard]).needs_batch_hooks("test")
    batch = callbacks.TensorBoard(update_freq="batch")
    assert batch.update_freq == 1
    assert CallbackList([batch]).needs_batch_hooks("train")


def test_update_freq_batches(tmp_path):
    run([callbacks.TensorBoard(tmp_path, update_freq=3)], epochs=4, val=False)
    train = by_tag(read_events(tmp_path / "train"))
    # 2 batches an epoch: global batches 3 and 6 are written (1-based).
    steps, values = scalars(train["batch_loss"])
    assert steps == [3, 6]
    assert not os.path.exists(tmp_path / "validation")


def test_update_freq_counts_executions(tmp_path):
    from tests.callbacks import fit_problem

    model = fit_problem.make_model()
    model.compile(optimizer="sgd", loss="mse", steps_per_execution=2)
    model.set_weights(fit_problem.INITIAL_WEIGHTS)
    tensorboard = callbacks.TensorBoard(tmp_path, update_freq=1, write_graph=False)
    x = np.concatenate([fit_problem.X] * 2)
    y = np.concatenate([fit_problem.Y] * 2)
    model.fit(x, y, batch_size=2, epochs=2, verbose=0, callbacks=[tensorboard])
    steps, _ = scalars(by_tag(read_events(tmp_path / "train"))["batch_loss"])
    # 8 batches an epoch, 2 per execution: Keras counts 4 "batches" an epoch.
    assert steps == list(range(1, 9))


def test_histograms_and_images(tmp_path):
    tensorboard = callbacks.TensorBoard(
        tmp_path, histogram_freq=2, write_images=True, write_graph=False
    )
    model, _, _ = run([tensorboard], epochs=3, val=False)
    tags = by_tag(read_events(tmp_path / "train"))
    kernel_path = model.layers[0].kernel.path
    histogram = tags[f"{kernel_path}/histogram"]
    assert [step for step, _ in histogram] == [0, 2]
    tensor = histogram[-1][1].tensor
    assert histogram[-1][1].metadata.plugin_data.plugin_name == "histograms"
    shape = [d.size for d in tensor.tensor_shape.dim]
    buckets = np.frombuffer(tensor.tensor_content, "<f8").reshape(shape)
    kernel = np.asarray(model.layers[0].kernel.numpy(), "float64")
    assert shape == [30, 3] and buckets[:, 2].sum() == kernel.size
    assert buckets[0, 0] == kernel.min() and buckets[-1, 1] == kernel.max()
    # Keras squeezes first: the (2, 1) kernel is drawn as a bias, one 2x1 PNG.
    image = tags[f"{kernel_path}/image"][-1][1]
    assert image.metadata.plugin_data.plugin_name == "images"
    width, height, png = image.tensor.string_val
    assert (width, height) == (b"1", b"2")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    idat = png[png.index(b"IDAT") + 4 : png.index(b"IEND") - 8]
    pixels = np.frombuffer(zlib.decompress(idat), np.uint8)
    expected = np.clip(kernel.astype("float32") * 255.5, 0, 255).astype(np.uint8)
    np.testing.assert_array_equal(pixels, [0, expected[0, 0], 0, expected[1, 0]])
    # The (1,) bias squeezes to a scalar: no image, as in Keras.
    assert f"{model.layers[0].bias.path}/image" not in tags


def test_write_graph_writes_model_json(tmp_path):
    from tests.callbacks import fit_problem

    model = fit_problem.make_model()
    tensorboard = callbacks.TensorBoard(tmp_path)
    tensorboard.set_model(model)
    tensorboard.on_train_end()
    (event,) = read_events(tmp_path / "train")
    (value,) = event.summary.value
    assert value.tag == "keras" and event.step == 0
    assert value.metadata.plugin_data.plugin_name == "graph_keras_model"
    assert value.metadata.plugin_data.content == b"1"
    assert value.tensor.string_val[0].decode() == model.to_json()


def test_evaluate_logs_against_iterations(tmp_path):
    from tests.callbacks import fit_problem

    model = fit_problem.make_model()
    tensorboard = callbacks.TensorBoard(tmp_path, write_graph=False)
    model.evaluate(fit_problem.XV, fit_problem.YV, verbose=0, callbacks=[tensorboard])
    tensorboard.on_train_end()  # closes the writers
    tags = by_tag(read_events(tmp_path / "validation"))
    steps, values = scalars(tags["evaluation_loss_vs_iterations"])
    assert steps == [0] and np.isfinite(values[0])


def test_embeddings_projector_config(tmp_path):
    import kerasish as keras

    model = keras.Sequential(
        [keras.Input((3,)), keras.layers.Embedding(5, 2, name="emb")]
    )
    metadata = {"emb": "words.tsv"}
    tensorboard = callbacks.TensorBoard(
        tmp_path, embeddings_freq=1, embeddings_metadata=metadata, write_graph=False
    )
    tensorboard.set_model(model)
    text = (tmp_path / "projector_config.pbtxt").read_text()
    assert text == (
        "embeddings {\n"
        '  tensor_name: "layer_with_weights-0/embeddings/.ATTRIBUTES/VARIABLE_VALUE"\n'
        '  metadata_path: "words.tsv"\n'
        "}\n"
    )
    assert metadata == {}  # Keras pops the names it used
    model.compile(optimizer="sgd", loss="mse")
    x = np.array([[0, 1, 2], [3, 4, 0]])
    model.fit(x, np.zeros((2, 3, 2)), epochs=2, verbose=0, callbacks=[tensorboard])
    saved = sorted(os.listdir(tmp_path / "train"))
    assert [name for name in saved if "embedding" in name] == [
        "keras_embedding.ckpt-0.weights.h5",
        "keras_embedding.ckpt-1.weights.h5",
    ]
    bad = callbacks.TensorBoard(
        tmp_path, embeddings_freq=1, embeddings_metadata={"nope": "x.tsv"}
    )
    with pytest.raises(ValueError, match="Unrecognized `Embedding` layer names"):
        bad.set_model(model)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="profiles on 3.12+")
def test_profiling_needs_python_312():
    with pytest.warns(UserWarning, match="requires python >= 3.12"):
        tensorboard = callbacks.TensorBoard(profile_batch=(2, 3))
    assert not tensorboard._should_trace


def test_profile_batch_validation():
    tensorboard = callbacks.TensorBoard()
    with pytest.raises(ValueError, match="profile_batch must be a non-negative"):
        tensorboard._init_profile_batch((5, 2))
    with pytest.raises(ValueError, match="Found: -1"):
        tensorboard._init_profile_batch(-1)
    tensorboard._init_profile_batch("2,4")
    assert (tensorboard._start_batch, tensorboard._stop_batch) == (2, 4)
