"""Tests for `kerasish/layers/attention/multi_head_attention.py`."""

import jax
import numpy as np
import pytest

import kerasish as keras
from kerasish.core import masking

RNG = np.random.default_rng(0)
Q = RNG.normal(size=(2, 4, 6)).astype("float32")
V = RNG.normal(size=(2, 3, 5)).astype("float32")


def _reference(layer, q, v, mask=None):
    """Multi-head attention in NumPy from the layer's weights."""
    wq, bq, wk, bk, wv, bv, wo, bo = layer.get_weights()
    query = np.einsum("btd,dnh->btnh", q, wq) + bq
    key = np.einsum("bsd,dnh->bsnh", v, wk) + bk
    value = np.einsum("bsd,dnh->bsnh", v, wv) + bv
    logits = np.einsum("bsnh,btnh->bnts", key, query / np.sqrt(wq.shape[-1]))
    if mask is not None:
        logits = np.where(mask[:, None], logits, -1e9)
    e = np.exp(logits - logits.max(-1, keepdims=True))
    scores = e / e.sum(-1, keepdims=True)
    context = np.einsum("bnts,bsnh->btnh", scores, value)
    return np.einsum("btnh,nhd->btd", context, wo) + bo, scores


def test_cross_attention_layout_and_values():
    layer = keras.layers.MultiHeadAttention(num_heads=2, key_dim=3, name="mha")
    out, scores = layer(Q, V, return_attention_scores=True)
    assert [w.path for w in layer.weights] == [
        f"mha/{d}/{w}"
        for d in ("query", "key", "value", "attention_output")
        for w in ("kernel", "bias")
    ]
    assert [w.shape for w in layer.weights[:2]] == [(6, 2, 3), (2, 3)]
    assert layer.weights[6].shape == (2, 3, 6)
    want, want_scores = _reference(layer, Q, V)
    np.testing.assert_allclose(out, want, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(scores, want_scores, rtol=1e-5, atol=1e-6)
    # The fused path (no scores requested) gives the same output.
    np.testing.assert_allclose(layer(Q, V), want, rtol=1e-5, atol=1e-5)


def test_causal_and_attention_mask():
    layer = keras.layers.MultiHeadAttention(num_heads=2, key_dim=3)
    causal = np.tril(np.ones((4, 4), bool))[None].repeat(2, 0)
    layer(Q, Q)
    want, _ = _reference(layer, Q, Q, causal)
    np.testing.assert_allclose(
        layer(Q, Q, use_causal_mask=True), want, rtol=1e-5, atol=1e-5
    )
    np.testing.assert_allclose(
        layer(Q, Q, attention_mask=causal), want, rtol=1e-5, atol=1e-5
    )
    _, scores = layer(Q, Q, use_causal_mask=True, return_attention_scores=True)
    assert np.all(np.asarray(scores)[:, :, 0, 1:] == 0)


def test_keras_masks_of_inputs():
    layer = keras.layers.MultiHeadAttention(num_heads=2, key_dim=3)
    layer(Q, V)
    q, v = jax.numpy.asarray(Q), jax.numpy.asarray(V)
    q_mask = np.array([[1, 1, 1, 0], [1, 1, 1, 1]], bool)
    v_mask = np.array([[1, 1, 0], [1, 0, 0]], bool)
    masking.set_keras_mask(q, q_mask)
    masking.set_keras_mask(v, v_mask)
    out, _ = layer(q, v, return_attention_scores=True)
    want, _ = _reference(layer, Q, V, q_mask[:, :, None] & v_mask[:, None, :])
    # Fully masked query rows get zero scores (Keras' masked Softmax).
    np.testing.assert_allclose(out[1], want[1], rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(out[0, :3], want[0, :3], rtol=1e-5, atol=1e-5)
    np.testing.assert_array_equal(masking.get_keras_mask(out), q_mask)


def test_config_round_trip_and_build_config():
    layer = keras.layers.MultiHeadAttention(2, 3, value_dim=4, output_shape=7)
    layer.build(Q.shape, V.shape)
    assert layer.compute_output_shape(Q.shape, V.shape) == (2, 4, 7)
    config = layer.get_config()
    assert config["value_dim"] == 4 and config["output_shape"] == (7,)
    clone = keras.layers.MultiHeadAttention.from_config(config)
    clone.build_from_config(layer.get_build_config())
    assert [w.shape for w in clone.weights] == [w.shape for w in layer.weights]
    assert layer.get_build_config() == {
        "shapes_dict": {"query_shape": [2, 4, 6], "value_shape": [2, 3, 5]}
    }


def test_bad_arguments():
    with pytest.raises(ValueError, match="Received: num_heads=0"):
        keras.layers.MultiHeadAttention(num_heads=0, key_dim=2)
    with pytest.raises(ValueError, match="Received: key_dim=-1"):
        keras.layers.MultiHeadAttention(num_heads=1, key_dim=-1)
    with pytest.raises(ValueError, match="`value` and `key`, except the last one"):
        keras.layers.MultiHeadAttention(1, 2)(Q, V, key=Q)
