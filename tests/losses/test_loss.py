"""`Loss` base class and the Keras reductions."""

import jax.numpy as jnp
import numpy as np
import pytest

from kerasish import losses
from kerasish.losses.loss import (
    Loss,
    reduce_values,
    squeeze_or_expand_to_same_rank,
)

RS = np.random.RandomState(1)
A = RS.randn(2, 3, 4).astype("float32")
B = RS.randn(2, 3, 4).astype("float32")
W = RS.uniform(0.5, 2, (2, 3)).astype("float32")


def test_rank3_reductions_match_keras():
    # Observed with keras==3.15.1, KERAS_BACKEND=jax.
    mse = losses.MeanSquaredError()
    np.testing.assert_allclose(mse(A, B), 1.6788594, rtol=1e-5)
    np.testing.assert_allclose(mse(A, B, sample_weight=W), 2.4536998, rtol=1e-5)
    mws = losses.MeanSquaredError(reduction="mean_with_sample_weight")
    np.testing.assert_allclose(mws(A, B, sample_weight=W), 1.7784638, rtol=1e-5)
    zero = mws(A, B, sample_weight=np.zeros((2, 3), "float32"))
    assert float(zero) == 0.0


def test_int_targets_are_cast():
    value = losses.MeanSquaredError()(
        np.array([[1, 2]], "int32"), np.array([[1.5, 1.0]], "float32")
    )
    np.testing.assert_allclose(value, 0.625)


def test_empty_batch_returns_empty():
    value = losses.MeanSquaredError()(np.zeros((0, 3)), np.zeros((0, 3)))
    assert value.shape == (0,)


def test_custom_subclass():
    class MyLoss(Loss):
        def call(self, y_true, y_pred):
            return jnp.sum(jnp.abs(y_true - y_pred), axis=-1)

    loss = MyLoss(reduction="sum")
    assert loss.name == "my_loss" or loss.name.startswith("my_loss_")
    value = loss(np.ones((2, 2)), np.zeros((2, 2)), sample_weight=[1.0, 3.0])
    np.testing.assert_allclose(value, 2.0 + 6.0)
    assert MyLoss.from_config(loss.get_config()).reduction == "sum"


def test_invalid_reduction():
    with pytest.raises(ValueError, match="Received: reduction=avg"):
        losses.MeanSquaredError(reduction="avg")


def test_squeeze_or_expand():
    a, b = squeeze_or_expand_to_same_rank(jnp.zeros((4,)), jnp.zeros((4, 1)))
    assert a.shape == (4, 1) and b.shape == (4, 1)
    a, b = squeeze_or_expand_to_same_rank(jnp.zeros((4, 3, 1)), jnp.zeros((4, 3)))
    assert a.shape == (4, 3) and b.shape == (4, 3)
    a, b = squeeze_or_expand_to_same_rank(jnp.zeros((4, 3)), jnp.zeros((4,)))
    assert a.shape == (4, 3) and b.shape == (4,)


def test_reduce_values():
    values = jnp.array([1.0, 2.0, 3.0, 6.0])
    assert float(reduce_values(values, reduction="sum")) == 12.0
    assert float(reduce_values(values)) == 3.0
    assert float(reduce_values(values, reduction="mean")) == 3.0
    weights = jnp.array([1.0, 1.0, 2.0, 0.0])
    mean_ws = reduce_values(values, weights, reduction="mean_with_sample_weight")
    assert float(mean_ws) == 3.0
    assert reduce_values(values, reduction=None).shape == (4,)
    assert reduce_values(jnp.float32(5.0)).shape == ()


def test_dtype():
    loss = losses.MeanSquaredError(dtype="float16")
    assert loss.dtype == "float16"
    assert loss(np.ones((2, 2)), np.zeros((2, 2))).dtype == jnp.float16
