"""The autocast scope: float variables read in the compute dtype, others as is."""

import jax.numpy as jnp

from kerasish.core import autocast
from kerasish.core.variables import Variable


def test_reads_cast_only_inside_the_scope():
    weight = Variable(jnp.ones((2,), jnp.float32))
    counter = Variable(jnp.zeros((), jnp.int32))
    pinned = Variable(jnp.ones((2,), jnp.float32), autocast=False)
    with autocast.autocast("bfloat16"):
        assert weight.value.dtype == jnp.bfloat16
        assert counter.value.dtype == jnp.int32
        assert pinned.value.dtype == jnp.float32
        with autocast.autocast(None):
            assert weight.value.dtype == jnp.float32
    assert weight.value.dtype == jnp.float32
    assert autocast.current_dtype() is None


def test_assign_add_keeps_the_variable_dtype():
    weight = Variable(jnp.ones((2,), jnp.float32))
    with autocast.autocast("float16"):
        weight.assign_add(jnp.ones((2,), jnp.float32))
    assert weight.value.dtype == jnp.float32
    assert float(weight.value[0]) == 2.0
