"""Records input-pipeline cases (see `compat/cases/pipelines.py`)."""

import types
import warnings

import keras
import numpy as np

from compat.cases import build_model, build_optimizer, pipelines


def _pythonify(history):
    return {k: [float(v) for v in vs] for k, vs in history.items()}


def record_fit(case):
    spec = case.spec
    x, y = pipelines.fit_data(case)
    model = build_model(keras, case)
    weights = pipelines.initial_weights(model, case.seed)
    model.set_weights(weights)
    model.compile(
        optimizer=build_optimizer(keras, spec["optimizer"]),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    log, val_log = [], []
    bs, workers = spec["batch_size"], spec.get("workers", 1)
    feed = pipelines.make_feed(keras, spec["feed"], x, y, bs, log, workers)
    val = None
    if spec.get("validation"):
        val = pipelines.make_feed(keras, spec["validation"], x[:10], y[:10], 3, val_log)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = model.fit(
            feed,
            epochs=spec["epochs"],
            steps_per_epoch=spec.get("steps_per_epoch"),
            validation_data=val,
            shuffle=False,
            verbose=0,
        )
    dry = sum("ran out of data" in str(w.message) for w in caught)
    out = {"x": x, "y": y, "weights": weights, "final_weights": model.get_weights()}
    eval_log = []
    evaluated = model.evaluate(
        pipelines.make_feed(keras, spec["feed"], x, y, bs, eval_log, workers),
        verbose=0,
        return_dict=True,
    )
    out["predict"] = model.predict(
        pipelines.make_feed(keras, spec["feed"], x, y, bs, [], workers), verbose=0
    )
    extras = {
        "history": _pythonify(history.history),
        "params": history.params,
        "log": log,
        "val_log": val_log,
        "eval_log": eval_log,
        "dry_warnings": dry,
        "evaluate": {k: float(v) for k, v in evaluated.items()},
    }
    return out, extras


def record_pad(case):
    kwargs = dict(case.spec["kwargs"])
    if kwargs.get("dtype") == "object":
        kwargs["dtype"] = object
    result = keras.utils.pad_sequences(case.spec["sequences"], **kwargs)
    extras = {"dtype": str(result.dtype), "shape": list(result.shape)}
    if result.dtype == object:
        extras["values"] = result.tolist()
        return {}, extras
    return {"result": result}, extras


class _GrainShim:
    """The few grain calls Keras' `format="grain"` path makes, implemented over
    lists, so Keras' own window/target computation runs without grain or TF."""

    class MapDataset:
        def __init__(self, items):
            self.items = list(items)

        @classmethod
        def source(cls, items):
            return cls(items)

        def to_iter_dataset(self):
            return self

        def batch(self, batch_size, batch_fn):
            items = self.items
            return [
                batch_fn(items[i : i + batch_size])
                for i in range(0, len(items), batch_size)
            ]

    class experimental:  # noqa: N801 (grain's name)
        @staticmethod
        def ZipMapDataset(datasets):  # noqa: N802 (grain's name)
            return _GrainShim.MapDataset(zip(*(d.items for d in datasets), strict=True))


def record_timeseries(case):
    from keras.src.utils import timeseries_dataset_utils as tsu

    data, targets, kwargs = pipelines.timeseries_data(case)
    shim = types.SimpleNamespace(
        MapDataset=_GrainShim.MapDataset, experimental=_GrainShim.experimental
    )
    original = tsu.grain
    tsu.grain = shim
    try:
        batches = tsu.timeseries_dataset_from_array(
            data, targets, format="grain", **kwargs
        )
    finally:
        tsu.grain = original
    out = {}
    for i, batch in enumerate(batches):
        if targets is None:
            out[f"inputs/{i}"] = np.asarray(batch)
        else:
            out[f"inputs/{i}"] = np.asarray(batch[0])
            out[f"targets/{i}"] = np.asarray(batch[1])
    return out, {"num_batches": len(batches), "grain_shim": True}


RECORDERS = {
    "pipeline_fit": record_fit,
    "pad_sequences": record_pad,
    "timeseries": record_timeseries,
}
