"""Tests for `kerasish.initializers` (seeded values observed from Keras 3.15.1)."""

import math

import jax.numpy as jnp
import numpy as np
import pytest

from kerasish import initializers as I  # noqa: N812
from kerasish.random import SeedGenerator


def test_deterministic_initializers():
    np.testing.assert_array_equal(I.Zeros()((2, 3)), np.zeros((2, 3)))
    np.testing.assert_array_equal(I.Ones()((2,), dtype="int32"), [1, 1])
    np.testing.assert_array_equal(I.Constant(3)((2,), dtype="float32"), [3.0, 3.0])
    np.testing.assert_array_equal(I.Identity(gain=2.0)((2, 3)), [[2, 0, 0], [0, 2, 0]])
    assert I.Zeros()((2,)).dtype == "float32"
    with pytest.raises(ValueError, match="2D"):
        I.Identity()((2, 2, 2))


# Values of `Cls(seed=...)(shape).ravel()[:4]` in Keras 3.15.1 (JAX backend).
KERAS_SEEDED = [
    (
        I.GlorotUniform(seed=1),
        (3, 4),
        [
            -0.673612654209137,
            0.33814793825149536,
            0.5665144920349121,
            -0.48410746455192566,
        ],
    ),
    (
        I.HeNormal(seed=7),
        (2, 3),
        [
            -0.473833829164505,
            -0.6362117528915405,
            0.26622122526168823,
            0.6492953300476074,
        ],
    ),
    (
        I.TruncatedNormal(mean=1.0, stddev=0.5, seed=3),
        (4,),
        [1.496877908706665, 0.9808865189552307, 1.1427092552185059, 1.476557731628418],
    ),
    (
        I.VarianceScaling(2.0, "fan_out", "untruncated_normal", seed=5),
        (3, 3, 2, 2),
        [
            -0.21701088547706604,
            -0.1412767767906189,
            0.6539619565010071,
            -0.03781849145889282,
        ],
    ),
    (
        I.LecunUniform(seed=11),
        (3, 3, 4, 2),
        [
            0.15323065221309662,
            -0.28617656230926514,
            0.0343562513589859,
            -0.15673503279685974,
        ],
    ),
    (
        I.RandomUniform(seed=2),
        (4,),
        [
            0.005791842937469482,
            0.03677976131439209,
            0.01427847146987915,
            -0.02369030751287937,
        ],
    ),
    (
        I.Orthogonal(gain=2.0, seed=4),
        (2, 3),
        [
            0.7214150428771973,
            0.40011268854141235,
            -1.8219412565231323,
            -1.7963533401489258,
        ],
    ),
    (
        I.Orthogonal(seed=1),
        (3, 2),
        [
            -0.7734724283218384,
            -0.3142886161804199,
            0.6082520484924316,
            -0.12384743243455887,
        ],
    ),
]


@pytest.mark.parametrize("init, shape, expected", KERAS_SEEDED)
def test_seeded_values_match_keras(init, shape, expected):
    out = init(shape)
    assert out.shape == shape and out.dtype == "float32"
    np.testing.assert_allclose(np.ravel(out)[:4], expected, rtol=2e-5, atol=1e-6)


def test_compute_fans():
    assert I.compute_fans((5, 7)) == (5, 7)
    assert I.compute_fans((3, 3, 4, 16)) == (36, 144)
    assert I.compute_fans((6,)) == (6, 6)
    assert I.compute_fans(()) == (1, 1)
    assert I.compute_fans((2, 3, 4), input_axes=(0, 1), output_axes=(2,)) == (6, 4)


def test_glorot_uniform_limits_dense_and_conv():
    dense = I.GlorotUniform(seed=0)((50, 30))
    limit = math.sqrt(6 / 80)
    assert float(jnp.max(jnp.abs(dense))) <= limit
    assert float(jnp.max(jnp.abs(dense))) > 0.95 * limit
    conv = I.GlorotUniform(seed=0)((3, 3, 4, 16))
    # KERAS_FACTS 4.2: Conv2D(16, 3) on 4 channels has limit sqrt(6/(36+144)).
    assert float(jnp.max(jnp.abs(conv))) <= 0.18257419
    np.testing.assert_allclose(
        float(jnp.std(conv)), 0.18257419 / math.sqrt(3), rtol=0.1
    )


@pytest.mark.parametrize(
    "init, stddev",
    [
        (I.HeNormal(seed=0), math.sqrt(2 / 64)),
        (I.LecunNormal(seed=0), math.sqrt(1 / 64)),
        (I.GlorotNormal(seed=0), math.sqrt(2 / (64 + 128))),
        (
            I.VarianceScaling(mode="fan_avg", distribution="uniform", seed=0),
            math.sqrt(1 / 96),
        ),
    ],
)
def test_variance_scaling_statistics(init, stddev):
    values = init((64, 128))
    np.testing.assert_allclose(float(jnp.std(values)), stddev, rtol=0.05)
    assert abs(float(jnp.mean(values))) < 0.1 * stddev


