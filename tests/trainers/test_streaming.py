"""fit/evaluate/predict on streamed batches: generators, iterators, errors."""

import threading
import warnings

import numpy as np
import pytest

import kerasish as keras

X = np.random.default_rng(0).normal(size=(10, 3)).astype("float32")
Y = (np.arange(10) % 3).astype("int32")


def batches(n=10, bs=4, x=X, y=Y):
    for s in range(0, n, bs):
        yield x[s : s + bs], y[s : s + bs]


@pytest.fixture
def model():
    m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(3, name="d")])
    m.compile("sgd", keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    return m


def test_generator_fit_matches_array_fit(model):
    weights = model.get_weights()
    h1 = model.fit(batches(), epochs=1, verbose=0, shuffle=False)
    w1 = model.get_weights()
    model.set_weights(weights)
    model._runtime = None
    h2 = model.fit(X, Y, batch_size=4, epochs=1, verbose=0, shuffle=False)
    np.testing.assert_allclose(h1.history["loss"], h2.history["loss"], rtol=1e-6)
    for a, b in zip(w1, model.get_weights(), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-6)


def test_iterator_and_tuple_forms(model):
    model.fit(iter(list(batches())), verbose=0, shuffle=False)
    sw = np.ones(4, "float32")
    model.fit((b + (sw[: len(b[0])],) for b in batches()), verbose=0, shuffle=False)
    out = model.predict(((x,) for x, _ in batches()), verbose=0)
    assert out.shape == (10, 3)
    assert isinstance(model.evaluate(batches(), verbose=0), float)


def test_infinite_generator_with_steps(model):
    def forever():
        while True:
            yield X[:4], Y[:4]

    history = model.fit(forever(), steps_per_epoch=3, epochs=2, verbose=0)
    assert len(history.history["loss"]) == 2
    assert model.evaluate(forever(), steps=2, verbose=0) > 0


def test_progress_bar_unknown_total(model, capsys):
    model.fit(batches(), epochs=1, verbose=1, shuffle=False)
    assert "1/Unknown" in capsys.readouterr().out


def test_keras_argument_errors(model):
    with pytest.raises(ValueError, match="must yield at least one batch"):
        model.fit(iter([]), verbose=0)
    with pytest.raises(ValueError, match="must return a tuple"):
        model.fit((x for x, _ in batches()), verbose=0)
    with pytest.raises(ValueError, match="`y` should not be passed"):
        model.fit(batches(), Y, verbose=0)
    with pytest.raises(ValueError, match="`class_weight` is not supported"):
        model.fit(batches(), class_weight={0: 1.0}, verbose=0)
    with pytest.raises(ValueError, match="`validation_split` is only supported"):
        model.fit(batches(), validation_split=0.2, verbose=0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(batches(), verbose=0)
    assert any("`shuffle=True` was passed" in str(w.message) for w in caught)


def test_mismatched_structure_names_the_step(model):
    def bad():
        yield X[:4], Y[:4]
        yield X[:4], Y[:4]
        yield (X[:4],)

    with pytest.raises(ValueError, match="batch at step 2 .*structure"):
        model.fit(bad(), verbose=0, shuffle=False)


def test_mismatched_shape_names_the_step(model):
    def bad():
        yield X[:4], Y[:4]
        yield np.zeros((4, 5), "float32"), Y[:4]

    with pytest.raises(ValueError, match="batch at step 1 .*float32\\[4, 5\\]"):
        model.fit(bad(), verbose=0, shuffle=False)


def test_cardinality_and_label_errors_from_the_stream(model):
    def uneven():
        yield X[:4], Y[:3]

    with pytest.raises(ValueError, match="Data cardinality is ambiguous"):
        model.fit(uneven(), verbose=0)
    model.fit(batches(), verbose=0, shuffle=False)

    def bad_labels():
        yield X[:4], np.array([0, 1, 7, 2], "int32")

    with pytest.raises(ValueError):
        model.fit(bad_labels(), verbose=0)


def test_generator_error_propagates_and_threads_stop(model):
    before = threading.active_count()

    def failing():
        yield X[:4], Y[:4]
        yield X[:4], Y[:4]
        raise RuntimeError("boom in generator")

    with pytest.raises(RuntimeError, match="boom in generator"):
        model.fit(failing(), verbose=0, shuffle=False)
    assert threading.active_count() == before


def test_validation_data_as_generator_with_array_training(model):
    history = model.fit(
        X, Y, epochs=2, verbose=0, validation_data=batches(), validation_steps=2
    )
    assert sorted(history.history) == ["loss", "val_loss"]
    history = model.fit(batches(), epochs=1, verbose=0, validation_data=(X, Y))
    assert "val_loss" in history.history
