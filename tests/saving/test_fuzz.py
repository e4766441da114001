"""Mutated weight files and archives: only documented exceptions escape."""

import tempfile
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

import kerasish as keras
from kerasish import layers
from kerasish.saving.h5_store import CorruptFileError

# No example database, and Hypothesis' caches in a temp dir: nothing is
# written into the checkout.
set_hypothesis_home_dir(tempfile.mkdtemp(prefix="kerasish-hypothesis-"))
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
mutations = st.one_of(
    st.tuples(st.just("truncate"), st.floats(0, 1), st.just([])),
    st.tuples(
        st.just("bytes"),
        st.just(0.0),
        st.lists(
            st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=8
        ),
    ),
)


def _mutate(data, mutation):
    kind, cut, edits = mutation
    if kind == "truncate":
        return data[: int(cut * len(data))]
    out = bytearray(data)
    for where, value in edits:
        out[min(int(where * len(out)), len(out) - 1)] = value
    return bytes(out)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    model = keras.Sequential(
        [keras.Input((3,)), layers.Dense(2, name="d0"),
         layers.BatchNormalization(name="bn")],
        name="m",
    )  # fmt: skip
    model.compile(optimizer="adam", loss="mse")
    model.fit(np.ones((4, 3), "float32"), np.ones((4, 2), "float32"), verbose=0)
    model.save(root / "m.keras")
    model.save_weights(root / "m.weights.h5")
    keras.saving.save_params(root / "m.npz", model.params, model.state)
    return model, root


def _load_weights_survives(model, path):
    before = model.get_weights()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model.load_weights(path)
    except CorruptFileError:
        for a, b in zip(model.get_weights(), before, strict=True):
            np.testing.assert_array_equal(a, b)  # rejected before any write
    except ValueError:
        pass  # a mismatch Keras reports the same way
    finally:
        model.set_weights(before)


@SETTINGS
@given(mutation=mutations)
def test_mutated_weights_h5(files, tmp_path, mutation):
    model, root = files
    path = tmp_path / "x.weights.h5"
    path.write_bytes(_mutate((root / "m.weights.h5").read_bytes(), mutation))
    _load_weights_survives(model, path)


@SETTINGS
@given(mutation=mutations)
def test_mutated_keras_archive_weights(files, tmp_path, mutation):
    model, root = files
    path = tmp_path / "x.keras"
    path.write_bytes(_mutate((root / "m.keras").read_bytes(), mutation))
    _load_weights_survives(model, path)


@settings(SETTINGS, max_examples=15)
@given(mutation=mutations)
def test_mutated_keras_archive_model(files, tmp_path, mutation):
    _, root = files
    path = tmp_path / "x.keras"
    path.write_bytes(_mutate((root / "m.keras").read_bytes(), mutation))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            keras.models.load_model(path)
    except (ValueError, TypeError):
        pass  # TypeError: Keras' error for a config naming an unknown object


@SETTINGS
@given(mutation=mutations)
def test_mutated_npz(files, tmp_path, mutation):
    _, root = files
    path = tmp_path / "x.npz"
    path.write_bytes(_mutate((root / "m.npz").read_bytes(), mutation))
    try:
        keras.saving.load_params(path)
    except ValueError:
        pass
