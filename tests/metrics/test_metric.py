"""`Metric` base: the stateful API, user subclasses and the pure (jitted) face."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from kerasish import metrics
from tests.metrics.reference_cases import EXPECTED, METRIC_CASES, make_batches

BATCHES = make_batches()
# Every metric class runs through the pure face in the trainer; these cover each
# update path (plain Mean/Sum, wrapper, masks, RMSE's own update_state).
JIT_CASES = [
    c
    for c in METRIC_CASES
    if c[0]
    in {
        "mean_2d_w2d",
        "mean_scalar_w",
        "sum",
        "binary_accuracy",
        "sparse_categorical_accuracy_col",
        "sparse_top_k_sorted",
        "rmse",
        "scce_ignore",
        "cce",
    }
]


class BinaryTruePositives(metrics.Metric):
    """The Keras docstring example, written exactly as for Keras 3."""

    def __init__(self, name="binary_true_positives", **kwargs):
        super().__init__(name=name, **kwargs)
        self.true_positives = self.add_variable(
            shape=(), initializer="zeros", name="true_positives"
        )

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = jnp.asarray(y_true).astype("bool")
        y_pred = jnp.asarray(y_pred).astype("bool")
        values = jnp.logical_and(y_true, y_pred).astype(self.dtype)
        if sample_weight is not None:
            sample_weight = jnp.asarray(sample_weight, self.dtype)
            values = values * jnp.broadcast_to(sample_weight, values.shape)
        self.true_positives.assign(self.true_positives + jnp.sum(values))

    def result(self):
        return self.true_positives


@pytest.mark.parametrize("case", JIT_CASES, ids=lambda c: c[0])
def test_jitted_stateless_face_matches_keras(case):
    case_id, cls_name, kwargs, key = case
    metric = getattr(metrics, cls_name)(**kwargs)

    @jax.jit
    def step(state, y_true, y_pred, sample_weight):
        if y_pred is None:
            return metric.stateless_update_state(
                state, y_true, sample_weight=sample_weight
            )
        return metric.stateless_update_state(
            state, y_true, y_pred, sample_weight=sample_weight
        )

    state = metric.stateless_reset_state()
    results = []
    for batch in BATCHES[key]:
        state = step(state, *batch)
        results.append(float(jax.jit(metric.stateless_result)(state)))
    np.testing.assert_allclose(
        results, EXPECTED[f"{case_id}/weighted"], rtol=1e-5, atol=1e-6
    )
    # The pure face leaves the stateful variables untouched.
    assert all(float(jnp.sum(v.value)) == 0.0 for v in metric.variables)


def test_user_subclass_stateful_and_stateless():
    metric = BinaryTruePositives()
    metric.update_state([1, 1, 0, 1], [1, 0, 0, 1])
    assert float(metric.result()) == 2.0
    assert float(metric([1], [1], sample_weight=[3.0])) == 5.0
    assert [v.path for v in metric.variables] == [
        "binary_true_positives/true_positives"
    ]
    state = metric.stateless_reset_state()
    state = jax.jit(metric.stateless_update_state)(
        state, np.array([1, 1]), np.array([1, 1])
    )
    assert float(metric.stateless_result(state)) == 2.0
    assert float(metric.result()) == 5.0
    metric.reset_state()
    assert float(metric.result()) == 0.0


def test_sub_metrics_are_tracked():
    class TwoMeans(metrics.Metric):
        def __init__(self):
            super().__init__(name="two_means")
            self.a = metrics.Mean(name="a")
            self.b = metrics.Mean(name="b")

        def update_state(self, x):
            self.a.update_state(x)
            self.b.update_state(2.0 * jnp.asarray(x, "float32"))

        def result(self):
            return {"a": self.a.result(), "b": self.b.result()}

    metric = TwoMeans()
    assert len(metric.variables) == 4
    state = metric.stateless_update_state(metric.stateless_reset_state(), [1.0, 3.0])
    result = metric.stateless_result(state)
    assert float(result["a"]) == 2.0 and float(result["b"]) == 4.0


def test_errors():
    class NoSuper(metrics.Metric):
        def __init__(self):
            self.v = self.add_variable((), "zeros")

    with pytest.raises(RuntimeError, match="super"):
        NoSuper()
    with pytest.raises(ValueError, match="expected 2 variables"):
        metrics.Mean().stateless_result([0.0])


def test_defaults_and_config():
    mean = metrics.Mean()
    assert mean.name == "mean" and mean.dtype == "float32"
    assert [v.name for v in mean.variables] == ["total", "count"]
    assert all(not v.trainable for v in mean.variables)
    assert mean.get_config() == {"name": "mean", "dtype": "float32"}
    assert repr(mean) == "<Mean name=mean>"
    assert metrics.Mean(dtype="float16").result().dtype == jnp.float16
    restored = metrics.BinaryAccuracy.from_config(
        metrics.BinaryAccuracy(threshold=0.7).get_config()
    )
    assert restored.threshold == 0.7


def test_mean_counts_and_reset():
    mean = metrics.Mean()
    mean.update_state([1, 3, 5, 7], sample_weight=[1, 1, 0, 0])
    assert float(mean.result()) == 2.0
    mean.update_state(10.0)
    np.testing.assert_allclose(mean.result(), 14.0 / 3.0)
    mean.reset_state()
    assert float(mean.result()) == 0.0