def test_truncated_normal_is_bounded():
    values = I.TruncatedNormal(stddev=1.0, seed=0)((4000,))
    assert float(jnp.max(jnp.abs(values))) <= 2.0


def test_orthogonal_is_orthogonal():
    q = np.asarray(I.Orthogonal(seed=3)((3, 2)))
    np.testing.assert_allclose(q.T @ q, np.eye(2), atol=1e-5)
    q = np.asarray(I.Orthogonal(gain=2.0, seed=3)((2, 1, 3))).reshape(2, 3)
    np.testing.assert_allclose(q @ q.T, 4 * np.eye(2), atol=1e-5)


def test_seed_semantics_follow_keras():
    seeded = I.RandomNormal(seed=3)
    np.testing.assert_array_equal(seeded((3,)), seeded((3,)))
    unseeded = I.RandomNormal()
    np.testing.assert_array_equal(unseeded((3,)), unseeded((3,)))
    assert not np.array_equal(I.RandomNormal()((3,)), I.RandomNormal()((3,)))
    generator = I.RandomNormal(seed=SeedGenerator(1))
    assert not np.array_equal(generator((3,)), generator((3,)))
    with pytest.raises(ValueError, match="seed"):
        I.RandomNormal(seed="abc")


@pytest.mark.parametrize(
    "name, cls",
    [
        ("glorot_uniform", I.GlorotUniform),
        ("zeros", I.Zeros),
        ("zero", I.Zeros),
        ("one", I.Ones),
        ("uniform", I.RandomUniform),
        ("normal", I.RandomNormal),
        ("random_normal", I.RandomNormal),
        ("he_normal", I.HeNormal),
        ("orthogonal", I.Orthogonal),
        ("identity", I.Identity),
        ("IdentityInitializer", I.Identity),
        ("OrthogonalInitializer", I.Orthogonal),
        ("VarianceScaling", I.VarianceScaling),
        ("truncated_normal", I.TruncatedNormal),
    ],
)
def test_get_string_aliases(name, cls):
    assert type(I.get(name)) is cls


def test_get_other_identifiers():
    assert I.get(None) is None
    assert I.get("uniform").get_config() == {
        "seed": None,
        "minval": -0.05,
        "maxval": 0.05,
    }
    assert I.get("normal").get_config() == {"seed": None, "mean": 0.0, "stddev": 0.05}
    assert isinstance(I.get(I.HeUniform), I.HeUniform)
    value = np.ones((2, 2), "float32")
    np.testing.assert_array_equal(I.get(value)((2, 2)), value)
    with pytest.raises(ValueError, match="shape"):
        I.get(value)((3,))
    with pytest.raises(ValueError, match="Could not interpret initializer"):
        I.get("nope")


def test_serialize_matches_keras_format():
    assert I.serialize(I.GlorotUniform(seed=3)) == {
        "module": "keras.initializers",
        "class_name": "GlorotUniform",
        "config": {"seed": 3, "input_axes": None, "output_axes": None},
        "registered_name": None,
    }
    assert I.serialize(I.VarianceScaling())["config"] == {
        "seed": None,
        "scale": 1.0,
        "mode": "fan_in",
        "distribution": "truncated_normal",
        "input_axes": None,
        "output_axes": None,
    }
    assert I.serialize(I.Constant(2.0))["config"] == {"value": 2.0}
    assert I.serialize(I.Identity())["config"] == {}
    restored = I.deserialize(
        {"class_name": "RandomNormal", "config": {"stddev": 2.0, "seed": 3}}
    )
    assert restored.get_config() == {"seed": 3, "mean": 0.0, "stddev": 2.0}
    clone = I.deserialize(I.serialize(I.Orthogonal(gain=2.0, seed=4)))
    np.testing.assert_array_equal(clone((2, 3)), I.Orthogonal(gain=2.0, seed=4)((2, 3)))


def test_validation_errors():
    with pytest.raises(ValueError, match="scale"):
        I.VarianceScaling(scale=0.0)
    with pytest.raises(ValueError, match="mode"):
        I.VarianceScaling(mode="fan")
    with pytest.raises(ValueError, match="distribution"):
        I.VarianceScaling(distribution="poisson")
    assert I.VarianceScaling(distribution="normal").distribution == "truncated_normal"
    with pytest.raises(ValueError, match="two-dimensional"):
        I.Orthogonal()((3,))
