"""Tests for `kerasish/layers/attention/attention.py` and `additive_attention.py`."""

import jax
import numpy as np
import pytest

import kerasish as keras
from kerasish.core import masking

RNG = np.random.default_rng(0)
Q = RNG.normal(size=(2, 3, 4)).astype("float32")
V = RNG.normal(size=(2, 5, 4)).astype("float32")


def _softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def test_dot_attention_values_and_scores():
    layer = keras.layers.Attention(name="att")
    out, scores = layer([Q, V], return_attention_scores=True)
    want_scores = _softmax(Q @ V.transpose(0, 2, 1))
    np.testing.assert_allclose(scores, want_scores, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(out, want_scores @ V, rtol=1e-5, atol=1e-6)
    assert layer.weights == [] and layer.compute_output_shape([Q.shape, V.shape]) == (
        2,
        3,
        4,
    )
    config = layer.get_config()
    assert {"use_scale", "score_mode", "dropout", "seed"} <= set(config)
    assert keras.layers.Attention.from_config(config).get_config() == config


def test_masks_and_causal():
    q, v = jax.numpy.asarray(Q[:, :3]), jax.numpy.asarray(V[:, :3])
    q_mask = np.array([[1, 1, 0], [1, 1, 1]], bool)
    v_mask = np.array([[1, 0, 1], [1, 1, 1]], bool)
    masking.set_keras_mask(q, q_mask)
    masking.set_keras_mask(v, v_mask)
    out, scores = keras.layers.Attention()(
        [q, v], return_attention_scores=True, use_causal_mask=True
    )
    allowed = v_mask[:, None, :] & np.tril(np.ones((3, 3), bool))[None]
    logits = np.where(allowed, Q[:, :3] @ V[:, :3].transpose(0, 2, 1), -1e9)
    want = _softmax(logits)
    np.testing.assert_allclose(scores, want, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(
        out, np.where(q_mask[..., None], want @ V[:, :3], 0), rtol=1e-5, atol=1e-6
    )
    np.testing.assert_array_equal(masking.get_keras_mask(out), q_mask)


def test_additive_attention():
    layer = keras.layers.AdditiveAttention(name="add_att")
    out = layer([Q, V])
    (scale,) = layer.get_weights()
    assert scale.shape == (4,) and [w.path for w in layer.weights] == ["add_att/scale"]
    scores = np.sum(scale * np.tanh(Q[:, :, None] + V[:, None]), -1)
    np.testing.assert_allclose(out, _softmax(scores) @ V, rtol=1e-5, atol=1e-6)
    assert "score_mode" not in layer.get_config()


def test_concat_scores_with_scale():
    layer = keras.layers.Attention(use_scale=True, score_mode="concat")
    out = layer([Q, V])
    assert [w.name for w in layer.weights] == ["scale", "concat_score_weight"]
    scores = np.sum(np.tanh(Q[:, :, None] + V[:, None]), -1)
    np.testing.assert_allclose(out, _softmax(scores) @ V, rtol=1e-5, atol=1e-6)


def test_bad_inputs():
    with pytest.raises(ValueError, match="must be called on a list of inputs"):
        keras.layers.Attention()(Q)
    with pytest.raises(ValueError, match="inputs list of length 2 or 3"):
        keras.layers.Attention()([Q])
    with pytest.raises(ValueError, match="Received: score_mode=cat"):
        keras.layers.Attention(score_mode="cat")
