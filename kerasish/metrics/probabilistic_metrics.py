"""Probabilistic and hinge metrics: crossentropies, KL divergence, Poisson, hinges."""

from __future__ import annotations

from kerasish.losses import losses as fns
from kerasish.metrics.reduction_metrics import MeanMetricWrapper


class KLDivergence(MeanMetricWrapper):
    """Computes the mean Kullback-Leibler divergence between `y_true` and `y_pred`."""

    def __init__(self, name="kl_divergence", dtype=None):
        super().__init__(fn=fns.kl_divergence, name=name, dtype=dtype)

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class Poisson(MeanMetricWrapper):
    """Computes the mean Poisson loss `y_pred - y_true * log(y_pred)`."""

    def __init__(self, name="poisson", dtype=None):
        super().__init__(fn=fns.poisson, name=name, dtype=dtype)

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class BinaryCrossentropy(MeanMetricWrapper):
    """Computes the mean binary crossentropy.

    Args:
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
        from_logits: (Optional) Whether `y_pred` holds logits.
        label_smoothing: (Optional) Float in [0, 1]; labels are squeezed
            towards 0.5.
    """

    def __init__(
        self,
        name="binary_crossentropy",
        dtype=None,
        from_logits=False,
        label_smoothing=0,
    ):
        super().__init__(
            fns.binary_crossentropy,
            name,
            dtype=dtype,
            from_logits=from_logits,
            label_smoothing=label_smoothing,
        )
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self._direction = "down"

    def get_config(self):
        return {
            "name": self.name,
            "dtype": self.dtype,
            "from_logits": self.from_logits,
            "label_smoothing": self.label_smoothing,
        }


class CategoricalCrossentropy(MeanMetricWrapper):
    """Computes the mean categorical crossentropy (one-hot labels).

    Args:
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
        from_logits: (Optional) Whether `y_pred` holds logits.
        label_smoothing: (Optional) Float in [0, 1].
        axis: (Optional) The class axis. Defaults to -1.
    """

    def __init__(
        self,
        name="categorical_crossentropy",
        dtype=None,
        from_logits=False,
        label_smoothing=0,
        axis=-1,
    ):
        super().__init__(
            fns.categorical_crossentropy,
            name,
            dtype=dtype,
            from_logits=from_logits,
            label_smoothing=label_smoothing,
            axis=axis,
        )
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis
        self._direction = "down"

    def get_config(self):
        return {
            "name": self.name,
            "dtype": self.dtype,
            "from_logits": self.from_logits,
            "label_smoothing": self.label_smoothing,
            "axis": self.axis,
        }


class SparseCategoricalCrossentropy(MeanMetricWrapper):
    """Computes the mean crossentropy between integer labels and predictions.

    Args:
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
        from_logits: (Optional) Whether `y_pred` holds logits.
        ignore_class: (Optional) A class id to ignore.
        axis: (Optional) The class axis. Defaults to -1.
    """

    def __init__(
        self,
        name="sparse_categorical_crossentropy",
        dtype=None,
        from_logits=False,
        ignore_class=None,
        axis=-1,
    ):
        super().__init__(
            fns.sparse_categorical_crossentropy,
            name=name,
            dtype=dtype,
            from_logits=from_logits,
            ignore_class=ignore_class,
            axis=axis,
        )
        self.from_logits = from_logits
        self.ignore_class = ignore_class
        self.axis = axis
        self._direction = "down"

    def get_config(self):
        return {
            "name": self.name,
            "dtype": self.dtype,
            "from_logits": self.from_logits,
            "ignore_class": self.ignore_class,
            "axis": self.axis,
        }


class Hinge(MeanMetricWrapper):
    """Computes the mean hinge metric between `y_true` and `y_pred`."""

    def __init__(self, name="hinge", dtype=None):
        super().__init__(fn=fns.hinge, name=name, dtype=dtype)
        self._direction = "down"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class SquaredHinge(MeanMetricWrapper):
    """Computes the mean squared hinge metric between `y_true` and `y_pred`."""

    def __init__(self, name="squared_hinge", dtype=None):
        super().__init__(fn=fns.squared_hinge, name=name, dtype=dtype)
        self._direction = "down"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class CategoricalHinge(MeanMetricWrapper):
    """Computes the mean categorical hinge metric between `y_true` and `y_pred`."""

    def __init__(self, name="categorical_hinge", dtype=None):
        super().__init__(fn=fns.categorical_hinge, name=name, dtype=dtype)
        self._direction = "down"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}
