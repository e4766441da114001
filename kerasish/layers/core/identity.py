"""`Identity`: returns its input unchanged."""

from __future__ import annotations

from typing import Any

from kerasish.layers.layer import Layer


class Identity(Layer):
    """Identity layer: a placeholder that returns its input unchanged.

    Args:
        **kwargs: Base layer arguments (`name`, `dtype`, ...).
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.supports_masking = True
        self.built = True

    def call(self, inputs: Any) -> Any:
        return inputs

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape
