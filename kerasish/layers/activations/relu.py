"""`ReLU`: the rectified linear unit as a layer, with slope, cap and threshold."""

from __future__ import annotations

from typing import Any

import jax

from kerasish import activations
from kerasish.layers.layer import Layer


class ReLU(Layer):
    """Rectified Linear Unit activation function layer.

    Formula:

    ```
    f(x) = max(x, 0) if negative_slope == 0, max_value is None, threshold == 0
    f(x) = max_value                      if x >= max_value
    f(x) = x                              if threshold <= x < max_value
    f(x) = negative_slope * (x - threshold)  otherwise
    ```

    Args:
        max_value: Float >= 0, the maximum activation value. `None` means
            unlimited.
        negative_slope: Float >= 0, the slope for values below the threshold.
        threshold: Float >= 0, the threshold value for thresholded
            activation.
        **kwargs: Base layer keyword arguments, such as `name` and `dtype`.

    Example:

    ```python
    layer = keras.layers.ReLU(max_value=1.0)
    layer([-3.0, 0.5, 2.0])  # [0.0, 0.5, 1.0]
    ```
    """

    def __init__(
        self,
        max_value: float | None = None,
        negative_slope: float = 0.0,
        threshold: float = 0.0,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if max_value is not None and max_value < 0.0:
            raise ValueError(
                "max_value of a ReLU layer cannot be a negative "
                f"value. Received: max_value={max_value}"
            )
        if negative_slope is None or negative_slope < 0.0:
            raise ValueError(
                "negative_slope of a ReLU layer cannot be None or a "
                f"negative value. Received: negative_slope={negative_slope}"
            )
        if threshold is None or threshold < 0.0:
            raise ValueError(
                "threshold of a ReLU layer cannot be None or a "
                f"negative value. Received: threshold={threshold}"
            )
        self.max_value = max_value
        self.negative_slope = negative_slope
        self.threshold = threshold
        self.supports_masking = True
        self.built = True

    def call(self, inputs: jax.Array) -> jax.Array:
        return activations.relu(
            inputs,
            negative_slope=self.negative_slope,
            max_value=self.max_value,
            threshold=self.threshold,
        )

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return input_shape

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "max_value": self.max_value,
            "negative_slope": self.negative_slope,
            "threshold": self.threshold,
        }
