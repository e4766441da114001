"""`Normalization`: feature-wise standardization by a given or adapted mean and
variance."""

from __future__ import annotations

import itertools
import math
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from kerasish.backend import config
from kerasish.core.variables import unwrap
from kerasish.layers.layer import Layer


class Normalization(Layer):
    """A preprocessing layer that normalizes continuous features.

    Computes `(input - mean) / sqrt(var)` (the square root is floored at
    `epsilon()`), with `mean` and `variance` given at construction or
    computed by `adapt()`. Adapted statistics live in non-trainable weights
    `mean`, `variance` and `count` (kept for compatibility with older Keras
    files; `adapt` leaves it at 0), as in Keras.

    Args:
        axis: Integer, tuple of integers, or None. The axis or axes that have
            a separate mean and variance; statistics are shared along the
            others. Defaults to -1 (the last axis); `None` means one scalar
            mean and variance.
        mean: The mean value(s) to use; broadcast to the kept axes.
        variance: The variance value(s) to use; broadcast as `mean`.
        invert: If `True`, the layer undoes a normalization:
            `mean + input * sqrt(var)`.
        **kwargs: Base layer keyword arguments, such as `name` and `dtype`.

    Example:
    ```python
    layer = keras.layers.Normalization(axis=None)
    layer.adapt(np.array([1.0, 2.0, 3.0, 4.0, 5.0]))
    layer(np.array([1.0, 2.0, 3.0]))  # [-1.4142, -0.7071, 0.]
    ```
    """

    def __init__(
        self,
        axis: int | tuple | None = -1,
        mean: Any = None,
        variance: Any = None,
        invert: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if axis is None:
            axis = ()
        elif isinstance(axis, int):
            axis = (axis,)
        self.axis = tuple(axis)
        self.input_mean = mean
        self.input_variance = variance
        self.invert = invert
        self.supports_masking = True
        self._build_input_shape = None
        self.mean = None
        self.variance = None
        if (mean is not None) != (variance is not None):
            raise ValueError(
                "When setting values directly, both `mean` and `variance` "
                f"must be set. Received: mean={mean} and variance={variance}"
            )
        if mean is not None:
            if np.shape(mean) != np.shape(variance):
                raise ValueError(
                    "When setting values directly, `mean` and `variance` "
                    "must have the same shape. Received: "
                    f"mean shape {np.shape(mean)} and "
                    f"variance shape {np.shape(variance)}"
                )
            if len(np.shape(mean)) > len(self.axis):
                raise ValueError(
                    "The rank of `mean` must be less than or equal to the "
                    f"number of axes ({len(self.axis)}). Received: "
                    f"mean shape {np.shape(mean)} for axis {self.axis}"
                )

    def build(self, input_shape: tuple) -> None:
        input_shape = tuple(input_shape)
        ndim = len(input_shape)
        self._build_input_shape = input_shape
        if any(a < -ndim or a >= ndim for a in self.axis):
            raise ValueError(
                "All `axis` values must be in the range [-ndim, ndim). "
                f"Received inputs with ndim={ndim}, while axis={self.axis}"
            )
        self._keep_axis = tuple(sorted(a % ndim for a in self.axis))
        for d in self._keep_axis:
            if input_shape[d] is None:
                raise ValueError(
                    "All `axis` values to be kept must have a known shape. "
                    f"Received axis={self.axis}, inputs.shape={input_shape}, "
                    f"with unknown axis at index {d}"
                )
        self._reduce_axis = tuple(d for d in range(ndim) if d not in self._keep_axis)
        self._broadcast_shape = tuple(
            input_shape[d] if d in self._keep_axis else 1 for d in range(ndim)
        )
        self._mean_and_var_shape = tuple(input_shape[d] for d in self._keep_axis)
        if self.input_mean is None:
            self.adapt_mean = self.add_weight(
                name="mean",
                shape=self._mean_and_var_shape,
                initializer="zeros",
                trainable=False,
            )
            self.adapt_variance = self.add_weight(
                name="variance",
                shape=self._mean_and_var_shape,
                initializer="ones",
                trainable=False,
            )
            # Keras keeps `count` for backwards compatibility with old files.
            self.count = self.add_weight(
                name="count",
                shape=(),
                dtype="int32",
                initializer="zeros",
                trainable=False,
            )
        else:
            self.mean = self._broadcast_given(self.input_mean, ndim)
            self.variance = self._broadcast_given(self.input_variance, ndim)

    def _broadcast_given(self, value: Any, ndim: int) -> jax.Array:
        """A given mean/variance aligned right-to-left with the kept axes."""
        value = np.asarray(value)
        expanded = [1] * ndim
        for i in range(1, value.ndim + 1):
            expanded[self._keep_axis[-i]] = value.shape[-i]
        value = np.broadcast_to(value.reshape(expanded), self._broadcast_shape)
        return jnp.asarray(value, dtype=self.compute_dtype)

    def _statistics(self) -> tuple[jax.Array, jax.Array]:
        if self.input_mean is not None:
            return self.mean, self.variance
        # Read through the variables (not cached constants), so `set_weights`,
        # loading and a pure `apply` with another `state` all take effect.
        mean = jnp.reshape(unwrap(self.adapt_mean), self._broadcast_shape)
        variance = jnp.reshape(unwrap(self.adapt_variance), self._broadcast_shape)
        return mean.astype(self.compute_dtype), variance.astype(self.compute_dtype)

    def call(self, inputs: jax.Array) -> jax.Array:
        inputs = jnp.asarray(inputs).astype(self.compute_dtype)
        mean, variance = self._statistics()
        std = jnp.maximum(
            jnp.sqrt(variance), jnp.asarray(config.epsilon(), variance.dtype)
        )
        if self.invert:
            return mean + inputs * std
        return (inputs - mean) / std

    def adapt(self, data: Any) -> None:
        """Computes the mean and variance of `data` (per position on `axis`).

        Args:
            data: A NumPy array or JAX array (statistics over the whole array),
                or an iterable of batches (e.g. a list of arrays, a generator,
                a `PyDataset`; `(x, y)` tuples use `x`), whose statistics are
                combined batch by batch as Keras does.
        """
        is_array = isinstance(data, np.ndarray | jax.Array)
        if is_array:
            input_shape = tuple(data.shape)
        elif hasattr(data, "__iter__"):
            iterator = iter(data)
            first = next(iterator, None)
            if first is None:
                raise ValueError(
                    "adapt() received an empty iterable (no batches). Expected "
                    "at least one batch. Pass a non-empty iterable of arrays or "
                    "tensors, e.g. layer.adapt([x]) or layer.adapt(list_of_batches)."
                )
            first = _extract_batch(first)
            if not hasattr(first, "shape"):
                raise TypeError(
                    "adapt() expects an iterable that yields arrays or tensors "
                    "with a `.shape` attribute (e.g. numpy arrays or backend "
                    f"tensors). Got an element of type {type(first).__name__}."
                )
            input_shape = tuple(first.shape)
            data = itertools.chain([first], iterator)
        else:
            raise TypeError(
                f"Unsupported data type: {type(data)}. `adapt` supports "
                "`np.ndarray`, backend tensors, `keras.utils.PyDataset`, and "
                "iterables of batches (e.g. list, generator)."
            )
        self._build_for_adapt(input_shape)
        if isinstance(data, np.ndarray):
            total_mean = np.mean(data, axis=self._reduce_axis)
            total_var = np.var(data, axis=self._reduce_axis)
        elif is_array:
            total_mean = jnp.mean(data, axis=self._reduce_axis)
            total_var = jnp.var(data, axis=self._reduce_axis)
        else:
            total_mean, total_var = self._batched_moments(data)
        dtype = self.adapt_mean.dtype
        self.adapt_mean.assign(np.asarray(total_mean).astype(dtype))
        self.adapt_variance.assign(np.asarray(total_var).astype(dtype))
        self.finalize_state()

    def finalize_state(self) -> None:
        """Keras' `mean` / `variance` attributes from the adapted statistics
        (`call` itself reads the variables, so later changes still apply)."""
        if self.input_mean is not None or not self.built:
            return
        self.mean, self.variance = self._statistics()

    def _build_for_adapt(self, input_shape: tuple) -> None:
        if not self.built:
            self.build(input_shape)
            self.built = True
            return
        for d in self._keep_axis:
            if input_shape[d] != self._build_input_shape[d]:
                raise ValueError(
                    "The layer was built with "
                    f"input_shape={self._build_input_shape}, but adapt() is being "
                    "called with data with an incompatible shape, "
                    f"data.shape={input_shape}"
                )

    def _batched_moments(self, batches: Any) -> tuple[np.ndarray, np.ndarray]:
        """Keras' running merge of per-batch means and (biased) variances."""
        total_mean = jnp.zeros(self._mean_and_var_shape)
        total_var = jnp.zeros(self._mean_and_var_shape)
        total_count = 0
        for batch in batches:
            batch = jnp.asarray(_extract_batch(batch), dtype=self.compute_dtype)
            for d in self._keep_axis:
                if batch.shape[d] != self._build_input_shape[d]:
                    raise ValueError(
                        "adapt() yielded a batch with incompatible shape. "
                        f"Expected {self._build_input_shape}, got "
                        f"{tuple(batch.shape)}."
                    )
            batch_mean = jnp.mean(batch, axis=self._reduce_axis)
            batch_var = jnp.var(batch, axis=self._reduce_axis)
            batch_count = math.prod(batch.shape[d] for d in self._reduce_axis)
            total_count += batch_count
            batch_weight = float(batch_count) / total_count
            existing_weight = 1.0 - batch_weight
            new_mean = total_mean * existing_weight + batch_mean * batch_weight
            # Lack-of-fit sum of squares: each part's variance plus the squared
            # shift of its mean to the new mean.
            total_var = (total_var + (total_mean - new_mean) ** 2) * existing_weight + (
                batch_var + (batch_mean - new_mean) ** 2
            ) * batch_weight
            total_mean = new_mean
        return total_mean, total_var

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return tuple(input_shape)

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "axis": self.axis,
            "invert": self.invert,
            "mean": np.array(self.input_mean).tolist(),
            "variance": np.array(self.input_variance).tolist(),
        }

    def get_build_config(self) -> dict | None:
        if self._build_input_shape:
            return {"input_shape": self._build_input_shape}
        return None


def _extract_batch(batch: Any) -> Any:
    """`x` of an `(x, ...)` batch tuple."""
    if isinstance(batch, tuple | list) and batch and hasattr(batch[0], "shape"):
        return batch[0]
    return batch
