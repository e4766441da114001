"""Input pipelines against Keras: fit/evaluate/predict on generators and
PyDatasets (history, final weights, which batches each epoch read, warnings),
`pad_sequences` and `timeseries_dataset_from_array` outputs."""

import warnings

import numpy as np
import pytest

import kerasish
from compat.cases import build_model, build_optimizer, cases_of, pipelines

FIT = {"rtol": 1e-4, "atol": 1e-6}


@pytest.mark.parametrize("case", cases_of("pipeline_fit"), ids=lambda c: c.name)
def test_pipeline_fit_evaluate_predict(case, reference):
    ref = reference(case)
    spec = case.spec
    x, y = ref["x"], ref["y"]
    model = build_model(kerasish, case)
    model.set_weights(ref.seq("weights"))
    model.compile(
        optimizer=build_optimizer(kerasish, spec["optimizer"]),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    log, val_log = [], []
    bs = spec["batch_size"]
    feed = pipelines.make_feed(kerasish, spec["feed"], x, y, bs, log)
    val = None
    if spec.get("validation"):
        val = pipelines.make_feed(
            kerasish, spec["validation"], x[:10], y[:10], 3, val_log
        )
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
    want = ref.extras
    assert log == want["log"]
    assert val_log == want["val_log"]
    assert (
        sum("ran out of data" in str(w.message) for w in caught) == want["dry_warnings"]
    )
    assert history.params == want["params"]
    assert sorted(history.history) == sorted(want["history"])
    for key, values in want["history"].items():
        np.testing.assert_allclose(history.history[key], values, **FIT, err_msg=key)
    for got, final in zip(model.get_weights(), ref.seq("final_weights"), strict=True):
        np.testing.assert_allclose(got, final, **FIT)
    eval_log = []
    evaluated = model.evaluate(
        pipelines.make_feed(kerasish, spec["feed"], x, y, bs, eval_log),
        verbose=0,
        return_dict=True,
    )
    assert eval_log == want["eval_log"]
    assert list(evaluated) == list(want["evaluate"])
    np.testing.assert_allclose(
        list(evaluated.values()), list(want["evaluate"].values()), **FIT
    )
    predicted = model.predict(
        pipelines.make_feed(kerasish, spec["feed"], x, y, bs, []), verbose=0
    )
    np.testing.assert_allclose(predicted, ref["predict"], **FIT)


@pytest.mark.parametrize("case", cases_of("pad_sequences"), ids=lambda c: c.name)
def test_pad_sequences(case, reference):
    ref = reference(case)
    kwargs = dict(case.spec["kwargs"])
    if kwargs.get("dtype") == "object":
        kwargs["dtype"] = object
    result = kerasish.utils.pad_sequences(case.spec["sequences"], **kwargs)
    assert str(result.dtype) == ref.extras["dtype"]
    assert list(result.shape) == ref.extras["shape"]
    if "values" in ref.extras:
        assert result.tolist() == ref.extras["values"]
    else:
        np.testing.assert_array_equal(result, ref["result"])


@pytest.mark.parametrize("case", cases_of("timeseries"), ids=lambda c: c.name)
def test_timeseries_dataset_from_array(case, reference):
    ref = reference(case)
    data, targets, kwargs = pipelines.timeseries_data(case)
    dataset = kerasish.utils.timeseries_dataset_from_array(data, targets, **kwargs)
    assert len(dataset) == ref.extras["num_batches"]
    for i, want_inputs in enumerate(ref.seq("inputs")):
        batch = dataset[i]
        inputs = batch if targets is None else batch[0]
        np.testing.assert_array_equal(inputs, want_inputs)
        if targets is not None:
            np.testing.assert_array_equal(batch[1], ref.seq("targets")[i])
