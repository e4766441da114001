"""Layout checks, `distribute_tensor` and the errors the 4-device run gives."""

import re

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from kerasish.distribution import DeviceMesh, TensorLayout, distribute_tensor
from kerasish.distribution.placement import check_layout


def _layout(axes) -> TensorLayout:
    # Only the mesh shape matters to the check: a 4-name mesh needs no devices.
    mesh = DeviceMesh((2, 2), ["batch", "model"], devices=["cpu:0"] * 4)
    return TensorLayout(axes, mesh)


def test_check_layout_accepts_divisible_shapes():
    check_layout("d/kernel", (6, 4), _layout((None, "model")))
    check_layout("d/kernel", (4, 4), _layout(("batch", "model")))


def test_check_layout_errors():
    with pytest.raises(ValueError, match=r"dimension 0 \(size 3\) of variable 'd/b'"):
        check_layout("d/b", (3,), _layout(("model",)))
    with pytest.raises(ValueError, match="has 1 entries but variable 'd/k'"):
        check_layout("d/k", (4, 4), _layout(("model",)))


def test_distribute_tensor_eager_and_traced():
    mesh = DeviceMesh((1,), ["batch"])
    layout = TensorLayout(["batch"], mesh)
    x = distribute_tensor(jnp.arange(4.0), layout)
    assert x.sharding.is_equivalent_to(layout.backend_layout, 1)
    assert distribute_tensor(x, layout) is x
    y = jax.jit(lambda a: distribute_tensor(a * 2, layout))(np.arange(4.0))
    np.testing.assert_array_equal(y, np.arange(4.0) * 2)


@pytest.mark.parametrize(
    "case, message",
    [
        ("indivisible_batch", "Received: batch_size=6"),
        ("indivisible_remainder", "Received: a last batch of 2 samples"),
        ("impossible_layout", "Cannot shard dimension 0 \\(size 3\\)"),
        ("after_build", "Call `keras.distribution.set_distribution"),
        ("unused_key", "LayoutMap key '.\\*dense_typo/kernel' matches no variable"),
    ],
)
def test_bad_input_errors(four_devices, case, message):
    kind, text = four_devices["errors"][case]
    expected = "UserWarning" if case == "unused_key" else "ValueError"
    assert kind == expected
    assert re.search(message, text), text
