import jax.numpy as jnp

from kerasish.core import shapes


def test_unknown_dims_stay_unknown():
    assert shapes.output_shape(lambda x: x[:, :2] * 2, (None, 5)) == (None, 2)
    assert shapes.output_shape(lambda x: jnp.sum(x, axis=0), (None, None, 3)) == (
        None,
        3,
    )
