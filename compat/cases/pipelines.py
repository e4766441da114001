"""Input-pipeline cases: fit/evaluate/predict on generators and PyDatasets,
`pad_sequences` and `timeseries_dataset_from_array` (data only + feed builders
used identically by the recorder and the tests)."""

import numpy as np

from compat.cases import Case

_MODEL = (
    ("Dense", {"units": 4, "activation": "tanh", "name": "h"}),
    ("Dense", {"units": 3, "activation": "softmax", "name": "out"}),
)


def _fit(name, **spec):
    base = {
        "num_samples": 18,
        "batch_size": 4,
        "epochs": 3,
        "optimizer": ("Adam", {"learning_rate": 0.05}),
    }
    return Case(
        name,
        "pipeline_fit",
        layers=_MODEL,
        input_shape=(3,),
        seed=7,
        spec={**base, **spec},
    )


def _pad(name, sequences, **kwargs):
    return Case(name, "pad_sequences", spec={"sequences": sequences, "kwargs": kwargs})


def _ts(name, length, **kwargs):
    return Case(name, "timeseries", spec={"length": length, "kwargs": kwargs})


_SEQS = [[1], [2, 3], [4, 5, 6, 7], []]

CASES = [
    # Generator with steps_per_epoch: runs dry in the 3rd epoch (warning).
    _fit("pipe_generator_spe", feed="generator", steps_per_epoch=2),
    # Finite generator, no steps: later epochs replay the 2 peeked batches.
    _fit("pipe_generator_no_steps", feed="generator"),
    # PyDataset (partial last batch), validation on a PyDataset.
    _fit("pipe_pydataset", feed="pydataset", validation="pydataset"),
    # steps_per_epoch < len: the pass continues across epochs.
    _fit("pipe_pydataset_spe", feed="pydataset", steps_per_epoch=3),
    # steps_per_epoch > len: each epoch runs dry and warns.
    _fit("pipe_pydataset_spe_long", feed="pydataset", steps_per_epoch=7, epochs=2),
    _pad("pad_default", _SEQS),
    _pad("pad_post_post_maxlen", _SEQS, maxlen=2, padding="post", truncating="post"),
    _pad("pad_pre_post_value", _SEQS, maxlen=3, truncating="post", value=-1),
    _pad("pad_float", [[0.5, 1.5], [2.5]], dtype="float32", value=9.0),
    _pad("pad_strings", [["a", "b"], ["c"]], dtype="object", value="_"),
    _pad("pad_steps", [[[1, 2]], [[3, 4], [5, 6], [7, 8]]], maxlen=2),
    _ts("ts_targets", 20, sequence_length=4, batch_size=3),
    _ts(
        "ts_stride_rate",
        30,
        sequence_length=3,
        sequence_stride=2,
        sampling_rate=3,
        batch_size=4,
    ),
    _ts(
        "ts_start_end", 25, sequence_length=5, start_index=3, end_index=20, batch_size=5
    ),
    _ts("ts_no_targets", 12, targets=False, sequence_length=4, batch_size=4),
]


def fit_data(case):
    """x, y and initial weights drawn from the case seed (both sides reuse them)."""
    rng = np.random.default_rng(case.seed)
    n = case.spec["num_samples"]
    x = rng.normal(size=(n, 3)).astype("float32")
    y = rng.integers(0, 3, size=(n,)).astype("int32")
    return x, y


def initial_weights(model, seed):
    rng = np.random.default_rng(seed + 1)
    return [rng.normal(size=v.shape).astype("float32") * 0.5 for v in model.weights]


def make_feed(module, kind, x, y, batch_size, log, workers=1):
    """A generator or a `module.utils.PyDataset` over `(x, y)` batches; every
    batch read and epoch hook is appended to `log`."""
    starts = range(0, len(x), batch_size)
    if kind == "generator":

        def generate():
            for i, s in enumerate(starts):
                log.append(f"get {i}")
                yield x[s : s + batch_size], y[s : s + batch_size]

        return generate()

    class Batches(module.utils.PyDataset):
        def __init__(self):
            super().__init__(workers=workers, max_queue_size=3)

        def __len__(self):
            return len(starts)

        def __getitem__(self, i):
            log.append(f"get {i}")
            s = i * batch_size
            return x[s : s + batch_size], y[s : s + batch_size]

        def on_epoch_begin(self):
            log.append("begin")

        def on_epoch_end(self):
            log.append("end")

    return Batches()


def timeseries_data(case):
    n = case.spec["length"]
    data = np.arange(n * 2, dtype="float32").reshape(n, 2)
    targets = None if case.spec["kwargs"].get("targets") is False else np.arange(n) * 10
    kwargs = {k: v for k, v in case.spec["kwargs"].items() if k != "targets"}
    return data, targets, kwargs
