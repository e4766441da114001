import jax
import jax.numpy as jnp
import numpy as np
import pytest

from kerasish.core import scope
from kerasish.core.variables import Variable


def test_variable_reads_bound_leaf_and_records_assign():
    v = Variable(np.zeros(2, "float32"), name="v", trainable=False)
    active = scope.Scope(values={id(v): jnp.ones(2)})
    with scope.enter(active):
        np.testing.assert_array_equal(np.asarray(v.value), [1.0, 1.0])
        v.assign(v.value + 1)
        np.testing.assert_array_equal(np.asarray(v.value), [2.0, 2.0])
    np.testing.assert_array_equal(v.numpy(), [0.0, 0.0])
    np.testing.assert_array_equal(np.asarray(active.updates[id(v)]), [2.0, 2.0])


def test_scope_is_pure_under_jit():
    v = Variable(np.zeros(3, "float32"), name="v")

    @jax.jit
    def double(leaf):
        with scope.enter(scope.Scope(values={id(v): leaf})):
            return v * 2

    np.testing.assert_array_equal(np.asarray(double(jnp.arange(3.0))), [0.0, 2.0, 4.0])


def test_outer_scope_binding_visible_from_inner_scope():
    v = Variable(np.zeros(1, "float32"), name="v")
    with scope.enter(scope.Scope(values={id(v): jnp.ones(1)})):
        with scope.enter(scope.Scope(training=True)):
            assert float(v.value[0]) == 1.0


def test_next_key_without_key_names_the_fix():
    with pytest.raises(ValueError, match="key="):
        scope.Scope().next_key()


def test_keys_split_deterministically():
    a = scope.Scope(key=jax.random.key(0))
    b = scope.Scope(key=jax.random.key(0))
    assert jnp.array_equal(
        jax.random.key_data(a.next_key()), jax.random.key_data(b.next_key())
    )
