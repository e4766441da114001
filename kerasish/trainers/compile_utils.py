"""What `compile` configures: the compiled loss and the compiled metrics."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.core import scope


class CompileLoss:
    """The loss given to `compile`, resolved against the first batch's shapes."""

    def __init__(self, loss: Any, loss_weights: Any = None) -> None:
        if isinstance(loss, list | tuple | dict):
            raise NotImplementedError(
                "Several losses (a list or dict for several outputs) are not "
                f"supported yet. Received: loss={loss}"
            )
        self._identifier = loss
        self.loss_weight = (
            1.0
            if loss_weights is None
            else float(
                loss_weights[0]
                if isinstance(loss_weights, list | tuple)
                else loss_weights
            )
        )
        self.loss_fn = None
        self.built = False

    def build(self, y_true_shape: tuple, y_pred_shape: tuple) -> None:
        from kerasish import losses

        self.loss_fn = losses.resolve_by_shape(
            self._identifier, y_true_shape, y_pred_shape
        )
        self.built = True

    @property
    def is_sparse_categorical(self) -> bool:
        from kerasish import losses

        fn = getattr(self.loss_fn, "fn", None)
        return isinstance(self.loss_fn, losses.SparseCategoricalCrossentropy) or (
            fn is losses.sparse_categorical_crossentropy
        )

    def __call__(
        self, y_true: Any, y_pred: Any, sample_weight: Any = None
    ) -> jax.Array:
        if self.loss_fn is None:
            return jnp.zeros((), "float32")
        value = self.loss_fn(y_true, y_pred, sample_weight=sample_weight)
        return value * self.loss_weight if self.loss_weight != 1.0 else value


class CompileMetrics:
    """The metrics given to `compile`, as one Keras-style container named
    `compile_metrics` (which is what `model.metrics_names` shows for it)."""

    name = "compile_metrics"

    def __init__(self, metrics: Any = None, weighted_metrics: Any = None) -> None:
        for arg_name, value in (
            ("metrics", metrics),
            ("weighted_metrics", weighted_metrics),
        ):
            if value is not None and not isinstance(value, list | tuple):
                raise ValueError(
                    f"Expected `{arg_name}` argument to be a list, tuple, or dict. "
                    f"Received instead: {arg_name}={value} of type {type(value)}"
                )
        self.given = metrics is not None or weighted_metrics is not None
        self._metrics = list(metrics or [])
        self._weighted_metrics = list(weighted_metrics or [])
        self.unweighted: list = []
        self.weighted: list = []
        self.built = False

    def build(self, y_true_spec: Any, y_pred_spec: Any) -> None:
        """Resolves the metrics for these (abstract) targets and predictions."""
        from kerasish import metrics as metrics_module

        def resolve(identifier: Any) -> Any:
            return metrics_module.resolve_by_shape(
                identifier, y_true_spec.shape, y_pred_spec.shape
            )

        self.unweighted = [resolve(m) for m in self._metrics]
        self.weighted = [resolve(m) for m in self._weighted_metrics]
        for metric in self.metrics:
            _build_state(metric, y_true_spec, y_pred_spec)
        names = [m.name for m in self.unweighted]
        for m in self.weighted:
            if m.name in names:
                m.name = f"weighted_{m.name}"
        self.built = True

    @property
    def metrics(self) -> list:
        return self.unweighted + self.weighted

    @property
    def variables(self) -> list:
        """Every sub-metric's variables, in order (Keras' `metrics_variables`)."""
        return [v for m in self.metrics for v in m.variables]

    def _with_weights(self, sample_weight: Any) -> list:
        """`(metric, kwargs)`: weighted metrics receive the sample weights."""
        weighted = {"sample_weight": sample_weight}
        return [(m, {}) for m in self.unweighted] + [
            (m, weighted) for m in self.weighted
        ]

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        for metric, kwargs in self._with_weights(sample_weight):
            metric.update_state(y_true, y_pred, **kwargs)

    def stateless_update_state(
        self, values: list, y_true: Any, y_pred: Any, sample_weight: Any = None
    ) -> list:
        """Pure update of every sub-metric; `values` is the flat variable list."""
        new, start = [], 0
        for metric, kwargs in self._with_weights(sample_weight):
            stop = start + len(metric.variables)
            new += metric.stateless_update_state(
                values[start:stop], y_true, y_pred, **kwargs
            )
            start = stop
        return new

    def stateless_result(self, values: list) -> dict:
        results, start = {}, 0
        for metric in self.metrics:
            stop = start + len(metric.variables)
            results[metric.name] = metric.stateless_result(values[start:stop])
            start = stop
        return results

    def stateless_reset_state(self) -> list:
        return [v for m in self.metrics for v in m.stateless_reset_state()]

    def reset_state(self) -> None:
        for metric in self.metrics:
            metric.reset_state()

    def result(self) -> dict:
        return {m.name: m.result() for m in self.metrics}


def _build_state(metric: Any, y_true_spec: Any, y_pred_spec: Any) -> None:
    """Runs one abstract update so metrics that create their variables on the
    first `update_state` (F1Score, R2Score, ...) have them before training."""

    def update(y_true: Any, y_pred: Any) -> None:
        with scope.enter(scope.Scope(kind="symbolic")):
            metric.update_state(y_true, y_pred)

    jax.eval_shape(update, y_true_spec, y_pred_spec)
