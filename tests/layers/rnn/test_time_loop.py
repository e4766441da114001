import jax.numpy as jnp
import numpy as np

from kerasish.layers.rnn import time_loop


def _step(x, states):
    h = jnp.tanh(x + states[0])
    return h, [h]


X = np.random.default_rng(0).normal(size=(2, 4, 3)).astype("float32")
INIT = [jnp.ones((2, 3))]
MASK = np.array([[True, False, True, True], [False, True, True, False]])


def _reference(go_backwards, mask, zero_output):
    h, outs = np.ones((2, 3), "float32"), []
    order = range(3, -1, -1) if go_backwards else range(4)
    for t in order:
        new = np.tanh(X[:, t] + h)
        keep = mask[:, t : t + 1]
        prev = np.zeros_like(new) if zero_output else h
        outs.append(np.where(keep, new, prev))
        h = np.where(keep, new, h)
    return np.stack(outs, axis=1), h


def test_scan_matches_a_python_loop_with_mask_and_backwards():
    for go_backwards in (False, True):
        for zero in (False, True):
            last, outs, states = time_loop.rnn(
                _step,
                X,
                INIT,
                jnp.zeros((2, 0)),
                go_backwards,
                MASK,
                zero_output_for_mask=zero,
            )
            want, h = _reference(go_backwards, MASK, zero)
            np.testing.assert_allclose(outs, want, rtol=1e-6)
            np.testing.assert_allclose(last, want[:, -1], rtol=1e-6)
            np.testing.assert_allclose(states[0], h, rtol=1e-6)


def test_last_output_carried_without_sequences():
    last, outs, _ = time_loop.rnn(
        _step, X, INIT, jnp.zeros((2, 3)), mask=MASK, return_all_outputs=False
    )
    assert outs is None
    want, _ = _reference(False, MASK, False)
    np.testing.assert_allclose(last, want[:, -1], rtol=1e-6)


def test_unrolled_masked_first_step_repeats_zeros():
    _, outs, _ = time_loop.rnn(
        _step, X, INIT, jnp.zeros((2, 0)), mask=MASK, unroll=True
    )
    np.testing.assert_array_equal(outs[1, 0], np.zeros(3))
