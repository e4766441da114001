"""`InputLayer` and `keras.Input`: the symbolic entry point of a model."""

from __future__ import annotations

from typing import Any

import jax.numpy as jnp

from kerasish.backend import config as backend_config
from kerasish.core.keras_tensor import KerasTensor
from kerasish.layers.layer import Layer


class InputLayer(Layer):
    """A layer that stands for a model input; it holds no weights.

    Args:
        shape: Shape tuple, not including the batch size.
        batch_size: Optional static batch size.
        dtype: The input dtype (defaults to `floatx()`).
        batch_shape: Full shape including the batch size (instead of `shape`).
        name: Optional name.
    """

    def __init__(
        self,
        shape: tuple | None = None,
        batch_size: int | None = None,
        dtype: Any = None,
        sparse: bool | None = None,
        ragged: bool | None = None,
        batch_shape: tuple | None = None,
        input_tensor: KerasTensor | None = None,
        optional: bool = False,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.pop("input_shape", None)
        super().__init__(name=name, **kwargs)
        if shape is not None and batch_shape is not None:
            raise ValueError(
                "You cannot pass both `shape` and `batch_shape` at the same time."
            )
        if batch_size is not None and batch_shape is not None:
            raise ValueError(
                "You cannot pass both `batch_size` and `batch_shape` at the same time."
            )
        if shape is None and batch_shape is None and input_tensor is None:
            raise ValueError("You must pass a `shape` argument.")
        if input_tensor is not None:
            batch_shape = input_tensor.shape
        elif shape is not None:
            if isinstance(shape, int):
                shape = (shape,)
            batch_shape = (batch_size, *shape)
        self._batch_shape = tuple(None if d is None else int(d) for d in batch_shape)
        self._dtype = str(jnp.dtype(dtype or backend_config.floatx()))
        self.sparse = bool(sparse)
        self.ragged = bool(ragged)
        self.optional = optional
        self.built = True
        self._output_tensor = input_tensor or KerasTensor(
            self._batch_shape, self._dtype, name=self.name, keras_history=(self, 0, 0)
        )
        self._summary_output_shape = self._batch_shape

    @property
    def output(self) -> KerasTensor:
        return self._output_tensor

    @property
    def batch_shape(self) -> tuple:
        return self._batch_shape

    def call(self, inputs: Any) -> Any:
        return inputs

    def get_config(self) -> dict:
        return {
            "batch_shape": self._batch_shape,
            "dtype": self._dtype,
            "sparse": self.sparse,
            "ragged": self.ragged,
            "name": self.name,
            "optional": self.optional,
        }


def Input(  # noqa: N802 - Keras' public name
    shape: tuple | None = None,
    batch_size: int | None = None,
    dtype: Any = None,
    sparse: bool | None = None,
    ragged: bool | None = None,
    batch_shape: tuple | None = None,
    name: str | None = None,
    tensor: KerasTensor | None = None,
    optional: bool = False,
) -> KerasTensor:
    """Creates a symbolic input tensor (`KerasTensor`) for a model.

    Args:
        shape: Shape tuple, not including the batch size, e.g. `(784,)`.
        batch_size: Optional static batch size.
        dtype: The input dtype (defaults to `floatx()`).
        batch_shape: Full shape including the batch size.
        name: Optional name for the input layer.

    Returns:
        A `KerasTensor`.

    Example:

    ```python
    x = keras.Input(shape=(32,))
    ```
    """
    layer = InputLayer(
        shape=shape,
        batch_size=batch_size,
        dtype=dtype,
        sparse=sparse,
        ragged=ragged,
        batch_shape=batch_shape,
        name=name,
        input_tensor=tensor,
        optional=optional,
    )
    return layer.output
