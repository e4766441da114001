"""`Discretization`: buckets continuous features by bin boundaries (given, or
adapted from quantiles of data)."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from kerasish.backend import config
from kerasish.layers.layer import Layer
from kerasish.layers.preprocessing.category_encoding import encode_categorical

OUTPUT_MODES = ("int", "one_hot", "multi_hot", "count")


class Discretization(Layer):
    """A preprocessing layer which buckets continuous features by ranges.

    Each input value becomes the index of the bin it falls into: with
    `bin_boundaries=[0., 1., 2.]` the bins are `(-inf, 0)`, `[0, 1)`, `[1, 2)`
    and `[2, +inf)`. The boundaries are given, or learned with `adapt()` as
    approximate quantiles of the data (`num_bins` of them).

    Args:
        bin_boundaries: A list of bin boundaries (sorted). Mutually exclusive
            with `num_bins`.
        num_bins: The number of bins to compute with `adapt()`.
        epsilon: Error tolerance of the quantile summaries used by `adapt()`
            (typically a small fraction close to zero, e.g. 0.01).
        output_mode: `"int"` (bin indices, int32), `"one_hot"`, `"multi_hot"`
            or `"count"` (as `CategoryEncoding`, over `len(bin_boundaries) + 1`
            bins).
        sparse: Whether to return sparse tensors (not supported by kerasish).
        dtype: The layer's dtype (the output dtype of the non-int modes).
        name: The layer's name.

    Example:
    ```python
    layer = keras.layers.Discretization(bin_boundaries=[0.0, 1.0, 2.0])
    layer(np.array([[-1.5, 1.0, 3.4, 0.5], [0.0, 3.0, 1.3, 0.0]]))
    # [[0, 2, 3, 1], [1, 3, 2, 1]]
    ```
    """

    def __init__(
        self,
        bin_boundaries: Any = None,
        num_bins: int | None = None,
        epsilon: float = 0.01,
        output_mode: str = "int",
        sparse: bool = False,
        dtype: Any = None,
        name: str | None = None,
    ) -> None:
        super().__init__(name=name, dtype=dtype)
        if sparse:
            raise ValueError(
                "`sparse=True` is not supported by kerasish (no sparse tensors). "
                f"Received: sparse={sparse}"
            )
        if output_mode not in OUTPUT_MODES:
            raise ValueError(
                "Unknown value for `output_mode` argument of Discretization. "
                f"Allowed values are: {OUTPUT_MODES}. Received: "
                f"output_mode={output_mode}"
            )
        if num_bins is not None and num_bins < 0:
            raise ValueError(
                "`num_bins` must be greater than or equal to 0. "
                f"Received: `num_bins={num_bins}`"
            )
        if num_bins is not None and bin_boundaries is not None:
            raise ValueError(
                "Both `num_bins` and `bin_boundaries` should not be set. "
                f"Received: `num_bins={num_bins}` and "
                f"`bin_boundaries={bin_boundaries}`"
            )
        if num_bins is None and bin_boundaries is None:
            raise ValueError("You need to set either `num_bins` or `bin_boundaries`.")
        self.bin_boundaries = bin_boundaries
        self.num_bins = num_bins
        self.epsilon = epsilon
        self.output_mode = output_mode
        self.sparse = sparse
        self.summary = None if bin_boundaries else _empty_summary()
        self.built = True

    @property
    def output_dtype(self) -> str:
        return self.compute_dtype if self.output_mode != "int" else "int32"

    def adapt(self, data: Any, steps: int | None = None) -> None:
        """Computes bin boundaries from quantiles of `data`.

        Args:
            data: A NumPy array (or JAX array), or an iterable of batches.
            steps: Number of batches to use from an iterable (all by default).
        """
        if self.num_bins is None:
            raise ValueError(
                "Cannot adapt a Discretization layer that has been initialized "
                "with `bin_boundaries`, use `num_bins` instead."
            )
        self.reset_state()
        if isinstance(data, np.ndarray | jax.Array):
            self.update_state(data)
        else:
            for i, batch in enumerate(data):
                if steps is not None and i >= steps:
                    break
                self.update_state(batch)
        self.finalize_state()

    def update_state(self, data: Any) -> None:
        data = np.array(data).astype("float32")
        summary = _summarize(data, self.epsilon)
        self.summary = _merge_summaries(summary, self.summary, self.epsilon)

    def finalize_state(self) -> None:
        if self.num_bins is None:
            return
        self.bin_boundaries = _compress_summary(self.summary, 1.0 / self.num_bins)[
            0, :-1
        ].tolist()

    def reset_state(self) -> None:
        if self.num_bins is None:
            return
        self.summary = _empty_summary()

    def call(self, inputs: jax.Array) -> jax.Array:
        if self.bin_boundaries is None:
            raise ValueError(
                "You need to either pass the `bin_boundaries` argument at "
                "construction time or call `adapt(dataset)` before you can "
                "start using the `Discretization` layer."
            )
        inputs = jnp.asarray(inputs)
        if not jnp.issubdtype(inputs.dtype, jnp.floating):
            inputs = inputs.astype(config.floatx())
        bins = jnp.asarray(self.bin_boundaries, dtype=inputs.dtype)
        indices = jnp.digitize(inputs, bins).astype("int32")
        return encode_categorical(
            indices, self.output_mode, len(self.bin_boundaries) + 1, self.output_dtype
        )

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        input_shape = tuple(input_shape)
        if self.output_mode == "int":
            return input_shape
        depth = (
            len(self.bin_boundaries) + 1
            if self.bin_boundaries is not None
            else self.num_bins
        )
        if self.output_mode == "one_hot":
            if input_shape and input_shape[-1] == 1 and len(input_shape) > 1:
                return input_shape[:-1] + (depth,)
            return input_shape + (depth,)
        if len(input_shape) >= 2:
            return (input_shape[0],) + input_shape[2:] + (depth,)
        return (depth,)

    def get_config(self) -> dict:
        # Keras quirk: no `trainable`, and `dtype` as a plain string.
        return {
            "bin_boundaries": self.bin_boundaries,
            "num_bins": self.num_bins,
            "epsilon": self.epsilon,
            "output_mode": self.output_mode,
            "sparse": self.sparse,
            "name": self.name,
            "dtype": self.dtype,
        }

    @classmethod
    def from_config(cls, config: dict) -> Discretization:
        config = dict(config)
        if config.get("bin_boundaries") is not None and config.get("num_bins"):
            # An adapted layer has both; `__init__` accepts only one of them.
            bin_boundaries = config.pop("bin_boundaries")
            layer = cls(**config)
            layer.bin_boundaries = bin_boundaries
            return layer
        return cls(**config)


def _empty_summary() -> np.ndarray:
    return np.array([[], []], dtype="float32")


def _summarize(values: np.ndarray, epsilon: float) -> np.ndarray:
    """Sorted values sampled every `len / (1 / epsilon)` elements, with weights:
    a `(2, n)` summary (values, counts) of `values`."""
    values = np.sort(np.reshape(values, [-1]))
    step = max(np.size(values) / (1.0 / epsilon), 1)
    boundaries = values[int(step - 1) :: int(step)]
    return np.stack([boundaries, np.ones_like(boundaries) * step])


def _merge_summaries(
    prev_summary: np.ndarray, next_summary: np.ndarray, epsilon: float
) -> np.ndarray:
    merged = np.concatenate((prev_summary, next_summary), axis=1)
    merged = np.take(merged, np.argsort(merged[0]), axis=1)
    return _compress_summary(merged, epsilon)


def _compress_summary(summary: np.ndarray, epsilon: float) -> np.ndarray:
    """Re-bins a summary to `1 / epsilon` points by interpolating its
    cumulative weights (the summary itself when it is already that small)."""
    if summary.shape[1] * epsilon < 1:
        return summary
    percents = epsilon + np.arange(0.0, 1.0, epsilon)
    cum_weights = summary[1].cumsum()
    cum_weight_percents = cum_weights / cum_weights[-1]
    new_bins = np.interp(percents, cum_weight_percents, summary[0])
    cum_weights = np.interp(percents, cum_weight_percents, cum_weights)
    new_weights = cum_weights - np.concatenate((np.array([0]), cum_weights[:-1]))
    return np.stack((new_bins, new_weights)).astype("float32")
