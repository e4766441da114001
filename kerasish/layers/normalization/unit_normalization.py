"""`UnitNormalization`: scales each example to unit L2 norm along `axis`."""

from __future__ import annotations

from typing import Any

import jax

from kerasish import ops
from kerasish.layers.layer import Layer
from kerasish.layers.normalization import _checks


class UnitNormalization(Layer):
    """Unit normalization layer.

    Normalizes a batch of inputs so that each input has an L2 norm of 1 along
    `axis`: `x / max(sqrt(sum(x**2, axis)), 1e-12)`.

    Args:
        axis: Integer or list/tuple of integers, the axis or axes to
            normalize across. Defaults to `-1`.
        **kwargs: Base layer keyword arguments (e.g. `name` and `dtype`).

    Example:

    ```python
    layer = keras.layers.UnitNormalization()
    layer([[3.0, 4.0]])  # [[0.6, 0.8]]
    ```
    """

    def __init__(self, axis: Any = -1, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if isinstance(axis, list | tuple):
            self.axis: Any = list(axis)
        elif isinstance(axis, int):
            self.axis = axis
        else:
            raise TypeError(
                "Invalid value for `axis` argument: "
                "expected an int or a list/tuple of ints. "
                f"Received: axis={axis}"
            )
        self.supports_masking = True
        self.built = True

    def call(self, inputs: jax.Array) -> jax.Array:
        axis = tuple(self.axis) if isinstance(self.axis, list) else self.axis
        return ops.normalize(inputs, axis=axis, order=2, epsilon=1e-12)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        axes = self.axis if isinstance(self.axis, list) else [self.axis]
        _checks.check_axes(self, axes, input_shape)
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "axis": self.axis}
