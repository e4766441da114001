"""Tests for `kerasish.random` (seeded values observed from Keras 3.15.1)."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from kerasish import random
from kerasish.core import scope


def test_int_seed_values_match_keras():
    np.testing.assert_allclose(
        random.normal((4,), seed=42),
        [
            0.1680542379617691,
            -1.5097887516021729,
            -0.30109140276908875,
            0.5591302514076233,
        ],
        rtol=1e-6,
    )
    np.testing.assert_allclose(
        random.uniform((4,), seed=42),
        [
            0.5667296648025513,
            0.06554865837097168,
            0.38167238235473633,
            0.7119635343551636,
        ],
        rtol=1e-6,
    )
    np.testing.assert_allclose(
        random.truncated_normal((3,), seed=9),
        [0.6465954780578613, -1.4126653671264648, 0.020260369405150414],
        rtol=1e-5,
    )
    assert random.randint((4,), 0, 10, seed=9).tolist() == [6, 7, 4, 2]


def test_statistics_shapes_dtypes():
    x = random.normal((20000,), mean=2.0, stddev=3.0, seed=0)
    assert x.dtype == "float32"
    np.testing.assert_allclose([float(x.mean()), float(x.std())], [2.0, 3.0], rtol=0.05)
    u = random.uniform((2, 500), minval=-1.0, maxval=3.0, seed=1, dtype="float16")
    assert u.shape == (2, 500) and u.dtype == "float16"
    assert float(u.min()) >= -1.0 and float(u.max()) < 3.0
    t = random.truncated_normal((5000,), stddev=2.0, seed=2)
    assert float(jnp.abs(t).max()) <= 4.0
    g = random.gamma((5000,), alpha=2.0, seed=3)
    np.testing.assert_allclose(float(g.mean()), 2.0, rtol=0.1)
    b = random.binomial((5000,), counts=10, probabilities=0.3, seed=4)
    np.testing.assert_allclose(float(b.mean()), 3.0, rtol=0.1)
    beta = random.beta((2000,), alpha=2.0, beta=2.0, seed=5)
    np.testing.assert_allclose(float(beta.mean()), 0.5, rtol=0.1)
    with pytest.raises(ValueError, match="floating point"):
        random.uniform((2,), dtype="int32")
    with pytest.raises(ValueError, match="integer"):
        random.randint((2,), 0, 3, dtype="float32")


def test_seed_generator_gives_new_values_and_int_seed_repeats():
    gen = random.SeedGenerator(7)
    assert not np.array_equal(
        random.normal((3,), seed=gen), random.normal((3,), seed=gen)
    )
    np.testing.assert_array_equal(
        random.normal((3,), seed=7), random.normal((3,), seed=7)
    )
    assert not np.array_equal(random.normal((3,)), random.normal((3,)))


def test_dropout():
    out = random.dropout(jnp.ones((200, 50)), 0.5, seed=1)
    assert set(np.unique(np.asarray(out)).tolist()) <= {0.0, 2.0}
    np.testing.assert_allclose(float(out.mean()), 1.0, rtol=0.05)
    shared = random.dropout(jnp.ones((4, 6)), 0.5, noise_shape=(None, 1), seed=2)
    assert all(len(set(row.tolist())) == 1 for row in np.asarray(shared))
    np.testing.assert_array_equal(random.dropout(jnp.ones(3), 0.0), jnp.ones(3))
    np.testing.assert_array_equal(random.dropout(jnp.ones(3), 1.0), jnp.zeros(3))


def test_shuffle_categorical_and_scope_key():
    shuffled = random.shuffle(jnp.arange(10), seed=1)
    assert sorted(shuffled.tolist()) == list(range(10))
    samples = random.categorical(jnp.log(jnp.array([[0.999, 0.001]])), 50, seed=1)
    assert samples.shape == (1, 50) and samples.dtype == "int32"
    assert int(samples.sum()) <= 3
    with pytest.raises(ValueError, match="2-D"):
        random.categorical(jnp.ones(3), 2)

    @jax.jit
    def draw(key):
        with scope.enter(scope.Scope(key=key)):
            return random.normal((2,))

    np.testing.assert_array_equal(draw(jax.random.key(0)), draw(jax.random.key(0)))
