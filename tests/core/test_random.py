import numpy as np
import pytest

from kerasish.core import random


def test_seed_generator_gives_new_keys_deterministically():
    a, b = random.SeedGenerator(7), random.SeedGenerator(7)
    k1, k2 = a.next(), a.next()
    assert not np.array_equal(np.asarray(k1), np.asarray(k2))
    np.testing.assert_array_equal(np.asarray(b.next()), np.asarray(k1))


def test_set_random_seed_seeds_numpy_global_rng():
    random.set_random_seed(123)
    first = np.random.permutation(10)
    random.set_random_seed(123)
    np.testing.assert_array_equal(np.random.permutation(10), first)


def test_bad_seed_rejected():
    with pytest.raises(ValueError, match="seed"):
        random.SeedGenerator("x")
    with pytest.raises(ValueError, match="seed"):
        random.set_random_seed(1.5)
